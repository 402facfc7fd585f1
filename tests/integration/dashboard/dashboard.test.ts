import { beforeAll, describe, expect, it } from 'vitest';
import { ADOPTED_STATUSES } from '$lib/adoption';
import type { IndicatorStatus, Programme } from '$lib/model';
import type { Viewer } from '$lib/server/core/viewer';
import { loadDashboard, type Dashboard } from '$lib/server/dashboard/dashboard';
import { observeQueries, type Db } from '$lib/server/db/connection';
import { loadGenderStrategy } from '$lib/server/gender/strategy';
import { portfolioFigures } from '$lib/server/portfolio/portfolio';
import { loadTracker } from '$lib/server/recommendations/tracker';
import { assessProgramme } from '$lib/server/results/assessment';
import { loadIndicatorDetail } from '$lib/server/results/indicator-page';
import { loadResultsTree, type IndicatorSummary } from '$lib/server/results/results-page';
import { loadRiskRegister } from '$lib/server/risks/register';
import { load as loadDashboardPage } from '../../../src/routes/programmes/[slug]/dashboard/+page.server';
import { loadAs } from '../../helpers/actions';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// The dashboard computes nothing of its own: every figure must be the one the results, risk,
// gender and recommendation pages show for the same data and date, from approved values only.

const AS_OF = '2026-11-21';
let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
let programme: Programme;
let team: Viewer;
let donor: Viewer;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	programme = patss.programme;
	team = { id: await userId(db, 'coord.patss@avance.test'), internal: true, canReview: true };
	donor = { id: await userId(db, 'donor.iess@avance.test'), internal: false, canReview: false };
});

const dashboardAs = (viewer: Viewer, locale: 'es' | 'en' = 'es') => loadDashboard(db, programme, viewer, { asOf: AS_OF, locale });

function tally(summaries: IndicatorSummary[]): Partial<Record<IndicatorStatus, number>> {
	const counts: Partial<Record<IndicatorStatus, number>> = {};
	for (const s of summaries) counts[s.status] = (counts[s.status] ?? 0) + 1;
	return counts;
}
const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));

describe('the dashboard figures', () => {
	let d: Dashboard;
	beforeAll(async () => {
		d = await dashboardAs(donor);
	});

	it('has something to show for PATSS (a test of equal figures on empty data would prove nothing)', () => {
		expect(d.statusByModule.length).toBeGreaterThan(1);
		expect(d.trends.length).toBeGreaterThan(0);
		expect(d.gender.length).toBeGreaterThan(0);
		expect(d.risks.heatMap.total).toBeGreaterThan(0);
		expect(d.adoption.summary.total).toBeGreaterThan(0);
		expect(d.genderActions.some((g) => g.total > 0)).toBe(true);
	});

	it('counts statuses, overall and per module, as the results page does', async () => {
		const tree = await loadResultsTree(db, programme, donor, { asOf: AS_OF });
		expect(d.statusTotals).toEqual(tree.statusCounts);
		expect(d.updatesOverdue).toBe(tree.updatesOverdue);
		for (const m of tree.modules) {
			const group = d.statusByModule.find((g) => g.module?.id === m.id)!;
			expect(nonZero(group.counts), m.code).toEqual(tally([...m.indicators, ...m.outputs.flatMap((o) => o.indicators)]));
		}
		const programmeLevel = d.statusByModule.find((g) => g.module === null);
		if (tree.programmeIndicators.length) expect(nonZero(programmeLevel!.counts)).toEqual(tally(tree.programmeIndicators));
		expect(d.statusByModule.reduce((n, g) => n + g.total, 0)).toBe(tree.totalIndicators);
	});

	it('draws each key indicator trend with the indicator page’s target, actual, women and men per period', async () => {
		for (const t of d.trends) {
			const page = await loadIndicatorDetail(db, programme, donor, { indicatorId: t.id, asOf: AS_OF });
			expect(page.indicator.isKey).toBe(true);
			expect(t.status).toBe(page.assessment.status);
			expect(t.periods.map((p) => p.target)).toEqual(page.rows.map((r) => r.assessment.expected));
			expect(t.periods.map((p) => p.actual)).toEqual(page.rows.map((r) => (r.approved || r.derived !== null ? r.assessment.actual : null)));
			if (t.disaggregatedBySex) {
				expect(t.periods.map((p) => p.women)).toEqual(page.rows.map((r) => r.women));
				expect(t.periods.map((p) => p.men)).toEqual(page.rows.map((r) => r.men));
			}
		}
	});

	it('compares women and men with the gender page’s gaps and movements', async () => {
		const strategy = await loadGenderStrategy(db, programme, donor, { asOf: AS_OF });
		const pageViews = new Map(strategy.groups.flatMap((g) => g.indicators).map((v) => [v.id, v]));
		let compared = 0;
		for (const g of d.gender) {
			const view = pageViews.get(g.id);
			if (!view) continue;
			compared++;
			expect(g.movement).toBe(view.series.movement);
			expect(g.baseline?.gap ?? null).toBe(view.series.baseline?.gap ?? null);
			expect(g.latest?.gap ?? null).toBe(view.series.latest?.gap ?? null);
			expect(g.latest?.gapChange ?? null).toBe(view.series.latest?.gapChange ?? null);
			expect(g.latest?.women ?? null).toBe(view.series.latest?.women ?? null);
		}
		expect(compared).toBeGreaterThan(0);
	});

	it('counts gender actions by status per module as the gender page does', async () => {
		const strategy = await loadGenderStrategy(db, programme, donor, { asOf: AS_OF });
		expect(d.genderActions.map((g) => ({ id: g.module?.id ?? null, byStatus: g.byStatus, overdue: g.overdue }))).toEqual(
			strategy.groups.map((g) => ({ id: g.module?.id ?? null, byStatus: g.summary.byStatus, overdue: g.summary.overdue }))
		);
	});

	it('shows the risk matrix’s heat map and the portfolio’s count of open high risks', async () => {
		const register = await loadRiskRegister(db, programme, donor, { asOf: AS_OF });
		expect(d.risks.heatMap).toEqual(register.heatMap);
		const figures = (await portfolioFigures(db, [programme.id], AS_OF)).get(programme.id)!;
		expect(d.risks.openHigh).toBe(figures.openHighRisks);
		// The risks that changed since the start of the latest ended period: exactly the register's
		// open risks whose latest review then or later moved their score.
		const since = d.risks.since!;
		expect(since).not.toBeNull();
		expect(d.risks.changed.length).toBeGreaterThan(0);
		expect(d.risks.changed.map((r) => r.id).sort()).toEqual(
			register.entries
				.filter((e) => e.kind === 'risk' && e.status !== 'closed' && e.trend !== 'stable' && e.trend !== 'new')
				.filter((e) => e.lastReviewedOn !== null && e.lastReviewedOn >= since.startDate)
				.map((e) => e.id)
				.sort()
		);
		for (const r of d.risks.changed) {
			const entry = register.entries.find((e) => e.id === r.id)!;
			expect(r.score).toBe(entry.score);
			expect(['rising', 'falling']).toContain(entry.trend);
			expect(Math.sign(r.score - r.previousScore)).toBe(entry.trend === 'rising' ? 1 : -1);
		}
	});

	it('gives the tracker’s adoption figures, names the adopted recommendations and their instruments', async () => {
		const tracker = await loadTracker(db, programme, donor, { asOf: AS_OF });
		expect(d.adoption.summary).toEqual(tracker.summary);
		expect(d.adoption.keyActions).toEqual(tracker.keyActions);
		expect((await portfolioFigures(db, [programme.id], AS_OF)).get(programme.id)!.adoption).toEqual(d.adoption.summary);
		expect(d.adoption.adopted.map((r) => r.code).sort()).toEqual(
			tracker.rows
				.filter((r) => ADOPTED_STATUSES.includes(r.status))
				.map((r) => r.code)
				.sort()
		);
		expect(d.adoption.adopted.length).toBe(d.adoption.summary.adopted);
	});

	it('counts completeness from the assessment and the approved values themselves', async () => {
		const assessed = await assessProgramme(db, programme, AS_OF);
		expect(d.completeness.indicators).toBe(assessed.indicators.length);
		const tree = await loadResultsTree(db, programme, donor, { asOf: AS_OF });
		expect(d.completeness.due - d.completeness.upToDate).toBe(tree.updatesOverdue);
		const approved = await db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.select(['indicator_value.id', 'indicator_value.evidence_url'])
			.where('indicator.programme_id', '=', programme.id)
			.where('indicator_value.status', '=', 'approved')
			.execute();
		const files = new Set(
			(await db.selectFrom('attachment').select('owner_id').where('owner_entity', '=', 'indicator_value').execute()).map((a) => a.owner_id)
		);
		expect(d.completeness.approvedValues).toBe(approved.length);
		expect(d.completeness.withEvidence).toBe(approved.filter((v) => (v.evidence_url ?? '') !== '' || files.has(v.id)).length);
		expect(d.header.elapsed).toBe(1); // PATSS ended in 2022; the cut-off is 2026.
	});
});

describe('approved data only, for every role', () => {
	it('ignores a submitted value and gives the team exactly what the donor gets, with no internal notes', async () => {
		const before = await dashboardAs(donor);
		const trend = before.trends[0]!;
		const open = trend.periods.find((p) => p.actual === null && p.target !== null) ?? trend.periods.at(-1)!;
		const inserted = await db
			.insertInto('indicator_value')
			.values({ indicator_id: trend.id, period_id: open.id, value: 987654, women: 1, men: 2, status: 'submitted' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await db.updateTable('risk').set({ internal_notes: 'SECRET-NOTE-FOR-THE-TEAM' }).where('programme_id', '=', programme.id).execute();
		try {
			const asDonor = await dashboardAs(donor);
			const asTeam = await dashboardAs(team);
			expect(asTeam).toEqual(asDonor);
			expect(asDonor).toEqual(before);
			expect(JSON.stringify(asTeam)).not.toContain('987654');
			expect(JSON.stringify(asTeam)).not.toContain('SECRET-NOTE');
		} finally {
			await db.deleteFrom('indicator_value').where('id', '=', inserted.id).execute();
			await db.updateTable('risk').set({ internal_notes: '' }).where('programme_id', '=', programme.id).execute();
		}
	});

	it('answers 404 to a donor of another programme and serves the programme’s donor', async () => {
		const other = await loadAs(db, loadDashboardPage, 'donor.eu@avance.test', { params: { slug: 'patss' } });
		expect(other).toMatchObject({ kind: 'error', status: 404 });
		const own = await loadAs<{ dashboard: Dashboard }>(db, loadDashboardPage, 'donor.iess@avance.test', { params: { slug: 'patss' } });
		expect(own.kind).toBe('value');
		expect(own.kind === 'value' && own.value.dashboard.statusByModule.length).toBeGreaterThan(0);
		// No report issued in this database: the IPTT workbook and (the seed gives PATSS an illustrative
		// IATI identifier) the IATI file, no dead link.
		expect(own.kind === 'value' && own.value.dashboard.header.links.map((l) => l.kind)).toEqual(['iptt', 'iati']);
		expect(own.kind === 'value' && own.value.dashboard.header.links[0]).toEqual({
			kind: 'iptt',
			href: '/programmes/patss/export/iptt.xlsx'
		});
	});
});

describe('content in the reader’s language', () => {
	it('shows a translated title in English and marks an untranslated one as the Spanish original', async () => {
		const es = await dashboardAs(donor, 'es');
		const trend = es.trends[0]!;
		const module = es.statusByModule.find((g) => g.module)!.module!;
		// The seed may translate either already: this test sets both English titles itself, and
		// puts back what the seed had.
		const englishTitle = (entity: 'indicator' | 'module', id: number) =>
			db
				.deleteFrom('translation')
				.where('entity', '=', entity)
				.where('entity_id', '=', id)
				.where('field', '=', 'title')
				.where('locale', '=', 'en');
		const removed = [
			...(await englishTitle('indicator', trend.id).returningAll().execute()),
			...(await englishTitle('module', module.id).returningAll().execute())
		];
		await db
			.insertInto('translation')
			.values({
				programme_id: programme.id,
				entity: 'indicator',
				entity_id: trend.id,
				field: 'title',
				locale: 'en',
				text: 'Translated title'
			})
			.execute();
		try {
			const en = await dashboardAs(donor, 'en');
			expect(en.trends[0]!.title).toEqual({ text: 'Translated title', lang: 'en', fallback: false });
			expect(en.statusByModule.find((g) => g.module?.id === module.id)!.module!.title).toMatchObject({ lang: 'es', fallback: true });
			expect(es.trends[0]!.title.fallback).toBe(false);
		} finally {
			await englishTitle('indicator', trend.id).execute();
			if (removed.length) await db.insertInto('translation').values(removed).execute();
		}
	});
});

describe('a fixed number of statements', () => {
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

	it('issues the same statements with 60 more key, sex-disaggregated indicators with approved values', async () => {
		const before = await statements(() => dashboardAs(team));
		const output = await db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['output.id', 'output.module_id'])
			.where('module.programme_id', '=', programme.id)
			.executeTakeFirstOrThrow();
		const added = await db
			.insertInto('indicator')
			.values(
				Array.from({ length: 60 }, (_, i) => ({
					programme_id: programme.id,
					module_id: output.module_id,
					output_id: output.id,
					code: `Z-${i}`,
					title: `Extra ${i}`,
					measure: 'number' as const,
					target_value: 10,
					is_key: 1,
					disaggregated_by_sex: 1
				}))
			)
			.returning('id')
			.execute();
		await db
			.insertInto('indicator_value')
			.values(
				added.flatMap((a) =>
					['2021-S1', '2021-S2'].map((label, i) => ({
						indicator_id: a.id,
						period_id: patss.periodId(label),
						value: 5 + i,
						women: 2 + i,
						men: 3,
						status: 'approved' as const
					}))
				)
			)
			.execute();
		try {
			const after = await statements(() => dashboardAs(team));
			expect(after).toBe(before);
			// 22 before the money-and-results section (finance reads) and the tripartite section
			// (events, parties, tags and the logframe) came in; a fixed number whatever the size. The
			// tags and parties as of the dashboard's date (issue 25: their later changes) one more.
			expect(before).toBeLessThanOrEqual(29);
		} finally {
			await db
				.deleteFrom('indicator')
				.where(
					'id',
					'in',
					added.map((a) => a.id)
				)
				.execute();
		}
	});
});
