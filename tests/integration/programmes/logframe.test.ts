import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { getLogframe } from '$lib/server/programmes/programmes';
import { actions as logframe } from '../../../src/routes/programmes/[slug]/logframe/+page.server';
import { actions as periods } from '../../../src/routes/programmes/[slug]/periods/+page.server';
import { freshDatabase } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { postAs } from '../../helpers/actions';

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

async function post<A extends Record<string, unknown>>(
	actions: A,
	name: keyof A,
	email: string,
	form: Record<string, string>,
	slug = 'patss'
) {
	return postAs(db, actions[name] as (event: never) => unknown, email, {
		params: { slug },
		form,
		url: `http://localhost/programmes/${slug}/logframe`
	});
}
const COORD = 'coord.patss@avance.test';
const moduleRow = (code: string) =>
	db.selectFrom('module').selectAll().where('programme_id', '=', patss.programme.id).where('code', '=', code).executeTakeFirstOrThrow();
const outputRow = (code: string) =>
	db
		.selectFrom('output')
		.innerJoin('module', 'module.id', 'output.module_id')
		.selectAll('output')
		.where('module.programme_id', '=', patss.programme.id)
		.where('output.code', '=', code)
		.executeTakeFirstOrThrow();

describe('editing modules, outputs and activities', () => {
	it('creates a module at the end of the list and records it in the audit log', async () => {
		const r = await post(logframe, 'createModule', COORD, { code: 'M6', title: 'Comunicación estratégica', objective: '' });
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		const tree = await getLogframe(db, patss.programme.id);
		expect(tree.at(-1)?.code).toBe('M6');
		const audit = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'module').where('action', '=', 'create').execute();
		expect(audit).toHaveLength(1);
	});

	it('refuses an empty title, an overlong code and a duplicate code, with messages per field', async () => {
		const r = await post(logframe, 'createModule', COORD, { code: 'M1', title: '', objective: '' });
		expect(r.kind === 'value' && r.value).toMatchObject({ status: 400, data: { errors: { title: ['Este campo es obligatorio.'] } } });
		const long = await post(logframe, 'createModule', COORD, { code: 'X'.repeat(21), title: 'T', objective: '' });
		expect(long.kind === 'value' && long.value).toMatchObject({ status: 400, data: { errors: { code: ['Máximo 20 caracteres.'] } } });
		const dup = await post(logframe, 'createModule', COORD, { code: 'M1', title: 'Otro', objective: '' });
		expect(dup.kind === 'value' && dup.value).toMatchObject({
			status: 400,
			data: { errors: { code: ['Ya existe otro elemento con este código en el mismo nivel.'] }, values: { title: 'Otro' } }
		});
	});

	it('refuses a save made on a stale version instead of overwriting the other person’s change', async () => {
		const m = await moduleRow('M1');
		const first = await post(logframe, 'updateModule', COORD, {
			id: String(m.id),
			version: String(m.version),
			code: 'M1',
			title: 'Título A',
			objective: ''
		});
		const second = await post(logframe, 'updateModule', 'coord2.patss@avance.test', {
			id: String(m.id),
			version: String(m.version),
			code: 'M1',
			title: 'Título B',
			objective: ''
		});
		expect(first.kind).toBe('redirect');
		expect(second.kind === 'value' && second.value).toMatchObject({ status: 409 });
		expect((await moduleRow('M1')).title).toBe('Título A');
	});

	it('keeps activity dates inside the programme and in order', async () => {
		const o = await outputRow('1.1');
		const base = {
			outputId: String(o.id),
			code: '1.1.9',
			title: 'Taller',
			status: 'planned',
			progress: '0',
			responsible: '',
			actualStart: '',
			actualEnd: ''
		};
		const outside = await post(logframe, 'createActivity', COORD, { ...base, plannedStart: '2017-01-01', plannedEnd: '2019-01-01' });
		expect(outside.kind === 'value' && outside.value).toMatchObject({
			status: 400,
			data: { errors: { plannedStart: ['La fecha debe estar dentro del programa (1 oct 2018 – 31 mar 2022).'] } }
		});
		const reversed = await post(logframe, 'createActivity', COORD, { ...base, plannedStart: '2020-05-01', plannedEnd: '2020-01-01' });
		expect(reversed.kind === 'value' && reversed.value).toMatchObject({
			status: 400,
			data: { errors: { plannedEnd: ['La fecha de fin no puede ser anterior a la de inicio.'] } }
		});
		const bad = await post(logframe, 'createActivity', COORD, { ...base, plannedStart: '2020-02-30', plannedEnd: '', progress: '140' });
		expect(bad.kind === 'value' && bad.value).toMatchObject({
			status: 400,
			data: { errors: { plannedStart: ['Escriba una fecha válida (AAAA-MM-DD).'], progress: ['El valor máximo es 100.'] } }
		});
	});

	it('moves a module down and back up', async () => {
		const m1 = await moduleRow('M1');
		await post(logframe, 'move', COORD, { entity: 'module', id: String(m1.id), direction: 'down' });
		expect((await getLogframe(db, patss.programme.id)).map((m) => m.code).slice(0, 2)).toEqual(['M2', 'M1']);
		await post(logframe, 'move', COORD, { entity: 'module', id: String(m1.id), direction: 'up' });
		expect((await getLogframe(db, patss.programme.id)).map((m) => m.code).slice(0, 2)).toEqual(['M1', 'M2']);
	});

	it('asks before deleting, saying what goes with it, and deletes only once confirmed', async () => {
		const m5 = await moduleRow('M5');
		const ask = await post(logframe, 'delete', COORD, { entity: 'module', id: String(m5.id), version: String(m5.version), name: 'M5' });
		expect(ask.kind === 'value' && ask.value).toMatchObject({
			confirmDelete: { entity: 'module', id: m5.id, impact: { outputs: 3, activities: 4, indicators: 4, targets: 8, values: 8 } }
		});
		expect(await moduleRow('M5')).toBeTruthy();
		const done = await post(logframe, 'delete', COORD, {
			entity: 'module',
			id: String(m5.id),
			version: String(m5.version),
			name: 'M5',
			confirm: 'yes'
		});
		expect(done).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await db.selectFrom('module').select('id').where('id', '=', m5.id).executeTakeFirst()).toBeUndefined();
		expect(await db.selectFrom('indicator').select('id').where('module_id', '=', m5.id).execute()).toHaveLength(0);
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'module')
			.where('action', '=', 'delete')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(audit.before!)).toMatchObject({ code: 'M5', impact: { indicators: 4 } });
	});

	it('refuses a donor’s crafted POST with 403 and a coordinator of another programme with 404; nothing changes', async () => {
		const donor = await post(logframe, 'createModule', 'donor.iess@avance.test', { code: 'M9', title: 'x', objective: '' });
		const evaluator = await post(logframe, 'createModule', 'evaluator@avance.test', { code: 'M9', title: 'x', objective: '' });
		const stranger = await post(logframe, 'createModule', 'coord.peru@avance.test', { code: 'M9', title: 'x', objective: '' });
		expect(donor).toMatchObject({ kind: 'error', status: 403 });
		expect(evaluator).toMatchObject({ kind: 'error', status: 403 });
		expect(stranger).toMatchObject({ kind: 'error', status: 404 });
		expect(await db.selectFrom('module').select('id').where('code', '=', 'M9').execute()).toHaveLength(0);
	});

	it('does not let an output be moved into a module of another programme', async () => {
		const o = await outputRow('1.1');
		const peruModule = await db
			.selectFrom('module')
			.innerJoin('programme', 'programme.id', 'module.programme_id')
			.select('module.id')
			.where('programme.slug', '=', 'peru-desempleo-ue')
			.executeTakeFirstOrThrow();
		const r = await post(logframe, 'updateOutput', COORD, {
			id: String(o.id),
			version: String(o.version),
			moduleId: String(peruModule.id),
			code: '1.1',
			title: o.title,
			description: ''
		});
		expect(r.kind === 'value' && r.value).toMatchObject({ status: 404 });
		expect((await outputRow('1.1')).module_id).toBe(o.module_id);
	});
});

describe('reporting periods', () => {
	it('adds a period that does not overlap, and refuses one that does', async () => {
		const clash = await post(periods, 'create', COORD, { label: '2021-Q4', startDate: '2021-10-01', endDate: '2021-12-31' });
		expect(clash.kind === 'value' && clash.value).toMatchObject({
			status: 400,
			data: { errors: { startDate: ['Se superpone con el periodo 2021-S2.'] } }
		});
		const p = await db.selectFrom('reporting_period').selectAll().where('id', '=', patss.periodId('2022-S1')).executeTakeFirstOrThrow();
		await post(periods, 'update', COORD, {
			id: String(p.id),
			version: String(p.version),
			label: '2022-S1',
			startDate: '2022-01-01',
			endDate: '2022-02-28'
		});
		const added = await post(periods, 'create', COORD, { label: '2022-M3', startDate: '2022-03-01', endDate: '2022-03-31' });
		expect(added).toMatchObject({ kind: 'redirect', status: 303 });
	});

	it('refuses to change or delete a locked period', async () => {
		await db.updateTable('reporting_period').set({ locked: 1 }).where('id', '=', patss.periodId('2019-S1')).execute();
		const p = await db.selectFrom('reporting_period').selectAll().where('id', '=', patss.periodId('2019-S1')).executeTakeFirstOrThrow();
		const edit = await post(periods, 'update', COORD, {
			id: String(p.id),
			version: String(p.version),
			label: 'X',
			startDate: p.start_date,
			endDate: p.end_date
		});
		expect(edit.kind === 'value' && edit.value).toMatchObject({ status: 400 });
		const del = await post(periods, 'delete', COORD, { id: String(p.id), version: String(p.version), confirm: 'yes' });
		expect(del.kind === 'value' && del.value).toMatchObject({ status: 400 });
		expect(await db.selectFrom('reporting_period').select('label').where('id', '=', p.id).executeTakeFirstOrThrow()).toEqual({
			label: '2019-S1'
		});
	});
});
