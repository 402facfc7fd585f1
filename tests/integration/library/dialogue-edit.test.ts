import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { dialogueEventIn, listDialogueEvents } from '$lib/server/dialogue/events';
import { actions as create } from '../../../src/routes/programmes/[slug]/dialogue/+page.server';
import { actions as edit, load as loadEdit } from '../../../src/routes/programmes/[slug]/dialogue/[id]/edit/+page.server';
import { freshDatabase } from '../../helpers/db';
import { loadAs, postAs } from '../../helpers/actions';
import { seeded } from '../../helpers/programme';

// Issue 25: a social-dialogue event can be corrected or deleted by a coordinator of its programme,
// on the version the form was read at, each change in the audit log; deleting asks first.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

const post = (actions: Record<string, unknown>, name: string, form: Record<string, string>, id?: number, email = COORD, slug = 'patss') =>
	postAs(db, actions[name] as (event: never) => unknown, email, {
		params: { slug, ...(id ? { id: String(id) } : {}) },
		route: id ? '/programmes/[slug]/dialogue/[id]/edit' : '/programmes/[slug]/dialogue',
		form
	});
const auditOf = (id: number) =>
	db
		.selectFrom('audit_log')
		.select(['action', 'before', 'after'])
		.where('entity', '=', 'social_dialogue_event')
		.where('entity_id', '=', String(id))
		.orderBy('id')
		.execute();

async function newEvent(body: string) {
	await post(create, 'create', {
		heldOn: '2022-03-10',
		body,
		outcome: 'Acta firmada.',
		present_government: 'on',
		names_government: 'MDT',
		present_workers: 'on',
		names_workers: 'CUT'
	});
	return (await listDialogueEvents(db, patss.programme.id)).find((e) => e.body === body)!;
}

const form = (version: number, over: Record<string, string> = {}) => ({
	_form: 'dialogue',
	version: String(version),
	heldOn: '2022-03-11',
	body: 'Mesa tripartita corregida',
	outcome: 'Acta firmada por las tres partes.',
	present_government: 'on',
	names_government: 'MDT',
	present_employers: 'on',
	names_employers: 'Cámara de Industrias',
	present_workers: 'on',
	names_workers: 'CUT',
	...over
});

describe('editing a social-dialogue event', () => {
	it('saves the corrected fields and parties, audited, and refuses a stale version keeping what was typed', async () => {
		const event = await newEvent('Mesa a corregir');
		const loaded = await loadAs<{ event: { id: number; version: number } }>(db, loadEdit as (event: never) => unknown, COORD, {
			params: { slug: 'patss', id: String(event.id) }
		});
		expect(loaded.kind === 'value' && loaded.value.event.id).toBe(event.id);

		expect(await post(edit, 'update', form(event.version), event.id)).toMatchObject({ kind: 'redirect', status: 303 });
		const saved = await dialogueEventIn(db, patss.programme.id, event.id);
		expect(saved).toMatchObject({ heldOn: '2022-03-11', body: 'Mesa tripartita corregida', version: event.version + 1 });
		expect(saved.parties.map((p) => p.constituent)).toEqual(['government', 'employers', 'workers']);
		const update = (await auditOf(event.id)).find((a) => a.action === 'update')!;
		expect(JSON.parse(update.before!)).toMatchObject({ heldOn: '2022-03-10', body: 'Mesa a corregir' });
		expect(JSON.parse(update.after!).parties).toEqual(saved.parties);

		// Someone saved since: refused, nothing changes, the form keeps what was typed.
		const stale = await post(edit, 'update', form(event.version, { body: 'Otra versión' }), event.id);
		expect(stale.kind === 'value' && stale.value).toMatchObject({ status: 409, data: { values: { body: 'Otra versión' } } });
		expect((await dialogueEventIn(db, patss.programme.id, event.id)).body).toBe('Mesa tripartita corregida');

		// No party, or an impossible date: 400 with the field named.
		const noParty = await post(
			edit,
			'update',
			{ _form: 'dialogue', version: String(saved.version), heldOn: '2022-03-11', body: 'x' },
			event.id
		);
		expect(noParty.kind === 'value' && noParty.value).toMatchObject({ status: 400 });
		const badDate = await post(edit, 'update', form(saved.version, { heldOn: '2022-13-01' }), event.id);
		expect(badDate.kind === 'value' && badDate.value).toMatchObject({ status: 400, data: { errors: { heldOn: expect.any(Array) } } });
	});

	it('is for the programme’s coordinators: a donor is refused, another programme’s event is not found', async () => {
		const event = await newEvent('Mesa de otro');
		expect(await post(edit, 'update', form(event.version), event.id, 'donor.iess@avance.test')).toMatchObject({
			kind: 'error',
			status: 403
		});
		const peru = await loadAs(db, loadEdit as (event: never) => unknown, 'coord.peru@avance.test', {
			params: { slug: 'peru-desempleo-ue', id: String(event.id) }
		});
		expect(peru).toMatchObject({ kind: 'error', status: 404 });
		expect((await dialogueEventIn(db, patss.programme.id, event.id)).version).toBe(event.version);
	});
});

describe('deleting a social-dialogue event', () => {
	it('asks first, then deletes the event and its parties on the version read, kept whole in the audit log', async () => {
		const event = await newEvent('Mesa a eliminar');
		const ask = await post(edit, 'delete', { version: String(event.version) }, event.id);
		expect(ask.kind === 'value' && ask.value).toMatchObject({ confirmDelete: { version: event.version, parties: 2 } });
		expect((await listDialogueEvents(db, patss.programme.id)).some((e) => e.id === event.id)).toBe(true);

		const stale = await post(edit, 'delete', { version: String(event.version + 1), confirm: 'yes' }, event.id);
		expect(stale.kind === 'value' && stale.value).toMatchObject({ status: 409 });

		expect(await post(edit, 'delete', { version: String(event.version), confirm: 'yes' }, event.id)).toMatchObject({
			kind: 'redirect',
			status: 303
		});
		expect((await listDialogueEvents(db, patss.programme.id)).some((e) => e.id === event.id)).toBe(false);
		expect(await db.selectFrom('social_dialogue_party').select('id').where('event_id', '=', event.id).execute()).toEqual([]);
		const deleted = (await auditOf(event.id)).find((a) => a.action === 'delete')!;
		expect(JSON.parse(deleted.before!)).toMatchObject({ body: 'Mesa a eliminar', parties: event.parties });
	});
});
