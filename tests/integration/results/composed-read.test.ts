import { beforeAll, describe, expect, it } from 'vitest';
import type { Programme } from '$lib/model';
import { NO_FILTERS as NO_TRACKER_FILTERS } from '$lib/adoption';
import { NO_FILTERS as NO_RISK_FILTERS } from '$lib/risk-rules';
import { observeQueries, type Db } from '$lib/server/db/connection';
import type { Viewer } from '$lib/server/core/viewer';
import { loadGenderStrategy } from '$lib/server/gender/strategy';
import { loadTracker } from '$lib/server/recommendations/tracker';
import { assessProgramme, type ReadOptions } from '$lib/server/results/assessment';
import { loadResultsTree } from '$lib/server/results/results-page';
import { loadRiskRegister } from '$lib/server/risks/register';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// A read that combines four domains at one instant (what a progress report or a dashboard does):
// the programme is assessed once and that assessment is handed to each loader, so the statement
// count is fixed and does not grow with the number of indicators.

const AS_OF = '2026-11-21';
let db: Db;
let programme: Programme;
let viewer: Viewer;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	programme = (await seeded(db, 'patss')).programme;
	viewer = { id: await userId(db, 'evaluator@avance.test'), internal: true, canReview: false };
});

async function statements(fn: () => Promise<unknown>): Promise<number> {
	let n = 0;
	observeQueries(() => n++);
	try {
		await fn();
	} finally {
		observeQueries(undefined);
	}
	return n;
}

const loaders = (options: ReadOptions) => [
	() => loadResultsTree(db, programme, viewer, options),
	() => loadRiskRegister(db, programme, viewer, { ...NO_RISK_FILTERS, ...options }),
	() => loadGenderStrategy(db, programme, viewer, options),
	() => loadTracker(db, programme, viewer, { ...NO_TRACKER_FILTERS, asOf: options.asOf })
];

async function combinedRead() {
	const assessment = await assessProgramme(db, programme, AS_OF);
	return Promise.all(loaders({ asOf: AS_OF, assessment }).map((load) => load()));
}

async function addIndicators(count: number) {
	const output = await db
		.selectFrom('output')
		.innerJoin('module', 'module.id', 'output.module_id')
		.select(['output.id', 'output.module_id'])
		.where('module.programme_id', '=', programme.id)
		.executeTakeFirstOrThrow();
	await db
		.insertInto('indicator')
		.values(
			Array.from({ length: count }, (_, i) => ({
				programme_id: programme.id,
				module_id: output.module_id,
				output_id: output.id,
				code: `Z-${i}`,
				title: `Extra ${i}`,
				measure: 'number' as const,
				target_value: 10,
				disaggregated_by_sex: 1
			}))
		)
		.execute();
}

describe('a read that combines results, risks, gender and recommendations', () => {
	it('assesses the programme once: each loader given the assessment skips exactly the assessment statements', async () => {
		const assessment = await statements(() => assessProgramme(db, programme, AS_OF));
		// One after the other: the statement observer is shared, so counts must not overlap.
		const alone: number[] = [];
		for (const load of loaders({ asOf: AS_OF })) alone.push(await statements(load));
		const given = await assessProgramme(db, programme, AS_OF);
		const shared: number[] = [];
		for (const load of loaders({ asOf: AS_OF, assessment: given })) shared.push(await statements(load));
		// The three loaders that judge indicators reuse it; the tracker never needed it.
		expect(alone.slice(0, 3).map((n, i) => n - shared[i]!)).toEqual([assessment, assessment, assessment]);
		expect(alone[3]).toBe(shared[3]);
		const combined = await statements(combinedRead);
		console.info(
			`combined read: ${combined} statements (each loader on its own: ${alone.join(' + ')} = ${alone.reduce((a, b) => a + b, 0)})`
		);
		expect(combined).toBe(assessment + shared.reduce((a, b) => a + b, 0));
		expect(combined).toBeLessThan(alone.reduce((a, b) => a + b, 0));
	});

	it('issues the same number of statements with 60 more indicators', async () => {
		const before = await statements(combinedRead);
		await addIndicators(60);
		expect(await statements(combinedRead)).toBe(before);
	});

	it('refuses an assessment made for another date (figures of two instants are never mixed)', async () => {
		const earlier = await assessProgramme(db, programme, '2020-01-01');
		await expect(loadResultsTree(db, programme, viewer, { asOf: AS_OF, assessment: earlier })).rejects.toThrow(/another programme or date/);
	});
});
