import { beforeAll, describe, expect, it } from 'vitest';
import { observeQueries, type Db } from '$lib/server/db/connection';
import type { Programme } from '$lib/model';
import { loadResultsTree, type ResultsFilters } from '$lib/server/results/results-page';
import { load as loadResults } from '../../../src/routes/programmes/[slug]/results/+page.server';
import { load as loadPortfolio } from '../../../src/routes/+page.server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const AS_OF = '2026-11-21';
const none: ResultsFilters = { moduleId: null, status: null, keyOnly: false, mine: false };
beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

async function tree(email: string, filters: Partial<ResultsFilters> = {}, programme: Programme = patss.programme) {
	const user = await sessionUser(db, email);
	const internal = !email.startsWith('donor');
	return loadResultsTree(
		db,
		programme,
		{ id: user.id, internal, canReview: email.startsWith('coord') },
		{ ...none, ...filters, asOf: AS_OF }
	);
}
const codes = (t: Awaited<ReturnType<typeof tree>>) => [
	...t.programmeIndicators.map((i) => i.code),
	...t.modules.flatMap((m) => [...m.indicators.map((i) => i.code), ...m.outputs.flatMap((o) => o.indicators.map((i) => i.code))])
];

describe('the results tree', () => {
	it('judges every seeded PATSS indicator and counts them by status', async () => {
		const t = await tree('coord.patss@avance.test');
		expect(t.totalIndicators).toBe(18);
		// 5.1-3 (460 of 600) and 4.2-1 (22 of 30) are judged at their latest approved period, not
		// "no data" because 2022-S1 has no value yet; that missing update is its own mark.
		expect(t.statusCounts).toMatchObject({ achieved: 11, on_track: 1, at_risk: 2, off_track: 1, overdue: 2, no_data: 0, reported: 1 });
		expect(codes(t)).toHaveLength(18);
	});

	it('marks each indicator whose latest ended period has no approved value as update overdue, naming the period', async () => {
		const t = await tree('coord.patss@avance.test');
		const all = [...t.programmeIndicators, ...t.modules.flatMap((m) => [...m.indicators, ...m.outputs.flatMap((o) => o.indicators)])];
		const course = all.find((i) => i.code === '5.1-3')!;
		expect([course.status, course.latestValue, course.updateOverduePeriod]).toEqual(['on_track', 460, '2022-S1']);
		expect(
			all
				.filter((i) => i.updateOverduePeriod)
				.map((i) => i.code)
				.sort()
		).toEqual(['4.2-1', '5.1-3', 'IMP-2', 'M1-3']);
		expect(t.updatesOverdue).toBe(4);
	});

	it('filters by status, by module and to key indicators', async () => {
		expect(codes(await tree('coord.patss@avance.test', { status: 'overdue' })).sort()).toEqual(['2.4-1', '5.1-2']);
		const m4 = (
			await db
				.selectFrom('module')
				.select('id')
				.where('programme_id', '=', patss.programme.id)
				.where('code', '=', 'M4')
				.executeTakeFirstOrThrow()
		).id;
		expect(codes(await tree('coord.patss@avance.test', { moduleId: m4 })).sort()).toEqual(['4.2-1', '4.3-1', 'M4-1']);
		expect(codes(await tree('coord.patss@avance.test', { keyOnly: true })).sort()).toEqual(['IMP-1', 'IMP-3', 'M3-1', 'M4-1', 'M5-1']);
	});

	it('shows the cumulative total to date as the latest actual, flagged as illustrative', async () => {
		const imp = (await tree('donor.iess@avance.test')).programmeIndicators.find((i) => i.code === 'IMP-1')!;
		expect([imp.latestValue, imp.latestPeriodLabel, imp.latestIsIllustrative, imp.status]).toEqual([15100, '2022-S1', true, 'achieved']);
	});

	it('lists what waits for the viewer: a submitted value for a coordinator who did not enter it, nothing for a donor', async () => {
		const coord = await tree('coord2.patss@avance.test', { mine: true });
		expect(coord.pending.map((p) => [p.indicatorCode, p.periodLabel, p.state])).toEqual([['4.2-1', '2022-S1', 'submitted']]);
		expect(codes(coord)).toEqual(['4.2-1']);
		const donor = await tree('donor.iess@avance.test', { mine: true });
		expect(donor.pending).toEqual([]);
		expect(codes(await tree('donor.iess@avance.test')).length).toBe(18);
		expect(
			(await tree('donor.iess@avance.test')).modules.flatMap((m) => m.outputs.flatMap((o) => o.indicators)).every((i) => i.pending === null)
		).toBe(true);
	});

	it('reads its filters from the query string, ignoring nonsense, and keeps "mine" for the team', async () => {
		const event = makeEvent({
			user: await sessionUser(db, 'donor.iess@avance.test'),
			params: { slug: 'patss' },
			url: 'http://localhost/programmes/patss/results?status=bogus&module=x&key=1&mine=1'
		});
		const r = await outcome(() => call(loadResults, event));
		expect(r.kind === 'value' && r.value).toMatchObject({ filters: { status: null, moduleId: null, keyOnly: true, mine: false } });
	});

	it('issues the same number of SQL statements with 50 more indicators (no query per indicator)', async () => {
		const count = async () => {
			let n = 0;
			observeQueries(() => n++);
			const event = makeEvent({
				user: await sessionUser(db, 'evaluator@avance.test'),
				params: { slug: 'patss' },
				url: 'http://localhost/programmes/patss/results'
			});
			await call(loadResults, event);
			observeQueries(undefined);
			return n;
		};
		const before = await count();
		const output = await db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['output.id', 'output.module_id'])
			.where('module.programme_id', '=', patss.programme.id)
			.executeTakeFirstOrThrow();
		const added = await db
			.insertInto('indicator')
			.values(
				Array.from({ length: 50 }, (_, i) => ({
					programme_id: patss.programme.id,
					module_id: output.module_id,
					output_id: output.id,
					code: `X-${i}`,
					title: `Extra ${i}`,
					measure: 'number' as const,
					target_value: 10
				}))
			)
			.returning('id')
			.execute();
		await db
			.insertInto('indicator_value')
			.values(added.map((a) => ({ indicator_id: a.id, period_id: patss.periodId('2021-S2'), value: 5, status: 'approved' as const })))
			.execute();
		const after = await count();
		await db
			.deleteFrom('indicator')
			.where(
				'id',
				'in',
				added.map((a) => a.id)
			)
			.execute();
		expect(after).toBe(before);
		expect(before).toBeLessThanOrEqual(13);
	});

	it('judges every programme of the portfolio in the same statements, whether the user sees one programme or four', async () => {
		const count = async (email: string) => {
			let n = 0;
			observeQueries(() => n++);
			const r = await call(loadPortfolio, makeEvent({ user: await sessionUser(db, email), url: 'http://localhost/' }));
			observeQueries(undefined);
			return {
				n,
				r: r as { portfolio: { programme: { code: string }; statusCounts: Record<string, number>; updatesOverdue: number }[] }
			};
		};
		// Every programme gets a derived indicator too, so per-programme work would show.
		const others = await db.selectFrom('programme').select('id').where('id', '!=', patss.programme.id).execute();
		const added = await db
			.insertInto('indicator')
			.values(
				others.map((p, i) => ({
					programme_id: p.id,
					code: `D-${i}`,
					title: 'Derivado',
					measure: 'number' as const,
					source: 'recommendations_adopted' as const,
					target_value: 5
				}))
			)
			.returning('id')
			.execute();
		const donor = await count('donor.iess@avance.test');
		const admin = await count('admin@avance.test');
		await db
			.deleteFrom('indicator')
			.where(
				'id',
				'in',
				added.map((a) => a.id)
			)
			.execute();
		expect(donor.r.portfolio.map((p) => p.programme.code)).toEqual(['PATSS']);
		expect(admin.r.portfolio).toHaveLength(4);
		expect(admin.n).toBe(donor.n);
		expect(donor.r.portfolio[0]!.statusCounts.achieved).toBeGreaterThan(0);
		// The portfolio counts the same updates overdue as the results page (one assessment, one rule).
		expect(donor.r.portfolio[0]!.updatesOverdue).toBe((await tree('donor.iess@avance.test')).updatesOverdue);
	});

	it('shows the same adoption rate as the tracker and counts the open high or critical risks', async () => {
		const { loadTracker } = await import('$lib/server/recommendations/tracker');
		const { portfolioFigures } = await import('$lib/server/portfolio/portfolio');
		const figures = (await portfolioFigures(db, [patss.programme.id], AS_OF)).get(patss.programme.id)!;
		const tracker = await loadTracker(
			db,
			patss.programme,
			{ internal: true },
			{ sourceId: null, addressee: null, area: null, priority: null, status: null, overdue: false, q: '', asOf: AS_OF }
		);
		expect(figures.adoption).toEqual(tracker.summary);
		const risks = await db
			.selectFrom('risk')
			.select(['likelihood', 'impact', 'status', 'kind'])
			.where('programme_id', '=', patss.programme.id)
			.execute();
		const expected = risks.filter((r) => r.kind === 'risk' && r.status !== 'closed' && r.likelihood * r.impact >= 10).length;
		expect(expected).toBeGreaterThan(0);
		expect(figures.openHighRisks).toBe(expected);
	});
});
