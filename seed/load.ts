import type { Db } from '../src/lib/server/db/connection';
import { recordAudit } from '../src/lib/server/core/audit';
import type { IndicatorSeed, ProgrammeSeed, ValueSeed } from './types';
import { seededValueDates } from './value-dates';

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
				.values(
					seed.periods.map((period) => ({
						programme_id: programmeId,
						label: period.label,
						start_date: period.startDate,
						end_date: period.endDate
					}))
				)
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
					.values({
						module_id: moduleId,
						code: output.code,
						title: output.title,
						description: output.description ?? '',
						sort_order: outputIndex
					})
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

/**
 * Inserts the programme's indicators with their targets and values, unless it already has
 * indicators (so a database seeded before indicators existed gets them, and a rerun changes nothing).
 */
export async function seedIndicators(db: Db, programmeId: number, seeds: IndicatorSeed[]): Promise<boolean> {
	const any = await db.selectFrom('indicator').select('id').where('programme_id', '=', programmeId).executeTakeFirst();
	if (any || seeds.length === 0) return false;
	await db.transaction().execute(async (trx) => {
		const modules = await trx.selectFrom('module').select(['id', 'code']).where('programme_id', '=', programmeId).execute();
		const outputs = await trx
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['output.id', 'output.code', 'output.module_id'])
			.where('module.programme_id', '=', programmeId)
			.execute();
		const periods = await trx
			.selectFrom('reporting_period')
			.select(['id', 'label', 'end_date'])
			.where('programme_id', '=', programmeId)
			.execute();
		const periodOf = (label: string) => {
			const p = periods.find((x) => x.label === label);
			if (!p) throw new Error(`seed: no period ${label} in programme ${programmeId}`);
			return p;
		};
		const periodId = (label: string) => periodOf(label).id;
		for (const [order, s] of seeds.entries()) {
			const module = modules.find((m) => m.code === s.parent);
			const output = outputs.find((o) => o.code === s.parent);
			if (s.parent !== 'programme' && !module && !output) throw new Error(`seed: no parent ${s.parent} for ${s.code}`);
			const isMilestone = s.measure === 'milestone';
			const { id } = await trx
				.insertInto('indicator')
				.values({
					programme_id: programmeId,
					module_id: output ? output.module_id : (module?.id ?? null),
					output_id: output?.id ?? null,
					code: s.code,
					title: s.title,
					definition: s.definition ?? '',
					unit: s.unit ?? '',
					measure: s.measure,
					direction: s.direction ?? 'increase',
					aggregation: isMilestone || s.measure === 'qualitative' ? 'latest' : (s.aggregation ?? 'per_period'),
					baseline_value: isMilestone ? 0 : (s.baseline ?? null),
					baseline_date: s.baselineDate ?? null,
					baseline_note: s.baselineNote ?? '',
					target_value: isMilestone ? 1 : (s.target ?? null),
					means_of_verification: s.meansOfVerification ?? '',
					frequency: s.frequency ?? 'semiannual',
					responsible: s.responsible ?? '',
					disaggregated_by_sex: s.bySex ? 1 : 0,
					sdg_target: s.sdgTarget ?? '',
					is_key: s.key ? 1 : 0,
					decimals: s.decimals ?? (s.measure === 'percentage' ? 1 : 0),
					source: s.source ?? 'manual',
					sort_order: order
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const targets = Object.entries(s.targets ?? {});
			if (targets.length) {
				await trx
					.insertInto('indicator_target')
					.values(
						targets.map(([label, t]) => {
							const target = typeof t === 'number' ? { value: t } : t;
							return {
								indicator_id: id,
								period_id: periodId(label),
								value: target.value,
								women: target.women ?? null,
								men: target.men ?? null
							};
						})
					)
					.execute();
			}
			const values = Object.entries(s.values ?? {});
			if (values.length) {
				await trx
					.insertInto('indicator_value')
					.values(
						values.map(([label, v]) => {
							const value: ValueSeed = typeof v === 'number' ? { value: v } : v;
							const status = value.status ?? 'approved';
							// Dated on the period's own timeline, not the seeding clock (seed/value-dates.ts).
							const dates = seededValueDates(periodOf(label).end_date);
							return {
								indicator_id: id,
								period_id: periodId(label),
								value: value.value,
								women: value.women ?? null,
								men: value.men ?? null,
								narrative: value.narrative ?? '',
								status,
								submitted_at: dates.submittedAt,
								reviewed_at: status === 'approved' ? dates.reviewedAt : null,
								is_illustrative: value.documented ? 0 : 1
							};
						})
					)
					.execute();
			}
		}
		await recordAudit(trx, {
			userId: null,
			programmeId,
			entity: 'programme',
			entityId: programmeId,
			action: 'seed_indicators',
			after: { count: seeds.length },
			reason: 'seed'
		});
	});
	return true;
}
