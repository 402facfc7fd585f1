import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { DEMO_PASSWORD } from '../../../seed/demo-accounts';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome } from '../../helpers/events';

// The sign-in throttle as people meet it: through the sign-in action, with the state in the
// database. "Another process" is a second copy of the app's modules (vi.resetModules), with its
// own connection to the same SQLite file, exactly what a restart or a second app process has.

type LoginModule = typeof import('../../../src/routes/login/+page.server');

const closers: (() => Promise<void>)[] = [];
async function freshApp(): Promise<LoginModule> {
	vi.resetModules();
	const login = await import('../../../src/routes/login/+page.server');
	closers.push((await import('$lib/server/db/connection')).closeDb);
	return login;
}
afterEach(async () => {
	for (const close of closers.splice(0)) await close();
});

let app: LoginModule;
let db: Db;
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	app = await freshApp();
});

const ATTACKER = '198.51.100.66';
const OWNER_HOME = '203.0.113.20';
const OFFICE = '192.0.2.10';

async function attempt(email: string, password: string, address: string, login: LoginModule = app, locale: 'es' | 'en' = 'es') {
	const event = makeEvent({ form: { email, password, redirectTo: '' }, address, locale });
	const r = await outcome(() => call(login.actions.default, event));
	if (r.kind === 'redirect') return { status: 303, message: null };
	if (r.kind !== 'value') throw new Error(`unexpected ${r.kind}`);
	const failure = r.value as { status: number; data: { formError: string } };
	return { status: failure.status, message: failure.data.formError };
}

describe('sign-in throttle', () => {
	it('lets the owner sign in from another address after an attacker’s failures, while the attacker’s address waits', async () => {
		for (let i = 0; i < 8; i++) await attempt('coord.patss@avance.test', `guess-${i}`, ATTACKER);
		expect((await attempt('coord.patss@avance.test', DEMO_PASSWORD, ATTACKER)).status).toBe(429);
		expect((await attempt('coord.patss@avance.test', DEMO_PASSWORD, OWNER_HOME)).status).toBe(303);
	});

	it('never lets failures from one address lock the owner out, however long they go on', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			// A few wrong guesses an hour, every hour, for two days.
			for (let hour = 0; hour < 48; hour++) {
				for (let i = 0; i < 4; i++) await attempt('coord.patss@avance.test', 'wrong', ATTACKER);
				vi.setSystemTime(Date.now() + 60 * 60 * 1000);
			}
			expect((await attempt('coord.patss@avance.test', DEMO_PASSWORD, OWNER_HOME)).status).toBe(303);
		} finally {
			vi.useRealTimers();
		}
	});

	it('lets a colleague who has signed in from a shared address before through while that address is throttled', async () => {
		expect((await attempt('coord2.patss@avance.test', DEMO_PASSWORD, OFFICE)).status).toBe(303);
		for (let i = 0; i < 25; i++) await attempt(`someone${i}@avance.test`, 'wrong', OFFICE);
		// The colleague who signed in from it before is let through…
		expect((await attempt('coord2.patss@avance.test', DEMO_PASSWORD, OFFICE)).status).toBe(303);
		// …and so is someone who never did, with the right password: their account is not throttled.
		expect((await attempt('coord.patss@avance.test', DEMO_PASSWORD, OFFICE)).status).toBe(303);
	});

	it('never refuses the right password of an account that is not itself throttled, however many failures its address has', async () => {
		for (let i = 0; i < 60; i++) await attempt(`someone${i % 7}@avance.test`, 'wrong', OFFICE);
		const whole = await db
			.selectFrom('login_attempt')
			.select('failures')
			.where('address', '=', OFFICE)
			.where('email', '=', '')
			.executeTakeFirstOrThrow();
		expect(whole.failures).toBeGreaterThanOrEqual(20);
		expect((await attempt('coord.patss@avance.test', DEMO_PASSWORD, OFFICE)).status).toBe(303);
		expect((await attempt('evaluator@avance.test', DEMO_PASSWORD, OFFICE)).status).toBe(303);
	});

	it('keeps guessing across many accounts from one address slow: once the address waits, each account gets one free failure', async () => {
		for (let i = 0; i < 20; i++) await attempt(`someone${i}@avance.test`, 'wrong', ATTACKER);
		// The address now waits: a new account's first wrong guess is checked (and refused as wrong)…
		expect((await attempt('coord.patss@avance.test', 'guess-1', ATTACKER)).status).toBe(400);
		// …its second must wait, where before the address waited it had five free.
		expect((await attempt('coord.patss@avance.test', 'guess-2', ATTACKER)).status).toBe(429);
		// The right password waits too, from that address only: the account is now throttled there.
		expect((await attempt('coord.patss@avance.test', DEMO_PASSWORD, ATTACKER)).status).toBe(429);
		expect((await attempt('coord.patss@avance.test', DEMO_PASSWORD, OWNER_HOME)).status).toBe(303);
	});

	it('says how long to wait, in the reader’s language', async () => {
		for (let i = 0; i < 5; i++) await attempt('coord.patss@avance.test', 'wrong', ATTACKER);
		const es = await attempt('coord.patss@avance.test', 'wrong', ATTACKER);
		expect(es).toEqual({ status: 429, message: 'Demasiados intentos fallidos. Espere 1 segundo e inténtelo de nuevo.' });
		const en = await attempt('coord.patss@avance.test', 'wrong', ATTACKER, app, 'en');
		expect(en).toEqual({ status: 429, message: 'Too many failed attempts. Wait 1 second and try again.' });
	});

	it('keeps the state in the database: a restart does not wipe it', async () => {
		for (let i = 0; i < 5; i++) await attempt('coord.patss@avance.test', 'wrong', ATTACKER);
		const restarted = await freshApp();
		expect((await attempt('coord.patss@avance.test', DEMO_PASSWORD, ATTACKER, restarted)).status).toBe(429);
	});

	it('counts a parallel burst sent to two app processes against one limit, before any password check', async () => {
		const other = await freshApp();
		const results = await Promise.all(
			Array.from({ length: 16 }, (_, i) => attempt('coord.patss@avance.test', `guess-${i}`, ATTACKER, i % 2 ? app : other))
		);
		const statuses = results.map((r) => r.status);
		expect(statuses.filter((s) => s === 400)).toHaveLength(5);
		expect(statuses.filter((s) => s === 429)).toHaveLength(11);
	});

	it('prunes rows whose failures are forgotten and whose sign-in is long past, and keeps the rest', async () => {
		const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
		await db
			.insertInto('login_attempt')
			.values([
				{ email: 'old@avance.test', address: ATTACKER, failures: 40, last_failure_at: daysAgo(2) },
				{ email: '', address: ATTACKER, failures: 40, last_failure_at: daysAgo(2) },
				{ email: 'gone@avance.test', address: OFFICE, failures: 0, signed_in_at: daysAgo(40) },
				{ email: 'recent@avance.test', address: OFFICE, failures: 3, last_failure_at: daysAgo(0.5) },
				{ email: 'known@avance.test', address: OFFICE, failures: 0, signed_in_at: daysAgo(10) }
			])
			.execute();
		// The first sign-in attempt a process sees prunes.
		await attempt('coord.patss@avance.test', DEMO_PASSWORD, OWNER_HOME, await freshApp());
		const left = await db.selectFrom('login_attempt').select(['email', 'address']).execute();
		expect(left.map((r) => `${r.email}@${r.address}`).sort()).toEqual(
			[`@${OWNER_HOME}`, `coord.patss@avance.test@${OWNER_HOME}`, `known@avance.test@${OFFICE}`, `recent@avance.test@${OFFICE}`].sort()
		);
	});
});
