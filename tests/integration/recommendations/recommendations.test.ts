import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { loadRecommendationDetail } from '$lib/server/recommendations/detail';
import { loadTracker } from '$lib/server/recommendations/tracker';
import { adoptedCountsAsOf } from '$lib/server/recommendations/recommendations';
import { NO_FILTERS } from '$lib/adoption';
import { load as loadTrackerPage } from '../../../src/routes/programmes/[slug]/recommendations/+page.server';
import { actions as detailActions, load as loadDetail } from '../../../src/routes/programmes/[slug]/recommendations/[id]/+page.server';
import { actions as editActions } from '../../../src/routes/programmes/[slug]/recommendations/[id]/edit/+page.server';
import { actions as newActions } from '../../../src/routes/programmes/[slug]/recommendations/new/+page.server';
import { actions as sourceActions } from '../../../src/routes/programmes/[slug]/recommendations/sources/+page.server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { postAs } from '../../helpers/actions';

// The tracker against a real SQLite file with the real migrations and the full seed, through the
// routes' own loads and actions, for each role.

let db: Db;
let patssId: number;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patssId = (await db.selectFrom('programme').select('id').where('code', '=', 'PATSS').executeTakeFirstOrThrow()).id;
});

const COORD = 'coord.patss@avance.test';
const EVALUATOR = 'evaluator@avance.test';
const DONOR = 'donor.iess@avance.test';

async function recByCode(code: string) {
	return db.selectFrom('recommendation').selectAll().where('programme_id', '=', patssId).where('code', '=', code).executeTakeFirstOrThrow();
}

async function post<A extends Record<string, (event: never) => unknown>>(
	actions: A,
	name: keyof A,
	email: string,
	form: Record<string, string | string[] | File>,
	id?: number
) {
	const params: Record<string, string> = { slug: 'patss', ...(id ? { id: String(id) } : {}) };
	return postAs(db, actions[name]!, email, { params, form });
}

/** A plain, valid recommendation form; override what the test is about. */
function recForm(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
	return {
		_form: 'recommendation',
		code: 'T-01',
		text: 'Adoptar un reglamento de prueba.',
		issuedOn: '2022-01-15',
		addressedTo: 'IESS',
		area: 'governance',
		priority: 'high',
		timeframe: '',
		internalNotes: 'Nota interna secreta T-01',
		...over
	};
}

async function createRec(code: string, over: Record<string, string | string[]> = {}) {
	const r = await post(newActions, 'default', COORD, recForm({ code, ...over }));
	expect(r.kind).toBe('redirect');
	return recByCode(code);
}

async function step(id: number, form: Record<string, string | File>, email = COORD) {
	const rec = await db.selectFrom('recommendation').select('version').where('id', '=', id).executeTakeFirstOrThrow();
	return post(detailActions, 'event', email, { _form: 'event', version: String(rec.version), instrument: '', note: '', ...form }, id);
}

describe('the adoption ladder', () => {
	it('builds the current status from the latest event, whatever order the steps are recorded in', async () => {
		const rec = await createRec('LAD-01');
		expect(await step(rec.id, { status: 'under_review', eventDate: '2022-03-01' })).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await step(rec.id, { status: 'adopted', eventDate: '2023-06-30', instrument: 'Resolución C.D. 700' })).toMatchObject({
			kind: 'redirect'
		});
		// A back-dated step between the two does not change today's status.
		expect(await step(rec.id, { status: 'accepted_in_principle', eventDate: '2022-10-01' })).toMatchObject({ kind: 'redirect' });

		const detail = await loadRecommendationDetail(
			db,
			{ id: patssId },
			{ internal: true },
			{ recommendationId: rec.id, asOf: '2026-01-01' }
		);
		expect(detail.recommendation.status).toBe('adopted');
		expect(detail.statusDate).toBe('2023-06-30');
		expect(detail.timeline.map((e) => e.status)).toEqual(['under_review', 'accepted_in_principle', 'adopted']);
		expect(detail.timeline.at(-1)).toMatchObject({
			instrument: 'Resolución C.D. 700',
			authorName: 'Carlos Coordinador (PATSS)',
			isIllustrative: false
		});
		// As of a date in between, the status then.
		expect(
			(await loadRecommendationDetail(db, { id: patssId }, { internal: true }, { recommendationId: rec.id, asOf: '2022-12-31' }))
				.recommendation.status
		).toBe('accepted_in_principle');
	});

	it('refuses a step dated in the future or before the recommendation, with the message next to the date', async () => {
		const rec = await createRec('LAD-02', { issuedOn: '2022-01-15' });
		const future = await step(rec.id, { status: 'under_review', eventDate: '2099-01-01' });
		expect(future.kind === 'value' && future.value).toMatchObject({
			status: 400,
			data: { errors: { eventDate: [expect.stringContaining('no puede ser futura')] } }
		});
		const before = await step(rec.id, { status: 'under_review', eventDate: '2022-01-14' });
		expect(before.kind === 'value' && before.value).toMatchObject({
			status: 400,
			data: {
				errors: { eventDate: ['La fecha del paso no puede ser anterior a la de la recomendación (15 ene 2022).'] },
				values: { eventDate: '2022-01-14' }
			}
		});
		expect(await db.selectFrom('adoption_event').select('id').where('recommendation_id', '=', rec.id).execute()).toHaveLength(0);
	});

	it('refuses a step down the ladder without a note, naming both statuses, and accepts it with one', async () => {
		const rec = await createRec('LAD-03');
		await step(rec.id, { status: 'adopted', eventDate: '2023-01-10' });
		const bare = await step(rec.id, { status: 'under_review', eventDate: '2023-05-01', instrument: 'Oficio 12' });
		expect(bare.kind === 'value' && bare.value).toMatchObject({
			status: 400,
			data: {
				errors: { note: ['Pasar de «Adoptada» a «En revisión» es bajar en la escalera: explique el motivo en la nota.'] },
				values: { instrument: 'Oficio 12' }
			}
		});
		expect(await step(rec.id, { status: 'under_review', eventDate: '2023-05-01', note: 'Nuevas autoridades.' })).toMatchObject({
			kind: 'redirect'
		});
		const detail = await loadRecommendationDetail(
			db,
			{ id: patssId },
			{ internal: true },
			{ recommendationId: rec.id, asOf: '2026-01-01' }
		);
		expect(detail.recommendation.status).toBe('under_review');
		expect(detail.timeline.at(-1)?.step).toBe('down');
	});

	it('refuses a second coordinator who moves the recommendation from a stale page (409)', async () => {
		const rec = await createRec('LAD-04');
		const stale = String(rec.version);
		await step(rec.id, { status: 'under_review', eventDate: '2022-06-01' });
		const r = await post(
			detailActions,
			'event',
			'coord2.patss@avance.test',
			{ _form: 'event', version: stale, status: 'adopted', eventDate: '2022-07-01' },
			rec.id
		);
		expect(r.kind === 'value' && r.value).toMatchObject({
			status: 409,
			data: { formError: expect.stringContaining('Otra persona guardó cambios') }
		});
		expect(await db.selectFrom('adoption_event').select('id').where('recommendation_id', '=', rec.id).execute()).toHaveLength(1);
	});

	it('asks before deleting a step, then deletes it and the status falls back to the step before', async () => {
		const rec = await createRec('LAD-05');
		await step(rec.id, { status: 'under_review', eventDate: '2022-06-01' });
		await step(rec.id, { status: 'adopted', eventDate: '2022-09-01' });
		const last = await db
			.selectFrom('adoption_event')
			.select('id')
			.where('recommendation_id', '=', rec.id)
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		const version = String((await recByCode('LAD-05')).version);
		const ask = await post(detailActions, 'deleteEvent', COORD, { eventId: String(last.id), version }, rec.id);
		expect(ask.kind === 'value' && ask.value).toMatchObject({
			confirmDeleteEvent: { eventId: last.id, status: 'adopted', eventDate: '2022-09-01' }
		});
		expect(await post(detailActions, 'deleteEvent', COORD, { eventId: String(last.id), version, confirm: 'yes' }, rec.id)).toMatchObject({
			kind: 'redirect'
		});
		expect(
			(await loadRecommendationDetail(db, { id: patssId }, { internal: true }, { recommendationId: rec.id, asOf: '2026-01-01' }))
				.recommendation.status
		).toBe('under_review');
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'adoption_event')
			.where('entity_id', '=', String(last.id))
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
	});
});

describe('permissions per role', () => {
	it('answers 403 to every action a donor crafts, and changes nothing', async () => {
		const rec = await recByCode('COB-05');
		const before = await db
			.selectFrom('audit_log')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		const attempts = [
			post(newActions, 'default', DONOR, recForm({ code: 'D-01' })),
			post(editActions, 'update', DONOR, { ...recForm({ code: 'COB-05' }), version: String(rec.version) }, rec.id),
			post(editActions, 'delete', DONOR, { version: String(rec.version), confirm: 'yes' }, rec.id),
			post(detailActions, 'event', DONOR, { version: String(rec.version), status: 'adopted', eventDate: '2023-01-01' }, rec.id),
			post(detailActions, 'response', DONOR, { version: String(rec.version), managementResponse: 'accepted' }, rec.id),
			post(detailActions, 'addAction', DONOR, { action: 'x', status: 'not_initiated' }, rec.id),
			post(detailActions, 'deleteAction', DONOR, { keyActionId: '1', version: '1', confirm: 'yes' }, rec.id),
			post(detailActions, 'comment', DONOR, { body: 'hola' }, rec.id),
			post(sourceActions, 'create', DONOR, { title: 'x', kind: 'technical_study' })
		];
		for (const r of await Promise.all(attempts)) expect(r).toMatchObject({ kind: 'error', status: 403 });
		const after = await db
			.selectFrom('audit_log')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(after.n).toBe(before.n);
		expect(await db.selectFrom('recommendation').select('id').where('code', '=', 'D-01').executeTakeFirst()).toBeUndefined();
	});

	it('lets an evaluator comment but not edit, record a step or respond', async () => {
		const rec = await recByCode('EMT-03');
		expect(
			await post(detailActions, 'comment', EVALUATOR, { _form: 'comment', body: 'Revisar la evidencia del paso de 2021.' }, rec.id)
		).toMatchObject({
			kind: 'redirect',
			location: expect.stringContaining('notice=commented')
		});
		for (const r of [
			await post(detailActions, 'event', EVALUATOR, { version: String(rec.version), status: 'adopted', eventDate: '2023-01-01' }, rec.id),
			await post(detailActions, 'response', EVALUATOR, { version: String(rec.version), managementResponse: 'accepted' }, rec.id),
			await post(editActions, 'update', EVALUATOR, { ...recForm({ code: 'EMT-03' }), version: String(rec.version) }, rec.id)
		]) {
			expect(r).toMatchObject({ kind: 'error', status: 403 });
		}
		const page = await outcome(async () =>
			call(loadDetail, makeEvent({ user: await sessionUser(db, EVALUATOR), params: { slug: 'patss', id: String(rec.id) } }))
		);
		expect(page.kind === 'value' && (page.value as { can: unknown }).can).toEqual({ internal: true, edit: false, comment: true });
		const comments = await db.selectFrom('recommendation_comment').selectAll().where('recommendation_id', '=', rec.id).execute();
		expect(comments.map((c) => c.body)).toContain('Revisar la evidencia del paso de 2021.');
	});

	it('sends donors the timeline and the management response but no internal note, event note or comment', async () => {
		const rec = await createRec('PRIV-01', { internalNotes: 'NOTA-INTERNA-PRIV' });
		await step(rec.id, { status: 'adopted', eventDate: '2023-01-10' });
		await step(rec.id, { status: 'under_review', eventDate: '2023-02-10', note: 'NOTA-DEL-PASO-PRIV' });
		await post(detailActions, 'comment', EVALUATOR, { body: 'COMENTARIO-PRIV' }, rec.id);

		const load = async (email: string) => {
			const r = await outcome(async () =>
				call(loadDetail, makeEvent({ user: await sessionUser(db, email), params: { slug: 'patss', id: String(rec.id) } }))
			);
			if (r.kind !== 'value') throw new Error(`load failed for ${email}`);
			return r.value as Awaited<ReturnType<typeof loadDetail>> & object;
		};
		const donor = await load(DONOR);
		const sent = JSON.stringify(donor);
		expect(donor.detail.timeline).toHaveLength(2);
		expect(donor.detail.recommendation.status).toBe('under_review');
		for (const secret of ['NOTA-INTERNA-PRIV', 'NOTA-DEL-PASO-PRIV', 'COMENTARIO-PRIV']) expect(sent).not.toContain(secret);
		expect(donor.detail.history).toEqual([]);
		expect(donor.can).toEqual({ internal: false, edit: false, comment: false });

		const team = JSON.stringify(await load(EVALUATOR));
		for (const secret of ['NOTA-INTERNA-PRIV', 'NOTA-DEL-PASO-PRIV', 'COMENTARIO-PRIV']) expect(team).toContain(secret);
	});

	it('shows a donor of another programme a 404, not the tracker', async () => {
		const r = await outcome(() => call(loadTrackerPage, makeEvent({ user: null, params: { slug: 'patss' } })));
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		const eu = await outcome(async () =>
			call(loadTrackerPage, makeEvent({ user: await sessionUser(db, 'donor.eu@avance.test'), params: { slug: 'patss' } }))
		);
		expect(eu).toMatchObject({ kind: 'error', status: 404 });
	});
});

describe('the derived "recommendations adopted" figure', () => {
	it('equals the tracker’s adopted count today and the number of adopted or implemented rows', async () => {
		const today = '2026-01-01';
		const counts = await adoptedCountsAsOf(db, patssId, [today]);
		const tracker = await loadTracker(db, { id: patssId }, { internal: true }, { ...NO_FILTERS, asOf: today });
		const rows = tracker.rows.filter((r) => r.status === 'adopted' || r.status === 'implemented').length;
		expect(counts.get(today)).toBe(tracker.summary.adopted);
		expect(tracker.summary.adopted).toBe(rows);
		expect(rows).toBeGreaterThan(5);
	});

	it('matches the tracker as of each past date, in one statement for many dates', async () => {
		const dates = ['2019-12-31', '2020-12-31', '2021-12-31', '2022-12-31', '2023-12-31', '2024-12-31'];
		const counts = await adoptedCountsAsOf(db, patssId, dates);
		for (const date of dates) {
			expect(counts.get(date), date).toBe(
				(await loadTracker(db, { id: patssId }, { internal: true }, { ...NO_FILTERS, asOf: date })).summary.adopted
			);
		}
		expect(counts.get('2019-12-31')).toBe(0);
		expect(counts.get('2024-12-31')!).toBeGreaterThan(counts.get('2021-12-31')!);
		expect(await adoptedCountsAsOf(db, patssId, [])).toEqual(new Map());
	});

	it('moves when a coordinator records an adoption, and not before its date', async () => {
		const rec = await createRec('DER-01');
		const [d1, d2] = ['2023-03-30', '2023-03-31'];
		const before = await adoptedCountsAsOf(db, patssId, [d1, d2]);
		await step(rec.id, { status: 'adopted', eventDate: d2, instrument: 'Resolución C.D. 701' });
		const after = await adoptedCountsAsOf(db, patssId, [d1, d2]);
		expect(after.get(d1)).toBe(before.get(d1));
		expect(after.get(d2)).toBe(before.get(d2)! + 1);
	});
});
