import { beforeAll, describe, expect, it } from 'vitest';
import { API_SCOPES } from '$lib/api-tokens';
import { createApiToken } from '$lib/server/api/tokens';
import { activityListSchema, genderActionListSchema, recommendationListSchema } from '$lib/server/api/schemas';
import type { Db } from '$lib/server/db/connection';
import { todayIso } from '$lib/server/core/dates';
import { updateActivity } from '$lib/server/programmes/logframe';
import { updateGenderAction } from '$lib/server/gender/actions';
import { updateKeyAction } from '$lib/server/recommendations/key-actions';
import { recordAdoptionEvent } from '$lib/server/recommendations/adoption-events';
import type { ActivityStatus, GenderActionStatus, GenderActionType, KeyActionStatus } from '$lib/model';
import { GET as getActivities } from '../../../src/routes/api/v1/programmes/[slug]/activities/+server';
import { GET as getGenderActions } from '../../../src/routes/api/v1/programmes/[slug]/gender-actions/+server';
import { GET as getRecommendations } from '../../../src/routes/api/v1/programmes/[slug]/recommendations/+server';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// The API's ?asOf= reads activities, gender actions, key actions and adoption as they stood at
// the date, by the rules the report snapshot uses (issue 19): a change recorded after the date is
// undone from the audit trail, and an activity that ended after the date was not completed then.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
let token: string;
const PAST = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const CUT_OFF = '2020-06-30';

type Handler = (event: never) => unknown;
async function request(handler: Handler, resource: string, query: string, bearer = token): Promise<Response> {
	const url = `http://localhost/api/v1/programmes/patss/${resource}?limit=200${query}`;
	const event = makeEvent({ url, params: { slug: 'patss' } });
	(event as { request: Request }).request = new Request(url, { headers: { authorization: `Bearer ${bearer}` } });
	return (await call(handler, event)) as Response;
}
async function answer(handler: Handler, resource: string, query: string): Promise<unknown> {
	const response = await request(handler, resource, query);
	expect(response.status).toBe(200);
	return response.json();
}
const activities = async (query = '') => activityListSchema.parse(await answer(getActivities, 'activities', query)).data;
const genderActions = async (query = '') => genderActionListSchema.parse(await answer(getGenderActions, 'gender-actions', query)).data;
const recommendations = async (query = '') =>
	recommendationListSchema.parse(await answer(getRecommendations, 'recommendations', query)).data;

let activityId: number;
let activityBefore: { status: ActivityStatus; progress: number | null };
let genderActionId: number;
let genderBefore: GenderActionStatus;
let keyActionRecId: number;
let keyActionsBefore: { total: number; completed: number };
let adoptionRecId: number;
let adoptionBefore: string;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	const programme = patss.programme;
	const donor = await sessionUser(db, 'donor.iess@avance.test');
	const expiresOn = new Date(Date.now() + 86_400_000 * 30).toISOString().slice(0, 10);
	token = (await createApiToken(db, donor, { name: 'as of', scopes: [...API_SCOPES], programmeIds: [], expiresOn })).token;
	const coord = { id: await userId(db, 'coord.patss@avance.test') };

	// An activity, cancelled today.
	const act = await db
		.selectFrom('activity')
		.innerJoin('output', 'output.id', 'activity.output_id')
		.innerJoin('module', 'module.id', 'output.module_id')
		.selectAll('activity')
		.where('module.programme_id', '=', programme.id)
		.where('activity.status', '!=', 'cancelled')
		.orderBy('activity.id')
		.executeTakeFirstOrThrow();
	activityId = act.id;
	const listed = (await activities(`&asOf=${PAST}`)).find((a) => a.id === act.id)!;
	activityBefore = { status: listed.status, progress: listed.progress };
	await updateActivity(db, coord, programme, act.id, act.version, {
		outputId: act.output_id,
		code: act.code,
		title: act.title,
		plannedStart: act.planned_start,
		plannedEnd: act.planned_end,
		actualStart: act.actual_start,
		actualEnd: act.actual_end,
		status: 'cancelled',
		progress: act.progress,
		responsible: act.responsible,
		deviationReason: act.deviation_reason
	});

	// A gender action, cancelled today.
	const ga = await db
		.selectFrom('gender_action')
		.selectAll()
		.where('programme_id', '=', programme.id)
		.where('status', '!=', 'cancelled')
		.orderBy('id')
		.executeTakeFirstOrThrow();
	genderActionId = ga.id;
	genderBefore = (await genderActions(`&asOf=${PAST}`)).find((g) => g.id === ga.id)!.status;
	const gaLinks = await db.selectFrom('gender_action_indicator').select('indicator_id').where('action_id', '=', ga.id).execute();
	await updateGenderAction(db, coord, programme, ga.id, ga.version, {
		moduleId: ga.module_id,
		title: ga.title,
		description: ga.description,
		type: ga.type as GenderActionType,
		responsible: ga.responsible,
		partner: ga.partner,
		startDate: ga.start_date,
		dueDate: ga.due_date,
		status: 'cancelled',
		evidenceUrl: ga.evidence_url,
		internalNotes: ga.internal_notes,
		indicatorIds: gaLinks.map((l) => l.indicator_id)
	});

	// A key action not yet completed (and due by the earlier date, or undated), completed today.
	const ka = await db
		.selectFrom('key_action')
		.innerJoin('recommendation', 'recommendation.id', 'key_action.recommendation_id')
		.selectAll('key_action')
		.where('recommendation.programme_id', '=', programme.id)
		.where('key_action.status', 'in', ['not_initiated', 'initiated'])
		.where((eb) => eb.or([eb('key_action.due_date', 'is', null), eb('key_action.due_date', '<=', PAST)]))
		.orderBy('key_action.id')
		.executeTakeFirstOrThrow();
	keyActionRecId = ka.recommendation_id;
	const recBefore = (await recommendations(`&asOf=${PAST}`)).find((r) => r.id === ka.recommendation_id)!;
	keyActionsBefore = { total: recBefore.keyActions.total, completed: recBefore.keyActions.completed };
	await updateKeyAction(db, coord, programme, ka.recommendation_id, ka.id, ka.version, {
		action: ka.action,
		responsible: ka.responsible,
		dueDate: ka.due_date,
		status: 'completed' as KeyActionStatus
	});

	// A recommendation closed today as no longer applicable (another one than the key action's).
	const rec = await db
		.selectFrom('recommendation')
		.selectAll()
		.where('programme_id', '=', programme.id)
		.where('id', '!=', ka.recommendation_id)
		.orderBy('id')
		.executeTakeFirstOrThrow();
	adoptionRecId = rec.id;
	adoptionBefore = (await recommendations(`&asOf=${PAST}`)).find((r) => r.id === rec.id)!.status;
	await recordAdoptionEvent(
		db,
		coord,
		programme,
		rec.id,
		{
			status: 'no_longer_applicable',
			eventDate: todayIso(),
			instrument: '',
			evidenceUrl: null,
			evidenceFile: null,
			note: 'Superada por la reforma',
			version: rec.version
		},
		todayIso()
	);
}, 120_000);

describe('activities as of a date, through the API', () => {
	it('today: the cancellation recorded today', async () => {
		expect(activityBefore.status).not.toBe('cancelled');
		expect((await activities()).find((a) => a.id === activityId)!.status).toBe('cancelled');
	});

	it('at the earlier date: the status and progress it had then', async () => {
		const then = (await activities(`&asOf=${PAST}`)).find((a) => a.id === activityId)!;
		expect({ status: then.status, progress: then.progress }).toEqual(activityBefore);
	});

	it('at the seeded PATSS cut-off, no activity is completed unless it had ended by then (1.4.1 ended in 2021)', async () => {
		const then = await activities(`&asOf=${CUT_OFF}`);
		const now = await activities();
		expect(then.length).toBe(now.length);
		for (const a of then) {
			if (a.status === 'completed') expect(a.actualEnd !== null && a.actualEnd <= CUT_OFF, a.code).toBe(true);
			if (a.actualEnd !== null) expect(a.actualEnd <= CUT_OFF, a.code).toBe(true);
		}
		const today141 = now.find((a) => a.code === '1.4.1')!;
		expect(today141.status).toBe('completed');
		expect(today141.actualEnd! > CUT_OFF).toBe(true);
		const then141 = then.find((a) => a.code === '1.4.1')!;
		expect(then141.status).not.toBe('completed');
		expect(then141.actualEnd).toBeNull();
		// Today's answer has completions after the cut-off, so the rewind above did something.
		expect(now.filter((a) => a.status === 'completed').length).toBeGreaterThan(then.filter((a) => a.status === 'completed').length);
	});
});

describe('gender actions as of a date, through the API', () => {
	it('today the cancellation; at the earlier date the status it had then', async () => {
		expect(genderBefore).not.toBe('cancelled');
		expect((await genderActions()).find((g) => g.id === genderActionId)!.status).toBe('cancelled');
		expect((await genderActions(`&asOf=${PAST}`)).find((g) => g.id === genderActionId)!.status).toBe(genderBefore);
	});
});

describe('recommendations as of a date, through the API', () => {
	it('key actions: the completion recorded today is not counted at the earlier date', async () => {
		const now = (await recommendations()).find((r) => r.id === keyActionRecId)!;
		expect(now.keyActions.completed).toBe(keyActionsBefore.completed + 1);
		const then = (await recommendations(`&asOf=${PAST}`)).find((r) => r.id === keyActionRecId)!;
		expect({ total: then.keyActions.total, completed: then.keyActions.completed }).toEqual(keyActionsBefore);
	});

	it('adoption: the step recorded today is not in force at the earlier date', async () => {
		expect(adoptionBefore).not.toBe('no_longer_applicable');
		expect((await recommendations()).find((r) => r.id === adoptionRecId)!.status).toBe('no_longer_applicable');
		const then = (await recommendations(`&asOf=${PAST}`)).find((r) => r.id === adoptionRecId)!;
		expect(then.status).toBe(adoptionBefore);
		expect(then.ladder.every((s) => s.date <= PAST)).toBe(true);
	});
});

describe('the new endpoints’ edges', () => {
	it('answer 403 to a token without read:results, 400 to a date that is not one', async () => {
		const donor = await sessionUser(db, 'donor.iess@avance.test');
		const expiresOn = new Date(Date.now() + 86_400_000 * 30).toISOString().slice(0, 10);
		const risksOnly = (await createApiToken(db, donor, { name: 'risks only', scopes: ['read:risks'], programmeIds: [], expiresOn })).token;
		expect((await request(getActivities, 'activities', '', risksOnly)).status).toBe(403);
		expect((await request(getGenderActions, 'gender-actions', '', risksOnly)).status).toBe(403);
		const bad = await request(getActivities, 'activities', '&asOf=2021-02-30');
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('asOf');
	});
});
