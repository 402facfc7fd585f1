import type { Db } from '../src/lib/server/db';
import { recordAudit } from '../src/lib/server/audit';
import type { ProgrammeSeed } from './types';

/**
 * Inserts one programme with its periods and logframe, unless a programme with the same code is
 * already there (so running the seed twice changes nothing). Returns the programme id.
 */
export async function seedProgramme(db: Db, seed: ProgrammeSeed): Promise<{ id: number; created: boolean }> {
	const existing = await db.selectFrom('programme').select('id').where('code', '=', seed.programme.code).executeTakeFirst();
	if (existing) return { id: existing.id, created: false };

	return db.transaction().execute(async (trx) => {
		const p = seed.programme;
		const { id: programmeId } = await trx
			.insertInto('programme')
			.values({
				slug: p.slug,
				code: p.code,
				short_name: p.shortName,
				title: p.title,
				country: p.country,
				partners: p.partners,
				donor: p.donor,
				funding_modality: p.fundingModality,
				budget_cents: p.budgetCents,
				currency: p.currency,
				start_date: p.startDate,
				end_date: p.endDate,
				status: p.status,
				summary: p.summary,
				sdg_targets: JSON.stringify(p.sdgTargets),
				gender_marker: p.genderMarker
			})
			.returning('id')
			.executeTakeFirstOrThrow();

		if (seed.periods.length) {
			await trx
				.insertInto('reporting_period')
				.values(seed.periods.map((period) => ({ programme_id: programmeId, label: period.label, start_date: period.startDate, end_date: period.endDate })))
				.execute();
		}

		for (const [moduleIndex, module] of seed.modules.entries()) {
			const { id: moduleId } = await trx
				.insertInto('module')
				.values({ programme_id: programmeId, code: module.code, title: module.title, objective: module.objective, sort_order: moduleIndex })
				.returning('id')
				.executeTakeFirstOrThrow();
			for (const [outputIndex, output] of module.outputs.entries()) {
				const { id: outputId } = await trx
					.insertInto('output')
					.values({ module_id: moduleId, code: output.code, title: output.title, description: output.description ?? '', sort_order: outputIndex })
					.returning('id')
					.executeTakeFirstOrThrow();
				if (output.activities.length) {
					await trx
						.insertInto('activity')
						.values(
							output.activities.map((a, i) => ({
								output_id: outputId,
								code: a.code,
								title: a.title,
								planned_start: a.plannedStart,
								planned_end: a.plannedEnd,
								actual_start: a.actualStart ?? null,
								actual_end: a.actualEnd ?? null,
								status: a.status,
								progress: a.progress,
								responsible: a.responsible,
								sort_order: i
							}))
						)
						.execute();
				}
			}
		}

		await recordAudit(trx, {
			userId: null,
			programmeId,
			entity: 'programme',
			entityId: programmeId,
			action: 'create',
			after: { code: p.code, title: p.title },
			reason: 'seed'
		});
		return { id: programmeId, created: true };
	});
}
