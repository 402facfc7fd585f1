import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { recordAdoptionEvent } from '$lib/server/recommendations/adoption-events';
import { loadTracker } from '$lib/server/recommendations/tracker';
import { assessProgramme } from '$lib/server/results/assessment';
import { loadIndicatorDetail } from '$lib/server/results/indicator-page';
import { actions } from '../../../src/routes/programmes/[slug]/indicators/[id]/+page.server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// An indicator defined as "recommendations adopted" takes its value from the tracker, so the
// logframe and the tracker cannot disagree.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const noFilters = { sourceId: null, addressee: null, area: null, priority: null, status: null, overdue: false, q: '' };
beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

async function derivedFor(label: string, asOf: string) {
	const detail = await loadIndicatorDetail(
		db,
		patss.programme,
		{ id: 0, internal: true, canReview: false },
		{ indicatorId: patss.indicatorId('IMP-3'), asOf }
	);
	return detail.rows.find((r) => r.period.label === label)!.derived;
}

describe('the "recommendations adopted" indicator', () => {
	it('equals the tracker’s adopted count at the end of each period, and today', async () => {
		for (const [label, end] of [
			['2020-S2', '2020-12-31'],
			['2021-S2', '2021-12-31'],
			['2022-S1', '2022-03-31']
		] as const) {
			const tracker = await loadTracker(db, { id: patss.programme.id }, { internal: true }, { ...noFilters, asOf: end });
			expect(await derivedFor(label, '2026-11-21'), label).toBe(tracker.summary.adopted);
		}
		const today = await loadTracker(db, { id: patss.programme.id }, { internal: true }, { ...noFilters, asOf: '2026-11-21' });
		const assessed = await assessProgramme(db, patss.programme, '2026-11-21');
		expect(assessed.assessments.get(patss.indicatorId('IMP-3'))!.latestValue).toBe(
			(await loadTracker(db, { id: patss.programme.id }, { internal: true }, { ...noFilters, asOf: '2022-03-31' })).summary.adopted
		);
		expect(today.summary.adopted).toBeGreaterThanOrEqual(assessed.assessments.get(patss.indicatorId('IMP-3'))!.latestValue!);
	});

	it('moves when a recommendation is recorded as adopted in the tracker', async () => {
		const before = (await derivedFor('2022-S1', '2026-11-21'))!;
		const candidate = await db
			.selectFrom('recommendation')
			.selectAll()
			.where('programme_id', '=', patss.programme.id)
			.where('issued_on', '<=', '2022-01-01')
			// Not adopted yet, and no step after the date we record (so the new step is the latest).
			.where(({ not, exists, selectFrom, or }) =>
				not(
					exists(
						selectFrom('adoption_event')
							.select('id')
							.whereRef('adoption_event.recommendation_id', '=', 'recommendation.id')
							.where((e) =>
								or([e('status', 'in', ['adopted', 'implemented', 'rejected', 'no_longer_applicable']), e('event_date', '>', '2022-03-01')])
							)
					)
				)
			)
			.executeTakeFirstOrThrow();
		const date = '2022-03-01';
		const coordinator = await sessionUser(db, 'coord.patss@avance.test');
		await recordAdoptionEvent(
			db,
			coordinator,
			patss.programme,
			candidate.id,
			{
				status: 'adopted',
				eventDate: date,
				instrument: 'Resolución C.D. 700',
				evidenceUrl: null,
				evidenceFile: null,
				note: '',
				version: candidate.version
			},
			'2026-11-21'
		);
		expect(await derivedFor('2022-S1', '2026-11-21')).toBe(before + 1);
		expect(
			(await loadTracker(db, { id: patss.programme.id }, { internal: true }, { ...noFilters, asOf: '2022-03-31' })).summary.adopted
		).toBe(before + 1);
	});

	it('refuses a value typed by hand', async () => {
		const event = makeEvent({
			user: await sessionUser(db, 'coord.patss@avance.test'),
			params: { slug: 'patss', id: String(patss.indicatorId('IMP-3')) },
			form: { periodId: String(patss.periodId('2022-S1')), value: '99', intent: 'draft' }
		});
		const r = await outcome(() => call(actions.save, event));
		expect(r.kind === 'value' && r.value).toMatchObject({
			status: 403,
			data: { formError: expect.stringContaining('seguimiento de recomendaciones') }
		});
		expect(await db.selectFrom('indicator_value').select('id').where('indicator_id', '=', patss.indicatorId('IMP-3')).execute()).toEqual(
			[]
		);
	});
});
