import { existsSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openAttachment, uploadsDir } from '$lib/server/core/attachments';
import type { Db } from '$lib/server/db/connection';
import { actions as detailActions } from '../../../src/routes/programmes/[slug]/recommendations/[id]/+page.server';
import { actions as editActions, load as loadEdit } from '../../../src/routes/programmes/[slug]/recommendations/[id]/edit/+page.server';
import { actions as newActions } from '../../../src/routes/programmes/[slug]/recommendations/new/+page.server';
import { actions as sourceActions } from '../../../src/routes/programmes/[slug]/recommendations/sources/+page.server';
import { GET as getFile } from '../../../src/routes/programmes/[slug]/files/[id]/+server';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { postAs } from '../../helpers/actions';

// Every form of the tracker answers bad input with a 400 and a message next to the field, keeps
// what was typed, refuses stale versions with a 409, and writes one audit row per change.

let db: Db;
let patssId: number;
let otherModuleId: number;
let otherIndicatorId: number;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patssId = (await db.selectFrom('programme').select('id').where('code', '=', 'PATSS').executeTakeFirstOrThrow()).id;
	const peru = (await db.selectFrom('programme').select('id').where('code', '=', 'UE-PER-DESEMPLEO').executeTakeFirstOrThrow()).id;
	otherModuleId = (await db.selectFrom('module').select('id').where('programme_id', '=', peru).executeTakeFirstOrThrow()).id;
	otherIndicatorId = (await db.selectFrom('indicator').select('id').where('programme_id', '=', peru).executeTakeFirstOrThrow()).id;
});

const COORD = 'coord.patss@avance.test';

async function post(
	actions: Record<string, unknown>,
	name: string,
	form: Record<string, string | string[] | File>,
	id?: number,
	email = COORD,
	locale: 'es' | 'en' = 'es'
) {
	const params: Record<string, string> = { slug: 'patss', ...(id ? { id: String(id) } : {}) };
	return postAs(db, actions[name] as (event: never) => unknown, email, { params, form, locale });
}

function failure(r: Awaited<ReturnType<typeof post>>) {
	if (r.kind !== 'value') throw new Error(`expected a form answer, got ${JSON.stringify(r)}`);
	return r.value as {
		status: number;
		data: { errors: Record<string, string[]>; formError: string | null; values: Record<string, string | string[]> };
	};
}

const rec = (code: string) =>
	db.selectFrom('recommendation').selectAll().where('programme_id', '=', patssId).where('code', '=', code).executeTakeFirstOrThrow();

function recForm(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
	return {
		_form: 'recommendation',
		code: 'F-01',
		text: 'Texto',
		issuedOn: '2022-01-15',
		addressedTo: 'IESS',
		area: 'coverage',
		priority: 'medium',
		...over
	};
}

describe('the recommendation form', () => {
	it('answers empty, overlong and wrongly typed fields with messages next to them, keeping what was typed', async () => {
		const f = failure(
			await post(newActions, 'default', recForm({ code: '', text: 'x'.repeat(4001), issuedOn: '15/01/2022', area: 'health', priority: '' }))
		);
		expect(f.status).toBe(400);
		expect(f.data.errors).toEqual({
			code: ['Este campo es obligatorio.'],
			text: ['Máximo 4000 caracteres.'],
			issuedOn: ['Escriba una fecha válida (AAAA-MM-DD).'],
			area: ['Elija una de las opciones.'],
			priority: ['Elija una de las opciones.']
		});
		expect(f.data.values).toMatchObject({ issuedOn: '15/01/2022', addressedTo: 'IESS' });
	});

	it('answers in English for an English-speaking user', async () => {
		const f = failure(await post(newActions, 'default', recForm({ addressedTo: '' }), undefined, COORD, 'en'));
		expect(f.data.errors.addressedTo).toEqual(['This field is required.']);
	});

	it('refuses links to another programme’s module or indicator, and a date in the future', async () => {
		const f = failure(
			await post(
				newActions,
				'default',
				recForm({ moduleIds: [String(otherModuleId)], indicatorIds: String(otherIndicatorId), outputIds: 'abc', issuedOn: '2099-01-01' })
			)
		);
		expect(f.status).toBe(400);
		expect(f.data.errors).toMatchObject({ outputIds: ['El registro elegido no existe en este programa.'] });
		const g = failure(
			await post(
				newActions,
				'default',
				recForm({ moduleIds: [String(otherModuleId)], indicatorIds: String(otherIndicatorId), issuedOn: '2099-01-01' })
			)
		);
		expect(g.data.errors).toEqual({ issuedOn: ['La fecha de la recomendación no puede ser futura.'] });
		const h = failure(
			await post(newActions, 'default', recForm({ moduleIds: [String(otherModuleId)], indicatorIds: String(otherIndicatorId) }))
		);
		expect(h.data.errors).toEqual({
			moduleIds: ['El registro elegido no existe en este programa.'],
			indicatorIds: ['El registro elegido no existe en este programa.']
		});
		expect(h.data.values.moduleIds).toBe(String(otherModuleId));
	});

	it('refuses a code already used in the programme', async () => {
		const f = failure(await post(newActions, 'default', recForm({ code: 'COB-01' })));
		expect(f.data.errors).toEqual({ code: ['Ya hay una recomendación con este código en el programa.'] });
	});

	it('creates one with its links and an audit row, then edits it and refuses the stale version', async () => {
		const module = await db
			.selectFrom('module')
			.select('id')
			.where('programme_id', '=', patssId)
			.where('code', '=', 'M2')
			.executeTakeFirstOrThrow();
		const output = await db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select('output.id')
			.where('module.programme_id', '=', patssId)
			.where('output.code', '=', '2.4')
			.executeTakeFirstOrThrow();
		const created = await post(
			newActions,
			'default',
			recForm({ code: 'F-02', moduleIds: String(module.id), outputIds: [String(output.id)] })
		);
		expect(created).toMatchObject({
			kind: 'redirect',
			status: 303,
			location: expect.stringMatching(/\/recommendations\/\d+\?notice=created$/)
		});
		const r = await rec('F-02');
		const page = await outcome(async () =>
			call(loadEdit, makeEvent({ user: await sessionUser(db, COORD), params: { slug: 'patss', id: String(r.id) } }))
		);
		expect(page.kind === 'value' && (page.value as { links: unknown }).links).toMatchObject({
			moduleIds: [module.id],
			outputIds: [output.id],
			indicatorIds: [],
			riskIds: []
		});

		const edit = (version: number, text: string) =>
			post(editActions, 'update', { ...recForm({ code: 'F-02', text, outputIds: String(output.id) }), version: String(version) }, r.id);
		expect(await edit(r.version, 'Texto corregido')).toMatchObject({ kind: 'redirect' });
		const conflict = failure(await edit(r.version, 'Otra versión'));
		expect(conflict.status).toBe(409);
		expect(conflict.data.formError).toContain('Otra persona guardó cambios');
		expect(conflict.data.values.text).toBe('Otra versión');
		expect((await rec('F-02')).text).toBe('Texto corregido');

		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'recommendation')
			.where('entity_id', '=', String(r.id))
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
		expect(JSON.parse(audit[1]!.after!)).toMatchObject({ text: 'Texto corregido', moduleIds: '' });
	});

	it('refuses to date the recommendation after a step of its ladder', async () => {
		const r = await rec('COB-05');
		const f = failure(
			await post(
				editActions,
				'update',
				{ ...recForm({ code: 'COB-05', text: r.text, addressedTo: r.addressed_to, issuedOn: '2022-01-01' }), version: String(r.version) },
				r.id
			)
		);
		expect(f.data.errors).toEqual({
			issuedOn: ['La escalera ya tiene un paso del 20 may 2021: la fecha de la recomendación no puede ser posterior.']
		});
	});

	it('asks before deleting, then deletes the recommendation with its ladder, key actions and files', async () => {
		const r = await rec('EMT-04');
		const ask = await post(editActions, 'delete', { version: String(r.version) }, r.id);
		expect(ask.kind === 'value' && ask.value).toEqual({
			confirmDelete: { version: r.version, impact: { events: 2, keyActions: 1, comments: 0 } }
		});
		expect(await rec('EMT-04')).toBeTruthy();
		expect(await post(editActions, 'delete', { version: String(r.version), confirm: 'yes' }, r.id)).toMatchObject({
			kind: 'redirect',
			location: expect.stringContaining('notice=deleted')
		});
		expect(await db.selectFrom('adoption_event').select('id').where('recommendation_id', '=', r.id).execute()).toEqual([]);
		expect(await db.selectFrom('key_action').select('id').where('recommendation_id', '=', r.id).execute()).toEqual([]);
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'recommendation')
			.where('entity_id', '=', String(r.id))
			.where('action', '=', 'delete')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(audit.before!)).toMatchObject({ code: 'EMT-04', impact: { events: 2, keyActions: 1 } });
	});
});

describe('the management response', () => {
	it('requires a justification when partially accepted or rejected', async () => {
		const r = await rec('EMT-01');
		for (const value of ['partially_accepted', 'rejected']) {
			const f = failure(
				await post(
					detailActions,
					'response',
					{ _form: 'response', version: String(r.version), managementResponse: value, managementResponseText: ' ' },
					r.id
				)
			);
			expect(f.data.errors).toEqual({ managementResponseText: ['Justifique la respuesta cuando se acepta en parte o se rechaza.'] });
		}
		expect(
			await post(
				detailActions,
				'response',
				{ version: String(r.version), managementResponse: 'rejected', managementResponseText: 'Fuera del mandato.' },
				r.id
			)
		).toMatchObject({ kind: 'redirect' });
		expect(await rec('EMT-01')).toMatchObject({
			management_response: 'rejected',
			management_response_text: 'Fuera del mandato.',
			version: r.version + 1
		});
	});

	it('is refused on a technical-study recommendation and for an unknown value', async () => {
		const r = await rec('COB-01');
		expect(
			failure(await post(detailActions, 'response', { version: String(r.version), managementResponse: 'accepted' }, r.id)).data.errors
		).toEqual({
			managementResponse: ['Solo las recomendaciones de una evaluación llevan respuesta de la gerencia.']
		});
		expect(
			failure(await post(detailActions, 'response', { version: String(r.version), managementResponse: 'maybe' }, r.id)).data.errors
		).toEqual({
			managementResponse: ['Elija una de las opciones.']
		});
	});
});

describe('key actions', () => {
	it('adds, edits and deletes a key action, refusing a due date before the recommendation and a stale version', async () => {
		const r = await rec('GOB-02');
		const early = failure(
			await post(
				detailActions,
				'addAction',
				{ _form: 'addAction', action: 'Oficio al CNE', status: 'initiated', dueDate: '2019-01-01' },
				r.id
			)
		);
		expect(early.data.errors).toEqual({ dueDate: ['La fecha límite no puede ser anterior a la de la recomendación (30 sept 2019).'] });
		const empty = failure(await post(detailActions, 'addAction', { _form: 'addAction', action: '', status: 'done' }, r.id));
		expect(empty.data.errors).toEqual({ action: ['Este campo es obligatorio.'], status: ['Elija una de las opciones.'] });

		expect(
			await post(
				detailActions,
				'addAction',
				{ action: 'Oficio al CNE', responsible: 'Presidencia del CD', status: 'initiated', dueDate: '2020-12-31' },
				r.id
			)
		).toMatchObject({
			kind: 'redirect'
		});
		const ka = await db.selectFrom('key_action').selectAll().where('recommendation_id', '=', r.id).executeTakeFirstOrThrow();
		const edit = (version: number, status: string) =>
			post(
				detailActions,
				'updateAction',
				{ keyActionId: String(ka.id), version: String(version), action: ka.action, status, dueDate: '2020-12-31' },
				r.id
			);
		expect(await edit(ka.version, 'completed')).toMatchObject({ kind: 'redirect' });
		expect(failure(await edit(ka.version, 'initiated')).status).toBe(409);

		// A key action of another recommendation cannot be reached through this one.
		const other = await rec('COB-01');
		const foreign = await db
			.selectFrom('key_action')
			.select(['id', 'version'])
			.where('recommendation_id', '=', other.id)
			.executeTakeFirstOrThrow();
		expect(
			failure(
				await post(
					detailActions,
					'deleteAction',
					{ keyActionId: String(foreign.id), version: String(foreign.version), confirm: 'yes' },
					r.id
				)
			).status
		).toBe(404);

		const ask = await post(detailActions, 'deleteAction', { keyActionId: String(ka.id), version: String(ka.version + 1) }, r.id);
		expect(ask.kind === 'value' && ask.value).toEqual({
			confirmDeleteAction: { keyActionId: ka.id, version: ka.version + 1, name: 'Oficio al CNE' }
		});
		expect(
			await post(detailActions, 'deleteAction', { keyActionId: String(ka.id), version: String(ka.version + 1), confirm: 'yes' }, r.id)
		).toMatchObject({ kind: 'redirect' });
		const audit = await db
			.selectFrom('audit_log')
			.select('action')
			.where('entity', '=', 'key_action')
			.where('entity_id', '=', String(ka.id))
			.orderBy('id')
			.execute();
		expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
	});
});

describe('evidence files of ladder steps', () => {
	const pdf = () =>
		new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a])], 'resolucion.pdf', { type: 'application/pdf' });

	it('stores the file with the step, serves it to a donor of the programme, and keeps nothing when the step is refused', async () => {
		const r = await rec('COB-10');
		const before = existsSync(uploadsDir()) ? readdirSync(uploadsDir()).length : 0;
		const refused = failure(
			await post(
				detailActions,
				'event',
				{ version: String(r.version), status: 'adopted', eventDate: '2099-01-01', evidenceFile: pdf() },
				r.id
			)
		);
		expect(refused.data.errors.eventDate).toHaveLength(1);
		expect(existsSync(uploadsDir()) ? readdirSync(uploadsDir()).length : 0).toBe(before);

		expect(
			await post(
				detailActions,
				'event',
				{ version: String(r.version), status: 'adopted', eventDate: '2024-02-01', evidenceFile: pdf() },
				r.id
			)
		).toMatchObject({ kind: 'redirect' });
		const file = await db.selectFrom('attachment').selectAll().where('owner_entity', '=', 'adoption_event').executeTakeFirstOrThrow();
		expect(file.original_name).toBe('resolucion.pdf');
		expect(await openAttachment(db, patssId, file.id, { internal: false })).toMatchObject({ contentType: 'application/pdf' });
		const donor = await sessionUser(db, 'donor.iess@avance.test');
		const res = (await call(getFile, makeEvent({ user: donor, params: { slug: 'patss', id: String(file.id) } }))) as Response;
		expect(res.status).toBe(200);

		// Deleting the step removes its file too.
		const ev = await db.selectFrom('adoption_event').select('id').where('id', '=', file.owner_id).executeTakeFirstOrThrow();
		const version = String((await rec('COB-10')).version);
		expect(await post(detailActions, 'deleteEvent', { eventId: String(ev.id), version, confirm: 'yes' }, r.id)).toMatchObject({
			kind: 'redirect'
		});
		expect(await db.selectFrom('attachment').select('id').where('id', '=', file.id).executeTakeFirst()).toBeUndefined();
		expect(readdirSync(uploadsDir())).not.toContain(file.stored_name);
	});

	it('refuses a file that is not what it claims to be', async () => {
		const r = await rec('COB-11');
		const fake = new File(['MZ not a pdf'], 'resolucion.pdf', { type: 'application/pdf' });
		const f = failure(
			await post(
				detailActions,
				'event',
				{ version: String(r.version), status: 'under_review', eventDate: '2023-01-01', evidenceFile: fake },
				r.id
			)
		);
		expect(f.data.errors.evidenceFile).toHaveLength(1);
	});
});

describe('source documents', () => {
	it('adds, edits and deletes a document; its recommendations keep going without a source', async () => {
		const bad = failure(await post(sourceActions, 'create', { _form: 'new-source', title: '', kind: 'press_release', url: 'ftp://x' }));
		expect(Object.keys(bad.data.errors).sort()).toEqual(['kind', 'title', 'url']);
		expect(
			await post(sourceActions, 'create', {
				title: 'Evaluación final independiente',
				kind: 'final_evaluation',
				issuedOn: '2022-06-30',
				url: ''
			})
		).toMatchObject({
			kind: 'redirect'
		});
		const doc = await db
			.selectFrom('source_document')
			.selectAll()
			.where('title', '=', 'Evaluación final independiente')
			.executeTakeFirstOrThrow();
		const r = await rec('CAL-03');
		await post(
			editActions,
			'update',
			{ ...recForm({ code: 'CAL-03', text: r.text, issuedOn: r.issued_on, sourceDocumentId: String(doc.id) }), version: String(r.version) },
			r.id
		);
		expect((await rec('CAL-03')).source_document_id).toBe(doc.id);

		const ask = await post(sourceActions, 'delete', { id: String(doc.id), version: String(doc.version) });
		expect(ask.kind === 'value' && ask.value).toMatchObject({ confirmDelete: { id: doc.id, recommendations: 1 } });
		expect(await post(sourceActions, 'delete', { id: String(doc.id), version: String(doc.version), confirm: 'yes' })).toMatchObject({
			kind: 'redirect'
		});
		expect((await rec('CAL-03')).source_document_id).toBeNull();
	});
});
