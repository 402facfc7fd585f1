import { beforeEach, describe, expect, it } from 'vitest';
import { createSession, validateSessionToken } from '$lib/server/auth/session';
import type { Db } from '$lib/server/db/connection';
import { verifyPassword } from '$lib/server/auth/password';
import { actions as usersActions } from '../../../src/routes/admin/users/+page.server';
import { actions as userActions, load as loadUser } from '../../../src/routes/admin/users/[id]/+page.server';
import { actions as periodActions } from '../../../src/routes/admin/periods/+page.server';
import { load as loadAudit } from '../../../src/routes/admin/audit/+page.server';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

let db: Db;
const ADMIN = 'admin@avance.test';
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
});

async function run(
	fn: unknown,
	email: string,
	form?: Record<string, string>,
	params: Record<string, string> = {},
	url = 'http://localhost/admin'
) {
	const event = makeEvent({ user: await sessionUser(db, email), form, params, url });
	return outcome(() => call(fn as never, event) as Promise<unknown>);
}
const newAccount = { name: 'Lucía Pérez', email: 'Lucia.Perez@ilo.org', password: 'una-clave-larga-2026', locale: 'es' };

describe('accounts', () => {
	it('creates an account with an argon2id hash and records it without the password', async () => {
		const r = await run(usersActions.create, ADMIN, newAccount);
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		const row = await db.selectFrom('user').selectAll().where('email', '=', 'lucia.perez@ilo.org').executeTakeFirstOrThrow();
		expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
		expect(await verifyPassword(row.password_hash, newAccount.password)).toBe(true);
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'user')
			.where('entity_id', '=', String(row.id))
			.execute();
		expect(audit).toHaveLength(1);
		expect(JSON.stringify(audit)).not.toContain(newAccount.password);
	});

	it('refuses a short password, a bad email and an email already taken, keeping the rest of the form', async () => {
		const short = await run(usersActions.create, ADMIN, { ...newAccount, password: 'corta' });
		expect(short.kind === 'value' && short.value).toMatchObject({
			status: 400,
			data: { errors: { password: ['Mínimo 12 caracteres.'] }, values: { name: 'Lucía Pérez' } }
		});
		expect(short.kind === 'value' && (short.value as { data: { values: Record<string, string> } }).data.values.password).toBeUndefined();
		const bad = await run(usersActions.create, ADMIN, { ...newAccount, email: 'no-es-correo' });
		expect(bad.kind === 'value' && bad.value).toMatchObject({
			status: 400,
			data: { errors: { email: ['Escriba un correo electrónico válido.'] } }
		});
		const taken = await run(usersActions.create, ADMIN, { ...newAccount, email: 'EVALUATOR@avance.test' });
		expect(taken.kind === 'value' && taken.value).toMatchObject({
			status: 400,
			data: { errors: { email: ['Ya hay una cuenta con este correo.'] } }
		});
	});

	it('refuses every admin action and page to a coordinator, and changes nothing', async () => {
		const target = String(await userId(db, 'evaluator@avance.test'));
		for (const [fn, form] of [
			[usersActions.create, newAccount],
			[userActions.password, { password: 'otra-clave-larga-2026' }],
			[userActions.revoke, { programmeId: '1' }]
		] as const) {
			expect(await run(fn, 'coord.patss@avance.test', form, { id: target })).toMatchObject({ kind: 'error', status: 403 });
		}
		expect(await run(loadUser, 'coord.patss@avance.test', undefined, { id: target })).toMatchObject({ kind: 'error', status: 403 });
		expect(await db.selectFrom('user').select('id').where('email', '=', 'lucia.perez@ilo.org').executeTakeFirst()).toBeUndefined();
	});

	it('grants and revokes a membership, and the new member sees the programme', async () => {
		await run(usersActions.create, ADMIN, newAccount);
		const id = await userId(db, 'lucia.perez@ilo.org');
		const patss = await seeded(db, 'patss');
		await run(userActions.grant, ADMIN, { programmeId: String(patss.programme.id), role: 'evaluator' }, { id: String(id) });
		expect(await db.selectFrom('membership').select('role').where('user_id', '=', id).execute()).toEqual([{ role: 'evaluator' }]);
		await run(userActions.revoke, ADMIN, { programmeId: String(patss.programme.id) }, { id: String(id) });
		expect(await db.selectFrom('membership').select('role').where('user_id', '=', id).execute()).toEqual([]);
		const bogus = await run(userActions.grant, ADMIN, { programmeId: '999', role: 'evaluator' }, { id: String(id) });
		expect(bogus.kind === 'value' && bogus.value).toMatchObject({
			status: 400,
			data: { errors: { programmeId: ['El registro elegido no existe en este programa.'] } }
		});
	});

	it('ends the open sessions of an account that is deactivated or whose password changes', async () => {
		const id = await userId(db, 'evaluator@avance.test');
		const { token } = await createSession(db, id);
		await run(userActions.password, ADMIN, { password: 'nueva-clave-larga-2026' }, { id: String(id) });
		expect((await validateSessionToken(db, token)).session).toBeNull();

		const { token: again } = await createSession(db, id);
		const account = await db.selectFrom('user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
		const r = await run(
			userActions.update,
			ADMIN,
			{ name: account.name, email: account.email, locale: 'es', isAdmin: '', version: String(account.version) },
			{ id: String(id) }
		);
		expect(r).toMatchObject({ kind: 'redirect' });
		expect((await validateSessionToken(db, again)).session).toBeNull();
	});

	it('does not let the administrator remove their own admin role or deactivate themselves', async () => {
		const me = await db.selectFrom('user').selectAll().where('email', '=', ADMIN).executeTakeFirstOrThrow();
		const r = await run(
			userActions.update,
			ADMIN,
			{ name: me.name, email: me.email, locale: 'es', active: 'on', version: String(me.version) },
			{ id: String(me.id) }
		);
		expect(r.kind === 'value' && r.value).toMatchObject({
			status: 400,
			data: { errors: { isAdmin: [expect.stringContaining('No puede quitarse')] } }
		});
	});
});

describe('locked periods and the audit log', () => {
	it('reopens a locked period only with a reason, and keeps the reason', async () => {
		const patss = await seeded(db, 'patss');
		const periodId = patss.periodId('2021-S1');
		await db.updateTable('reporting_period').set({ locked: 1 }).where('id', '=', periodId).execute();
		const none = await run(periodActions.unlock, ADMIN, { periodId: String(periodId), reason: '' });
		expect(none.kind === 'value' && none.value).toMatchObject({
			status: 400,
			data: { errors: { reason: ['Este campo es obligatorio.'] } }
		});
		const coordinator = await run(periodActions.unlock, 'coord.patss@avance.test', { periodId: String(periodId), reason: 'x' });
		expect(coordinator).toMatchObject({ kind: 'error', status: 403 });
		const ok = await run(periodActions.unlock, ADMIN, { periodId: String(periodId), reason: 'Error en la fuente; se reemite el informe.' });
		expect(ok).toMatchObject({ kind: 'redirect' });
		expect((await db.selectFrom('reporting_period').select('locked').where('id', '=', periodId).executeTakeFirstOrThrow()).locked).toBe(0);
		const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'unlock').executeTakeFirstOrThrow();
		expect(audit.reason).toBe('Error en la fuente; se reemite el informe.');
	});

	it('searches the audit log by programme, kind, person and text, treating % and _ as plain characters', async () => {
		await run(usersActions.create, ADMIN, { ...newAccount, name: 'Ana 100%_real' });
		const search = async (query: string) => {
			const r = await run(loadAudit, ADMIN, undefined, {}, `http://localhost/admin/audit?${query}`);
			return r.kind === 'value'
				? (r.value as { entries: { entity: string; action: string; userName: string | null }[]; more: boolean })
				: null;
		};
		const byText = await search('q=100%25_real');
		expect(byText?.entries.map((e) => [e.entity, e.action])).toEqual([['user', 'create']]);
		expect((await search('q=100%25%25'))?.entries).toEqual([]);
		const users = await search('entity=user');
		expect(users?.entries.every((e) => e.entity === 'user')).toBe(true);
		const patss = await seeded(db, 'patss');
		const inPatss = await search(`programme=${patss.programme.id}&entity=membership`);
		expect(inPatss?.entries.length).toBe(4);
		const byAdmin = await search(`user=${await userId(db, ADMIN)}`);
		// The demo seed approves some values as the admin (issue 19), so the admin has several entries.
		expect(byAdmin?.entries.length).toBeGreaterThan(0);
		expect(byAdmin?.entries.every((e) => e.userName === 'Ana Administradora')).toBe(true);
		expect(await search('programme=abc&from=yesterday')).toMatchObject({ entries: expect.any(Array) });
	});
});
