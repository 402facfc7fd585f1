import type { Db } from '../../src/lib/server/db/connection';

// A synthetic programme of the size a large EU logframe reaches: `indicators` indicators spread
// over 10 modules × 3 outputs, 12 half-year periods, a milestone and an approved value for every
// indicator in every period (a quarter of them split by sex), and one value awaiting review per
// ten indicators.

export interface Generated {
	programmeId: number;
	slug: string;
	indicatorIds: number[];
	periodIds: number[];
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 400) {
	for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function generateProgramme(
	db: Db,
	options: { slug: string; indicators: number; periods?: number; enteredBy: number; reviewedBy: number }
): Promise<Generated> {
	const periodCount = options.periods ?? 12;
	return db.transaction().execute(async (trx) => {
		const { id: programmeId } = await trx
			.insertInto('programme')
			.values({
				slug: options.slug,
				code: options.slug.toUpperCase(),
				short_name: options.slug,
				title: `Programa sintético de ${options.indicators} indicadores`,
				country: 'Ecuador',
				funding_modality: 'eu_contribution',
				budget_cents: null,
				start_date: '2020-01-01',
				end_date: `${2020 + periodCount / 2 - 1}-12-31`,
				status: 'active'
			})
			.returning('id')
			.executeTakeFirstOrThrow();

		const periodIds: number[] = [];
		for (let i = 0; i < periodCount; i++) {
			const year = 2020 + Math.floor(i / 2);
			const first = i % 2 === 0;
			const { id } = await trx
				.insertInto('reporting_period')
				.values({
					programme_id: programmeId,
					label: `${year}-S${first ? 1 : 2}`,
					start_date: first ? `${year}-01-01` : `${year}-07-01`,
					end_date: first ? `${year}-06-30` : `${year}-12-31`
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			periodIds.push(id);
		}

		const outputs: { id: number; moduleId: number }[] = [];
		for (let m = 1; m <= 10; m++) {
			const { id: moduleId } = await trx
				.insertInto('module')
				.values({ programme_id: programmeId, code: `M${m}`, title: `Módulo ${m}`, sort_order: m })
				.returning('id')
				.executeTakeFirstOrThrow();
			for (let o = 1; o <= 3; o++) {
				const { id } = await trx
					.insertInto('output')
					.values({ module_id: moduleId, code: `${m}.${o}`, title: `Producto ${m}.${o}`, sort_order: o })
					.returning('id')
					.executeTakeFirstOrThrow();
				outputs.push({ id, moduleId });
				await trx
					.insertInto('activity')
					.values(
						[1, 2].map((a) => ({
							output_id: id,
							code: `${m}.${o}.${a}`,
							title: `Actividad ${m}.${o}.${a}`,
							status: 'ongoing',
							progress: 50,
							sort_order: a
						}))
					)
					.execute();
			}
		}

		const indicatorIds: number[] = [];
		for (let i = 0; i < options.indicators; i++) {
			const output = outputs[i % outputs.length]!;
			const bySex = i % 4 === 0;
			const { id } = await trx
				.insertInto('indicator')
				.values({
					programme_id: programmeId,
					module_id: output.moduleId,
					output_id: output.id,
					code: `I-${i + 1}`,
					title: `Indicador sintético ${i + 1}`,
					measure: i % 5 === 0 ? 'percentage' : 'number',
					aggregation: (['cumulative', 'latest', 'per_period'] as const)[i % 3]!,
					direction: i % 7 === 0 ? 'decrease' : 'increase',
					baseline_value: i % 7 === 0 ? 80 : 0,
					target_value: i % 7 === 0 ? 20 : 100,
					disaggregated_by_sex: bySex ? 1 : 0,
					is_key: i % 10 === 0 ? 1 : 0,
					sort_order: i
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			indicatorIds.push(id);
		}

		const targets = indicatorIds.flatMap((indicatorId, i) =>
			periodIds.map((periodId, p) => ({
				indicator_id: indicatorId,
				period_id: periodId,
				value: i % 7 === 0 ? 80 - (60 * (p + 1)) / periodCount : (100 * (p + 1)) / periodCount
			}))
		);
		await insertChunked(targets, (chunk) => trx.insertInto('indicator_target').values(chunk).execute());

		// Leave the last period of one indicator in ten open, so the review queue has work in it.
		const values = indicatorIds.flatMap((indicatorId, i) =>
			periodIds.map((periodId, p) => {
				const value = i % 7 === 0 ? 80 - (55 * (p + 1)) / periodCount : ((90 + (i % 20)) * (p + 1)) / periodCount;
				const rounded = Math.round(value);
				const submitted = i % 10 === 0 && p === periodCount - 1;
				return {
					indicator_id: indicatorId,
					period_id: periodId,
					value: rounded,
					women: i % 4 === 0 ? Math.floor(rounded / 2) : null,
					men: i % 4 === 0 ? rounded - Math.floor(rounded / 2) : null,
					status: submitted ? ('submitted' as const) : ('approved' as const),
					entered_by: options.enteredBy,
					submitted_by: options.enteredBy,
					reviewed_by: submitted ? null : options.reviewedBy,
					is_illustrative: 1
				};
			})
		);
		await insertChunked(values, (chunk) => trx.insertInto('indicator_value').values(chunk).execute());

		await trx
			.insertInto('membership')
			.values([
				{ user_id: options.enteredBy, programme_id: programmeId, role: 'coordinator' },
				{ user_id: options.reviewedBy, programme_id: programmeId, role: 'coordinator' }
			])
			.execute();
		return { programmeId, slug: options.slug, indicatorIds, periodIds };
	});
}
