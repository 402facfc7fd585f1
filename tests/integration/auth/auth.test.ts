import { beforeEach, describe, expect, it } from 'vitest';
import { ABSOLUTE_LIFETIME_MS, createSession, INACTIVITY_TIMEOUT_MS, SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import type { Db } from '$lib/server/db/connection';
import { actions as loginActions } from '../../../src/routes/login/+page.server';
import { POST as logout } from '../../../src/routes/logout/+server';
import { POST as switchLanguage } from '../../../src/routes/language/+server';
import { DEMO_PASSWORD } from '../../../seed/demo-accounts';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, MemoryCookies, outcome, sessionUser } from '../../helpers/events';

let db: Db;
beforeEach(async () => {
	// A new database each time: the sign-in throttle's state lives there too.
	db = await freshDatabase({ demoAccounts: true });
});

function signIn(email: string, password: string, extra: { cookies?: MemoryCookies; redirectTo?: string; address?: string } = {}) {
	const event = makeEvent({
		form: { email, password, redirectTo: extra.redirectTo ?? '' },
		cookies: extra.cookies,
		address: extra.address
	});
	return { event, result: outcome(() => call(loginActions.default, event)) };
}

describe('sign-in', () => {
	it('signs in with the right password: session row, httpOnly lax cookie, 303 to the page asked for', async () => {
		const { event, result } = signIn('Coord.PATSS@avance.test ', DEMO_PASSWORD, { redirectTo: '/programmes/patss' });
		expect(await result).toEqual({ kind: 'redirect', status: 303, location: '/programmes/patss' });
		const cookie = event.cookies.jar.get(SESSION_COOKIE);
		expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', secure: false });
		const id = await userId(db, 'coord.patss@avance.test');
		const sessions = await db.selectFrom('session').selectAll().where('user_id', '=', id).execute();
		expect(sessions).toHaveLength(1);
		// Only a hash of the secret is stored, never the token.
		const [sessionId, secret] = cookie!.value.split('.');
		expect(sessions[0]!.id).toBe(sessionId);
		expect(Buffer.from(sessions[0]!.secret_hash).toString('utf8')).not.toContain(secret!);
		expect((await validateSessionToken(db, cookie!.value)).user?.email).toBe('coord.patss@avance.test');
	});

	it('gives the same generic message for a wrong password and for an unknown email', async () => {
		const wrong = await signIn('coord.patss@avance.test', 'not-the-password').result;
		const unknown = await signIn('nobody@avance.test', DEMO_PASSWORD).result;
		for (const r of [wrong, unknown]) {
			expect(r.kind).toBe('value');
			if (r.kind !== 'value') continue;
			expect(r.value).toMatchObject({ status: 400, data: { formError: 'El correo o la contraseña no son correctos.' } });
		}
		expect(await db.selectFrom('session').selectAll().execute()).toHaveLength(0);
	});

	it('answers empty or overlong fields with a message per field, not a 500', async () => {
		const r = await signIn('', 'x'.repeat(300)).result;
		expect(r.kind === 'value' && r.value).toMatchObject({
			status: 400,
			data: { errors: { email: ['Este campo es obligatorio.'], password: ['Máximo 256 caracteres.'] } }
		});
	});

	it('slows an account down from an address after five failures there, even with the right password', async () => {
		for (let i = 0; i < 5; i++) await signIn('coord.patss@avance.test', 'wrong', { address: '198.51.100.1' }).result;
		const blocked = await signIn('coord.patss@avance.test', DEMO_PASSWORD, { address: '198.51.100.1' }).result;
		expect(blocked.kind === 'value' && blocked.value).toMatchObject({ status: 429 });
		expect(await db.selectFrom('session').selectAll().execute()).toHaveLength(0);
	});

	it('slows guessing from an address after repeated failures across accounts, never the right password of an account not itself throttled', async () => {
		for (let i = 0; i < 20; i++) await signIn(`someone${i}@avance.test`, 'wrong').result;
		// Everyone behind one office address is not locked out (issue 18 item 6)…
		expect((await signIn('coord.patss@avance.test', DEMO_PASSWORD).result).kind).toBe('redirect');
		// …but a further account guessed from that address gets one free failure, not five.
		const first = await signIn('coord2.patss@avance.test', 'wrong').result;
		expect(first.kind === 'value' && first.value).toMatchObject({ status: 400 });
		const second = await signIn('coord2.patss@avance.test', 'wrong-again').result;
		expect(second.kind === 'value' && second.value).toMatchObject({ status: 429 });
	});

	it('stops a burst of parallel guesses at the free attempts, before they reach the password check', async () => {
		const results = await Promise.all(
			Array.from({ length: 19 }, (_, i) => signIn('coord.patss@avance.test', `guess-${i}`, { address: '198.51.100.1' }).result)
		);
		const statuses = results.map((r) => (r.kind === 'value' ? (r.value as { status: number }).status : 0));
		expect(statuses.filter((s) => s === 400)).toHaveLength(5);
		expect(statuses.filter((s) => s === 429)).toHaveLength(14);
	});

	it('does not let a successful sign-in clear the address’s record of failures on other accounts', async () => {
		for (let i = 0; i < 15; i++) await signIn(`someone${i}@avance.test`, 'wrong').result;
		expect((await signIn('coord.patss@avance.test', DEMO_PASSWORD).result).kind).toBe('redirect');
		for (let i = 0; i < 5; i++) await signIn(`other${i}@avance.test`, 'wrong').result;
		// The address still counts its 20 failures: a new account from it has one free failure left.
		await signIn('coord2.patss@avance.test', 'wrong').result;
		const blocked = await signIn('coord2.patss@avance.test', 'wrong-again').result;
		expect(blocked.kind === 'value' && blocked.value).toMatchObject({ status: 429 });
	});

	it('records the sign-in in the audit log', async () => {
		await signIn('coord.patss@avance.test', DEMO_PASSWORD).result;
		const id = await userId(db, 'coord.patss@avance.test');
		const rows = await db.selectFrom('audit_log').selectAll().where('action', '=', 'sign_in').execute();
		expect(rows.map((r) => r.user_id)).toEqual([id]);
	});

	it('remembers on the account the language chosen on the sign-in page', async () => {
		const cookies = new MemoryCookies();
		cookies.set('avance_locale', 'en', { path: '/' });
		await signIn('coord.patss@avance.test', DEMO_PASSWORD, { cookies }).result;
		const row = await db.selectFrom('user').select('locale').where('email', '=', 'coord.patss@avance.test').executeTakeFirstOrThrow();
		expect(row.locale).toBe('en');
	});
});

describe('sessions', () => {
	it('ends a session after a week without use and deletes it', async () => {
		const id = await userId(db, 'evaluator@avance.test');
		const start = new Date('2026-01-01T00:00:00Z');
		const { token } = await createSession(db, id, start);
		expect((await validateSessionToken(db, token, new Date(start.getTime() + INACTIVITY_TIMEOUT_MS - 1000))).session).not.toBeNull();
		// That use pushed the end back (sliding expiry)…
		const later = new Date(start.getTime() + INACTIVITY_TIMEOUT_MS + 1000);
		expect((await validateSessionToken(db, token, later)).session).not.toBeNull();
		// …but a week of silence after the last use ends it.
		const silent = new Date(later.getTime() + INACTIVITY_TIMEOUT_MS + 1000);
		expect((await validateSessionToken(db, token, silent)).session).toBeNull();
		expect(await db.selectFrom('session').selectAll().execute()).toHaveLength(0);
	});

	it('ends even a busy session 30 days after sign-in', async () => {
		const id = await userId(db, 'evaluator@avance.test');
		const start = new Date('2026-01-01T00:00:00Z');
		const { token } = await createSession(db, id, start);
		for (let day = 1; day < 30; day += 3) {
			expect((await validateSessionToken(db, token, new Date(start.getTime() + day * 86_400_000))).session).not.toBeNull();
		}
		expect((await validateSessionToken(db, token, new Date(start.getTime() + ABSOLUTE_LIFETIME_MS))).session).toBeNull();
	});

	it('refuses a token whose secret does not match, and a malformed token', async () => {
		const id = await userId(db, 'evaluator@avance.test');
		const { token } = await createSession(db, id);
		const [sessionId] = token.split('.');
		expect((await validateSessionToken(db, `${sessionId}.wrongsecret`)).session).toBeNull();
		expect((await validateSessionToken(db, 'garbage')).session).toBeNull();
	});

	it('signs out: deletes the session, clears the cookie and records it', async () => {
		const user = await sessionUser(db, 'evaluator@avance.test');
		const { token, session } = await createSession(db, user.id);
		const cookies = new MemoryCookies();
		cookies.set(SESSION_COOKIE, token, { path: '/' });
		const event = makeEvent({ user, session, cookies, form: {} });
		const r = await outcome(() => call(logout, event));
		expect(r).toEqual({ kind: 'redirect', status: 303, location: '/login' });
		expect(cookies.get(SESSION_COOKIE)).toBeUndefined();
		expect((await validateSessionToken(db, token)).session).toBeNull();
		const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'sign_out').execute();
		expect(audit.map((a) => a.user_id)).toEqual([user.id]);
	});
});

describe('language switch', () => {
	it('sets the cookie, saves the choice on the signed-in user and goes back to the same page', async () => {
		const user = await sessionUser(db, 'donor.iess@avance.test');
		const event = makeEvent({ user, form: { locale: 'en', redirectTo: '/programmes/patss' } });
		const r = await outcome(() => call(switchLanguage, event));
		expect(r).toEqual({ kind: 'redirect', status: 303, location: '/programmes/patss' });
		expect(event.cookies.get('avance_locale')).toBe('en');
		const row = await db.selectFrom('user').select('locale').where('id', '=', user.id).executeTakeFirstOrThrow();
		expect(row.locale).toBe('en');
	});

	it('ignores an unknown language and an off-site redirect', async () => {
		const event = makeEvent({ form: { locale: 'xx', redirectTo: 'https://evil.example/' } });
		const r = await outcome(() => call(switchLanguage, event));
		expect(r).toEqual({ kind: 'redirect', status: 303, location: '/' });
		expect(event.cookies.get('avance_locale')).toBeUndefined();
	});
});

describe('requests that are not forms', () => {
	it('answers 400, not 500, when a sign-in or language request is not a form', async () => {
		const json = makeEvent({ url: 'http://localhost/login' });
		Object.defineProperty(json, 'request', {
			value: new Request('http://localhost/login', { method: 'POST', body: '{"email":1}', headers: { 'content-type': 'application/json' } })
		});
		expect(await outcome(() => call(loginActions.default, json))).toMatchObject({ kind: 'error', status: 400 });
		const text = makeEvent({ url: 'http://localhost/language' });
		Object.defineProperty(text, 'request', {
			value: new Request('http://localhost/language', { method: 'POST', body: 'locale=en', headers: { 'content-type': 'text/plain' } })
		});
		expect(await outcome(() => call(switchLanguage, text))).toMatchObject({ kind: 'error', status: 400 });
	});
});
