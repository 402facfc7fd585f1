import { beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTERS, type TrackerFilters } from '$lib/adoption';
import { openConfigured, type Db } from '$lib/server/db/connection';
import { loadRecommendationDetail } from '$lib/server/recommendations/detail';
import { loadTracker, type Tracker } from '$lib/server/recommendations/tracker';
import { load as loadTrackerPage } from '../../../src/routes/programmes/[slug]/recommendations/+page.server';
import { recommendationSeeds } from '../../../seed/recommendations';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';

// The tracker view: seeded content, filters, rates, ageing, and a fixed number of statements
// however many recommendations there are.

let db: Db;
let patssId: number;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patssId = (await db.selectFrom('programme').select('id').where('code', '=', 'PATSS').executeTakeFirstOrThrow()).id;
});

async function trackerPage(query: string, email = 'evaluator@avance.test') {
	const user = await sessionUser(db, email);
	const r = await outcome(() =>
		call(loadTrackerPage, makeEvent({ user, params: { slug: 'patss' }, url: `http://localhost/programmes/patss/recommendations${query}` }))
	);
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	return r.value as { tracker: Tracker; filters: TrackerFilters };
}

describe('the seed', () => {
	it('holds the final account’s recommendations by area and the five of the mid-term evaluation, with illustrative histories', async () => {
		const rows = await db
			.selectFrom('recommendation')
			.leftJoin('source_document', 'source_document.id', 'recommendation.source_document_id')
			.select(['recommendation.code', 'recommendation.area', 'recommendation.addressed_to', 'source_document.kind'])
			.where('recommendation.programme_id', '=', patssId)
			.execute();
		const studies = rows.filter((r) => r.kind === 'technical_study');
		expect(studies.length).toBeGreaterThanOrEqual(25);
		expect(new Set(studies.map((r) => r.area))).toEqual(new Set(['coverage', 'governance', 'sustainability', 'quality']));
		expect(new Set(studies.map((r) => r.addressed_to))).toEqual(new Set(['IESS', 'Ministerio del Trabajo', 'BIESS', 'Asamblea Nacional']));
		expect(
			rows
				.filter((r) => r.kind === 'midterm_evaluation')
				.map((r) => r.code)
				.sort()
		).toEqual(['EMT-01', 'EMT-02', 'EMT-03', 'EMT-04', 'EMT-05']);

		const events = await db.selectFrom('adoption_event').select(['is_illustrative', 'author_id']).execute();
		expect(events.length).toBeGreaterThan(40);
		expect(events.every((e) => e.is_illustrative === 1 && e.author_id === null)).toBe(true);
		const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'seed_recommendations').execute();
		expect(audit.map((a) => a.reason)).toEqual(['seed', 'seed']);
	});

	it('seeds El Salvador’s recommendations arising from the ILO actuarial studies', async () => {
		const slv = await db
			.selectFrom('recommendation')
			.innerJoin('programme', 'programme.id', 'recommendation.programme_id')
			.innerJoin('source_document', 'source_document.id', 'recommendation.source_document_id')
			.select(['recommendation.code', 'source_document.title'])
			.where('programme.code', '=', 'SLV/16/03/RBS')
			.execute();
		expect(slv.length).toBe(recommendationSeeds['SLV/16/03/RBS']!.length);
		expect(slv.find((r) => r.code === 'SLV-01')?.title).toContain('Estudios actuariales de la OIT');
	});

	it('is not loaded twice', async () => {
		const { seedDatabase } = await import('../../../seed/index');
		const before = await db.selectFrom('recommendation').select('id').execute();
		await seedDatabase(db, { demoAccounts: false });
		expect(await db.selectFrom('recommendation').select('id').execute()).toHaveLength(before.length);
	});
});

describe('the tracker', () => {
	it('gives the adoption and addressed rates of design §3, overall, by area and by addressee', async () => {
		const t = await loadTracker(db, { id: patssId }, { internal: true }, { ...NO_FILTERS, asOf: '2026-11-21' });
		const statuses = t.rows.map((r) => r.status);
		const closed = statuses.filter((s) => s === 'rejected' || s === 'no_longer_applicable').length;
		const adopted = statuses.filter((s) => s === 'adopted' || s === 'implemented').length;
		expect(t.summary.considered).toBe(t.total - closed);
		expect(t.summary.adoptionRate).toBeCloseTo(adopted / (t.total - closed));
		expect(t.summary.addressedRate).toBeCloseTo((adopted + statuses.filter((s) => s === 'partially_adopted').length) / (t.total - closed));
		expect(t.byArea.map((g) => g.key)).toEqual(['coverage', 'governance', 'sustainability', 'quality']);
		expect(t.byArea.reduce((n, g) => n + g.summary.total, 0)).toBe(t.total);
		const iess = t.byAddressee.find((g) => g.key === 'IESS')!;
		expect(iess.summary.total).toBe(t.rows.filter((r) => r.addressedTo === 'IESS').length);
	});

	it('lists overdue key actions with their age in days as of the date asked, oldest first', async () => {
		const t = await loadTracker(db, { id: patssId }, { internal: true }, { ...NO_FILTERS, asOf: '2024-01-01' });
		expect(t.overdue.length).toBe(t.keyActions.overdue);
		const emt2 = t.overdue.find((a) => a.recommendationCode === 'EMT-02')!;
		expect(emt2).toMatchObject({ dueDate: '2021-06-30', daysOverdue: 915 });
		expect(t.overdue.map((a) => a.daysOverdue)).toEqual([...t.overdue.map((a) => a.daysOverdue)].sort((a, b) => b - a));
		// Before its due date the same action is not overdue.
		const early = await loadTracker(db, { id: patssId }, { internal: true }, { ...NO_FILTERS, asOf: '2021-06-30' });
		expect(early.overdue.some((a) => a.recommendationCode === 'EMT-02')).toBe(false);
	});

	it('filters by source, addressee, area, priority, status, overdue and a search, keeping rates over the whole programme', async () => {
		const all = await trackerPage('');
		const gov = await trackerPage('?area=governance&addressee=Asamblea%20Nacional');
		expect(gov.tracker.rows.length).toBeGreaterThan(0);
		expect(gov.tracker.rows.every((r) => r.area === 'governance' && r.addressedTo === 'Asamblea Nacional')).toBe(true);
		expect(gov.tracker.summary).toEqual(all.tracker.summary);

		const overdue = await trackerPage('?overdue=1');
		expect(overdue.tracker.rows.length).toBeGreaterThan(0);
		expect(overdue.tracker.rows.every((r) => r.overdueActions > 0)).toBe(true);

		const midterm = all.tracker.sources.find((s) => s.kind === 'midterm_evaluation')!;
		expect((await trackerPage(`?source=${midterm.id}&priority=high`)).tracker.rows.map((r) => r.code)).toEqual([
			'EMT-01',
			'EMT-04',
			'EMT-05'
		]);
		expect((await trackerPage('?status=rejected')).tracker.rows.map((r) => r.code)).toEqual(['GOB-10']);
		expect((await trackerPage('?q=convenio%20102')).tracker.rows.map((r) => r.code)).toEqual(['COB-01', 'COB-02']);
		// Unreadable filters are ignored rather than failing.
		const junk = await trackerPage('?area=health&status=done&source=abc&priority=%00');
		expect(junk.tracker.rows).toHaveLength(all.tracker.total);
		expect(junk.filters).toMatchObject({ area: null, status: null, sourceId: null });
	});

	it('loads in the same number of statements with many more recommendations, steps and key actions', async () => {
		let statements = 0;
		const counted = openConfigured({ onQuery: () => void (statements += 1) });
		const count = async () => {
			statements = 0;
			await loadTracker(counted, { id: patssId }, { internal: true }, { ...NO_FILTERS, asOf: '2026-11-21' });
			await loadRecommendationDetail(
				counted,
				{ id: patssId },
				{ internal: true },
				{
					recommendationId: (await db.selectFrom('recommendation').select('id').where('code', '=', 'COB-09').executeTakeFirstOrThrow()).id,
					asOf: '2026-11-21'
				}
			);
			return statements;
		};
		const before = await count();
		for (let i = 0; i < 60; i++) {
			const { id } = await db
				.insertInto('recommendation')
				.values({
					programme_id: patssId,
					code: `BULK-${i}`,
					text: 'x',
					issued_on: '2022-01-01',
					addressed_to: `Destinatario ${i % 7}`,
					area: 'quality'
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await db
				.insertInto('adoption_event')
				.values([
					{ recommendation_id: id, event_date: '2022-02-01', status: 'under_review' },
					{ recommendation_id: id, event_date: '2022-03-01', status: 'adopted' }
				])
				.execute();
			await db.insertInto('key_action').values({ recommendation_id: id, action: 'y', due_date: '2022-06-30' }).execute();
		}
		expect(await count()).toBe(before);
		expect(before).toBeLessThanOrEqual(16);
		await counted.destroy();
	});
});
