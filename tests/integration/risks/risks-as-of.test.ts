import { beforeAll, describe, expect, it } from 'vitest';
import { API_SCOPES } from '$lib/api-tokens';
import { createApiToken } from '$lib/server/api/tokens';
import { riskListSchema } from '$lib/server/api/schemas';
import type { Db } from '$lib/server/db/connection';
import { todayIso } from '$lib/server/core/dates';
import { reviewRisk } from '$lib/server/risks/reviews';
import { riskEditSchema, updateRisk } from '$lib/server/risks/risks';
import { GET as getRisks } from '../../../src/routes/api/v1/programmes/[slug]/risks/+server';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// The API's ?asOf= reads risks by the rule the report snapshot uses (issue 19): the score of the
// latest review by that date and the status it had then (a later status change is undone from the
// audit trail). Today's answer shows today's.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
let token: string;
let riskId: number;
let before: { status: string; likelihood: number; impact: number; score: number };
const PAST = '2026-11-21';

async function risksAt(query: string) {
	const url = `http://localhost/api/v1/programmes/patss/risks?limit=200${query}`;
	const event = makeEvent({ url, params: { slug: 'patss' } });
	(event as { request: Request }).request = new Request(url, { headers: { authorization: `Bearer ${token}` } });
	const body = riskListSchema.parse(await ((await call(getRisks, event)) as Response).json());
	return body.data.find((r) => r.id === riskId)!;
}

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	expect(todayIso() > PAST).toBe(true);
	const user = await sessionUser(db, 'donor.iess@avance.test');
	const expiresOn = new Date(Date.now() + 86_400_000 * 30).toISOString().slice(0, 10);
	token = (await createApiToken(db, user, { name: 'risks as of', scopes: [...API_SCOPES], programmeIds: [], expiresOn })).token;

	const row = await db
		.selectFrom('risk')
		.selectAll()
		.where('programme_id', '=', patss.programme.id)
		.where('kind', '=', 'risk')
		.where('status', '!=', 'closed')
		.orderBy('id')
		.executeTakeFirstOrThrow();
	riskId = row.id;
	const listed = await risksAt(`&asOf=${PAST}`);
	before = { status: listed.status, likelihood: listed.likelihood, impact: listed.impact, score: listed.score };

	// Today the coordinator reviews it (a new score) and closes it.
	const coord = { id: await userId(db, 'coord.patss@avance.test') };
	const likelihood = row.likelihood === 5 ? 1 : row.likelihood + 1;
	await reviewRisk(db, coord, patss.programme, riskId, row.version, {
		reviewedOn: todayIso(),
		likelihood,
		impact: row.impact,
		note: '',
		nextReviewDate: null
	});
	const links = await db.selectFrom('risk_indicator').select('indicator_id').where('risk_id', '=', riskId).execute();
	const parent = row.activity_id
		? `activity:${row.activity_id}`
		: row.output_id
			? `output:${row.output_id}`
			: row.module_id
				? `module:${row.module_id}`
				: 'programme';
	const edit = riskEditSchema.parse({
		parent,
		kind: row.kind,
		code: row.code,
		title: row.title,
		description: row.description,
		category: row.category,
		mitigation: row.mitigation,
		contingency: row.contingency,
		owner: row.owner,
		status: 'closed',
		nextReviewDate: '',
		internalNotes: row.internal_notes,
		indicatorIds: links.map((l) => String(l.indicator_id)),
		version: String(row.version + 1)
	});
	const { version, ...input } = edit;
	await updateRisk(db, coord, patss.programme, riskId, version, input);
}, 120_000);

describe('risks as of a date, through the API', () => {
	it('today: the new review’s score and the closed status', async () => {
		const now = await risksAt('');
		expect(now.status).toBe('closed');
		expect(now.likelihood).not.toBe(before.likelihood);
	});

	it('at the earlier date: the score and status it had then', async () => {
		const then = await risksAt(`&asOf=${PAST}`);
		expect({ status: then.status, likelihood: then.likelihood, impact: then.impact, score: then.score }).toEqual(before);
		expect(before.status).not.toBe('closed');
	});
});
