import { todayIso } from '$lib/server/core/dates';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { loadDashboard } from '$lib/server/dashboard/dashboard';
import { listDialogueEvents } from '$lib/server/dialogue/events';
import { constituentTags, setConstituents } from '$lib/server/dialogue/tags';
import { getLogframe } from '$lib/server/programmes/programmes';
import { actions } from '../../../src/routes/programmes/[slug]/dialogue/+page.server';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// The tripartite lens against the seeded demo: events are recorded with the parties present, only
// by coordinators; constituent tags belong to the programme; the dashboard's shares count the
// programme's activities.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

const post = (email: string, action: keyof typeof actions, form: Record<string, string | string[]>) =>
	sessionUser(db, email).then((user) =>
		outcome(() => call(actions[action], makeEvent({ user, form, params: { slug: 'patss' }, route: '/programmes/[slug]/dialogue' })))
	);

describe('social-dialogue events', () => {
	it('records a tripartite meeting with the parties present, for a coordinator', async () => {
		const form = {
			heldOn: '2021-09-01',
			body: 'Mesa tripartita de prueba',
			outcome: 'Acuerdo sobre el cronograma.',
			present_government: 'on',
			names_government: 'Ministerio del Trabajo',
			present_employers: 'on',
			names_employers: 'Cámara de Comercio',
			present_workers: 'on',
			names_workers: 'Central sindical'
		};
		expect(await post('coord.patss@avance.test', 'create', form)).toMatchObject({ kind: 'redirect', status: 303 });
		const events = await listDialogueEvents(db, patss.programme.id);
		const saved = events.find((e) => e.body === 'Mesa tripartita de prueba')!;
		expect(saved.parties).toEqual([
			{ constituent: 'government', names: 'Ministerio del Trabajo' },
			{ constituent: 'employers', names: 'Cámara de Comercio' },
			{ constituent: 'workers', names: 'Central sindical' }
		]);
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('entity', '=', 'social_dialogue_event')
			.where('entity_id', '=', String(saved.id))
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['create']);
	});

	it('refuses a donor, and an event without any party or with an impossible date, keeping what was typed', async () => {
		expect(await post('donor.iess@avance.test', 'create', { heldOn: '2021-09-01', body: 'x', present_workers: 'on' })).toMatchObject({
			kind: 'error',
			status: 403
		});
		const noParty = await post('coord.patss@avance.test', 'create', { heldOn: '2021-09-01', body: 'Sin partes' });
		expect(noParty).toMatchObject({ kind: 'value', value: { status: 400, data: { values: { body: 'Sin partes' } } } });
		const badDate = await post('coord.patss@avance.test', 'create', { heldOn: '2021-02-30', body: 'Fecha', present_workers: 'on' });
		expect(badDate).toMatchObject({ kind: 'value', value: { status: 400 } });
	});
});

describe('constituents of activities, outputs and recommendations', () => {
	it('tags an activity and counts it in the dashboard’s shares', async () => {
		const coord = await sessionUser(db, 'coord.patss@avance.test');
		const logframe = await getLogframe(db, patss.programme.id);
		const activities = logframe.flatMap((m) => m.outputs.flatMap((o) => o.activities));
		const target = activities.find((a) => a.code === '2.1.1')!;
		await setConstituents(db, coord, patss.programme, 'activity', target.id, ['workers', 'government']);
		const tags = await constituentTags(db, patss.programme.id);
		expect(tags.activity.get(target.id)).toEqual(['government', 'workers']);

		const donor = { id: await userId(db, 'donor.iess@avance.test'), internal: false, canReview: false };
		// As of today: a tag set today is not yet in a dashboard as of an earlier date (tripartite-as-of.test.ts).
		const today = todayIso();
		const dashboard = await loadDashboard(db, patss.programme, donor, { asOf: today, locale: 'es' });
		for (const row of dashboard.tripartite.activities) {
			expect(row.total).toBe(activities.length);
			expect(row.n).toBe(activities.filter((a) => tags.activity.get(a.id)?.includes(row.constituent)).length);
		}
		const workers = dashboard.tripartite.activities.find((r) => r.constituent === 'workers')!;
		expect(workers.share).toBeCloseTo(workers.n / activities.length, 10);
		expect(dashboard.tripartite.totalEvents).toBe((await listDialogueEvents(db, patss.programme.id, { through: today })).length);
		expect(dashboard.tripartite.eventsPerPeriod.reduce((a, p) => a + p.count, 0)).toBeLessThanOrEqual(dashboard.tripartite.totalEvents);
	});

	it('never tags a record of another programme', async () => {
		const coord = await sessionUser(db, 'coord.patss@avance.test');
		const peru = await seeded(db, 'peru-desempleo-ue');
		const peruActivity = (await getLogframe(db, peru.programme.id))[0]!.outputs[0]!.activities[0]!;
		await expect(setConstituents(db, coord, patss.programme, 'activity', peruActivity.id, ['workers'])).rejects.toMatchObject({
			name: 'NotFoundError'
		});
	});
});
