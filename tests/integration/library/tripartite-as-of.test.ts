import { beforeAll, describe, expect, it } from 'vitest';
import { isAdopted } from '$lib/adoption';
import { isTripartite } from '$lib/constituents';
import type { Db } from '$lib/server/db/connection';
import { loadDashboard } from '$lib/server/dashboard/dashboard';
import { dialogueEventIn, updateDialogueEvent } from '$lib/server/dialogue/events';
import { constituentTags, setConstituents } from '$lib/server/dialogue/tags';
import { draftSnapshot } from '$lib/server/reports/reports';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// Issue 25: who of the constituents took part is read as it stood at a report's cut-off. Tags of
// activities and recommendations, and the parties of a social-dialogue event, changed after the
// cut-off leave the report's tripartite block as it was; the dashboard (as of today) shows the
// change, and the dashboard as of the cut-off still equals the report.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

const share = (lens: { activities: { constituent: string; n: number }[] }, c: string) =>
	lens.activities.find((a) => a.constituent === c)!.n;

describe('the tripartite lens as of a date', () => {
	it('reads the tags and parties as at the cut-off in the report, and as they are now on the dashboard', async () => {
		const evaluator = { id: await userId(db, 'evaluator@avance.test') };
		const coordinator = { id: await userId(db, 'coord.patss@avance.test') };
		const donor = { id: await userId(db, 'donor.iess@avance.test'), internal: false, canReview: false };
		const reportId = await writtenReport(db, evaluator, patss.programme, [patss.periodId('2020-S1'), patss.periodId('2020-S2')]);
		const snapshot = () => draftSnapshot(db, patss.programme, reportId, 'https://avance.example.org');
		const before = await snapshot();
		const cutOff = before.report.cutOff;
		expect(cutOff < new Date().toISOString().slice(0, 10)).toBe(true);
		const nowBefore = (await loadDashboard(db, patss.programme, donor, { locale: 'es' })).tripartite;

		// After the cut-off (today): an activity loses the government, another untagged one gains the workers…
		const tags = await constituentTags(db, patss.programme.id);
		const [govActivity] = [...tags.activity].find(([, list]) => list.includes('government') && !list.includes('workers'))!;
		await setConstituents(db, coordinator, patss.programme, 'activity', govActivity, ['other']);
		const programmeActivity = await db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select('activity.id')
			.where('module.programme_id', '=', patss.programme.id)
			.where('activity.id', 'not in', [...tags.activity.keys()])
			.executeTakeFirstOrThrow();
		await setConstituents(db, coordinator, patss.programme, 'activity', programmeActivity.id, ['workers']);

		// …and an adopted recommendation (adopted by the cut-off and still now) gains all three constituents…
		const adoptedNow = new Set((await loadDashboard(db, patss.programme, donor, { locale: 'es' })).adoption.adopted.map((r) => r.id));
		const recommendation = before.recommendations.find(
			(r) => isAdopted(r.status) && adoptedNow.has(r.id) && !isTripartite(tags.recommendation.get(r.id) ?? [])
		)!;
		expect(recommendation).toBeDefined();
		await setConstituents(db, coordinator, patss.programme, 'recommendation', recommendation.id, ['government', 'employers', 'workers']);

		// …and a tripartite event of the report's window loses its employers.
		const event = before.tripartite!.events.find((e) => e.tripartite)!;
		expect(event).toBeDefined();
		const stored = await dialogueEventIn(db, patss.programme.id, event.id);
		await updateDialogueEvent(db, coordinator, patss.programme, event.id, stored.version, {
			heldOn: stored.heldOn,
			body: stored.body,
			outcome: stored.outcome,
			evidenceUrl: stored.evidenceUrl,
			parties: stored.parties.filter((p) => p.constituent !== 'employers')
		});

		// The report shows the tagging at its cut-off, figure for figure.
		const after = await snapshot();
		expect(after.tripartite!.activities).toEqual(before.tripartite!.activities);
		expect(after.tripartite!.recommendations).toEqual(before.tripartite!.recommendations);
		expect(after.tripartite!.eventsPerPeriod).toEqual(before.tripartite!.eventsPerPeriod);
		expect(after.tripartite!.events.find((e) => e.id === event.id)).toMatchObject({ constituents: event.constituents, tripartite: true });

		// The dashboard as of today shows the new tagging.
		const now = (await loadDashboard(db, patss.programme, donor, { locale: 'es' })).tripartite;
		expect(share(now, 'government')).toBe(share(nowBefore, 'government') - 1);
		expect(share(now, 'other')).toBe(share(nowBefore, 'other') + 1);
		expect(share(now, 'workers')).toBe(share(nowBefore, 'workers') + 1);
		expect(now.recommendations.tripartite).toBe(nowBefore.recommendations.tripartite + 1);
		expect(now.recommendations.tripartiteIds).toContain(recommendation.id);
		expect(after.tripartite!.recommendations.tripartiteKeys).not.toContain(recommendation.key);
		const period = (lens: typeof now) => lens.eventsPerPeriod.find((p) => p.periodId === patss.periodId(periodOf(event.heldOn)))!;
		expect(period(now).tripartite).toBe(period(nowBefore).tripartite - 1);

		// The dashboard as of the cut-off still equals the report.
		const atCutOff = (await loadDashboard(db, patss.programme, donor, { asOf: cutOff, locale: 'es' })).tripartite;
		expect(atCutOff.activities).toEqual(after.tripartite!.activities);
		expect(atCutOff.eventsPerPeriod).toEqual(after.tripartite!.eventsPerPeriod);
		expect(atCutOff.recommendations.tripartite).toBe(after.tripartite!.recommendations.tripartite);
	}, 120_000);
});

/** The PATSS semester label of a date (2020-03-01 → 2020-S1). */
const periodOf = (date: string) => `${date.slice(0, 4)}-S${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;
