import { beforeEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { CHALLENGE_COOKIE, codeAt, matchingStep, PERIOD_SECONDS, totpState, verifySecondFactor } from '$lib/server/auth/totp';
import type { Db } from '$lib/server/db/connection';
import { isSealed, openSecret } from '$lib/server/auth/secret-box';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { actions as loginActions } from '../../../src/routes/login/+page.server';
import { actions as twoFactorActions, load as twoFactorLoad } from '../../../src/routes/login/two-factor/+page.server';
import { actions as accountActions } from '../../../src/routes/account/+page.server';
import { actions as adminUserActions } from '../../../src/routes/admin/users/[id]/+page.server';
import { load as adminLayoutLoad } from '../../../src/routes/admin/+layout.server';
import { DEMO_PASSWORD } from '../../../seed/demo-accounts';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, MemoryCookies, outcome, sessionUser } from '../../helpers/events';

// TOTP as a second factor (issue 23): enrolment with recovery codes on the account page, the code
// after the password at sign-in (no session before it), each code accepted once, wrong codes
// throttled like passwords, recovery codes single-use, the admin's audited reset, and admins
// required to enrol when the instance says so. Codes are computed from the stored key and a clock
// the test picks.

let db: Db;
const COORD = 'coord.patss@avance.test';

beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	delete process.env.REQUIRE_ADMIN_SECOND_FACTOR;
});

const storedSecretOf = async (email: string) =>
	(
		await db
			.selectFrom('totp')
			.select('secret')
			.where('user_id', '=', await userId(db, email))
			.executeTakeFirstOrThrow()
	).secret;
const secretOf = async (email: string) => openSecret(await storedSecretOf(email));

async function enrol(email: string): Promise<string[]> {
	const user = await sessionUser(db, email);
	const started = await outcome(() =>
		call(accountActions.totpStart, makeEvent({ user, url: 'http://localhost/account', route: '/account', form: {} }))
	);
	expect(started).toMatchObject({ kind: 'value', value: { enrolment: { key: expect.stringMatching(/^[A-Z2-7]{32}$/) } } });
	// The key shown once to the person is stored sealed (design §2): the database row alone does not give it.
	const stored = await storedSecretOf(email);
	expect(isSealed(stored)).toBe(true);
	expect(Buffer.from(stored).includes(Buffer.from(await secretOf(email)))).toBe(false);
	expect(encodeBase32UpperCaseNoPadding(await secretOf(email))).toBe(
		(started as { value: { enrolment: { key: string } } }).value.enrolment.key
	);
	const wrong = await outcome(() =>
		call(accountActions.totpConfirm, makeEvent({ user, url: 'http://localhost/account', route: '/account', form: { code: '12345' } }))
	);
	expect(wrong).toMatchObject({ kind: 'value', value: { status: 400 } });
	const code = codeAt(await secretOf(email), new Date());
	const confirmed = await outcome(() =>
		call(accountActions.totpConfirm, makeEvent({ user, url: 'http://localhost/account', route: '/account', form: { code } }))
	);
	if (confirmed.kind !== 'value') throw new Error(JSON.stringify(confirmed));
	const codes = (confirmed.value as { recoveryCodes: string[] }).recoveryCodes;
	expect(codes).toHaveLength(10);
	return codes;
}

async function passwordStep(cookies: MemoryCookies, address = '192.0.2.7') {
	const event = makeEvent({ form: { email: COORD, password: DEMO_PASSWORD, redirectTo: '/inbox' }, cookies, address });
	return outcome(() => call(loginActions.default, event));
}

async function codeStep(cookies: MemoryCookies, code: string, address = '192.0.2.7') {
	return outcome(() =>
		call(twoFactorActions.default, makeEvent({ form: { code }, cookies, address, url: 'http://localhost/login/two-factor' }))
	);
}

describe('the code itself', () => {
	it('accepts the code of the current step and one step either side, nothing further', () => {
		const secret = new Uint8Array(20).fill(7);
		const now = new Date('2026-12-07T06:00:10Z');
		const step = Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
		expect(matchingStep(secret, codeAt(secret, now), now)).toBe(step);
		expect(matchingStep(secret, codeAt(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
		expect(matchingStep(secret, codeAt(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
		expect(matchingStep(secret, codeAt(secret, new Date(now.getTime() + 90_000)), now)).toBeNull();
		expect(matchingStep(secret, 'abcdef', now)).toBeNull();
	});
});

describe('sign-in with a second factor', () => {
	it('opens no session after the password alone, then one after the code; the same code is refused the second time', async () => {
		await enrol(COORD);
		const cookies = new MemoryCookies();
		expect(await passwordStep(cookies)).toEqual({ kind: 'redirect', status: 303, location: '/login/two-factor' });
		expect(cookies.jar.get(SESSION_COOKIE)).toBeUndefined();
		expect(cookies.jar.get(CHALLENGE_COOKIE)?.options).toMatchObject({ httpOnly: true, path: '/login' });
		expect(await outcome(() => call(twoFactorLoad, makeEvent({ cookies })))).toMatchObject({ kind: 'value' });

		// The step after the one enrolment used: a fresh code, inside the route's window (now ± one step).
		const code = codeAt(await secretOf(COORD), new Date(Date.now() + 30_000));
		expect(await codeStep(cookies, code)).toEqual({ kind: 'redirect', status: 303, location: '/inbox' });
		const token = cookies.jar.get(SESSION_COOKIE)!.value;
		expect((await validateSessionToken(db, token)).user?.email).toBe(COORD);
		expect(cookies.jar.get(CHALLENGE_COOKIE)).toBeUndefined();

		// The same code replayed with the password again: refused, no session.
		const replay = new MemoryCookies();
		await passwordStep(replay);
		expect(await codeStep(replay, code)).toMatchObject({ kind: 'value', value: { status: 400 } });
		expect(replay.jar.get(SESSION_COOKIE)).toBeUndefined();
		expect(await verifySecondFactor(db, await userId(db, COORD), code)).toBe(false);
	});

	it('signs in with a recovery code once, and refuses it the next time', async () => {
		const codes = await enrol(COORD);
		const cookies = new MemoryCookies();
		await passwordStep(cookies);
		expect(await codeStep(cookies, codes[0]!.toLowerCase())).toEqual({ kind: 'redirect', status: 303, location: '/inbox' });
		const token = cookies.jar.get(SESSION_COOKIE)!.value;
		expect((await validateSessionToken(db, token)).user?.email).toBe(COORD);
		expect((await totpState(db, await userId(db, COORD))).recoveryLeft).toBe(9);
		const again = new MemoryCookies();
		await passwordStep(again);
		expect(await codeStep(again, codes[0]!)).toMatchObject({ kind: 'value', value: { status: 400 } });
		const audit = await db.selectFrom('audit_log').select('action').where('action', '=', 'sign_in_second_factor').execute();
		expect(audit).toHaveLength(1);
	});

	it('throttles wrong codes like passwords: after five, even the right code waits', async () => {
		await enrol(COORD);
		const cookies = new MemoryCookies();
		await passwordStep(cookies);
		for (let i = 0; i < 5; i++) expect(await codeStep(cookies, '000000')).toMatchObject({ kind: 'value', value: { status: 400 } });
		const secret = await secretOf(COORD);
		const blocked = await codeStep(cookies, codeAt(secret, new Date()));
		expect(blocked).toMatchObject({ kind: 'value', value: { status: 429 } });
		expect(cookies.jar.get(SESSION_COOKIE)).toBeUndefined();
	});
});

describe('wrong codes from many addresses', () => {
	it('caps the account across addresses: after ten wrong codes from ten addresses, the right code from an eleventh waits, with a clear message', async () => {
		await enrol(COORD);
		const cookies = new MemoryCookies();
		await passwordStep(cookies);
		// One wrong code from each address: no address comes near its own five.
		for (let i = 1; i <= 10; i++) {
			expect(await codeStep(cookies, '000000', `198.51.100.${i}`)).toMatchObject({ kind: 'value', value: { status: 400 } });
		}
		const right = codeAt(await secretOf(COORD), new Date(Date.now() + 30_000));
		const capped = await outcome(() =>
			call(
				twoFactorActions.default,
				makeEvent({ form: { code: right }, cookies, address: '198.51.100.11', locale: 'en', url: 'http://localhost/login/two-factor' })
			)
		);
		expect(capped).toMatchObject({
			kind: 'value',
			value: {
				status: 429,
				data: { formError: expect.stringMatching(/^Too many wrong codes for this account, from more than one place\. Wait \d+ seconds?/) }
			}
		});
		expect(cookies.jar.get(SESSION_COOKIE)).toBeUndefined();
		// The cap is the account's: another account's codes are not held up by it.
		const row = await db
			.selectFrom('login_attempt')
			.select(['failures'])
			.where('email', '=', `totp:${await userId(db, COORD)}`)
			.where('address', '=', '')
			.executeTakeFirstOrThrow();
		expect(row.failures).toBe(10);
	});
});

describe('the admin', () => {
	it("resets a person's second factor, audited, ending their sessions; and must enrol when the instance requires it", async () => {
		await enrol(COORD);
		const coord = await userId(db, COORD);
		const admin = await sessionUser(db, 'admin@avance.test');
		const reset = await outcome(() =>
			call(
				adminUserActions.resetSecondFactor,
				makeEvent({
					user: admin,
					params: { id: String(coord) },
					url: `http://localhost/admin/users/${coord}`,
					route: '/admin/users/[id]',
					form: {}
				})
			)
		);
		expect(reset).toMatchObject({ kind: 'redirect', status: 303 });
		expect((await totpState(db, coord)).enrolled).toBe(false);
		const audit = await db.selectFrom('audit_log').select(['user_id', 'entity_id']).where('action', '=', 'reset_second_factor').execute();
		expect(audit).toEqual([{ user_id: admin.id, entity_id: String(coord) }]);
		// The password alone signs in again.
		expect(await passwordStep(new MemoryCookies())).toEqual({ kind: 'redirect', status: 303, location: '/inbox' });

		process.env.REQUIRE_ADMIN_SECOND_FACTOR = '1';
		expect(await outcome(() => call(adminLayoutLoad, makeEvent({ user: admin, url: 'http://localhost/admin' })))).toMatchObject({
			kind: 'redirect',
			location: '/account#totp-title'
		});
		// Actions too, not only pages (a layout does not run for a form action): nothing is written.
		const patss = (await db.selectFrom('programme').select('id').where('slug', '=', 'patss').executeTakeFirstOrThrow()).id;
		const grant = await outcome(() =>
			call(
				adminUserActions.grant,
				makeEvent({
					user: admin,
					params: { id: String(coord) },
					url: `http://localhost/admin/users/${coord}`,
					route: '/admin/users/[id]',
					form: { programmeId: String(patss), role: 'evaluator' }
				})
			)
		);
		expect(grant).toMatchObject({ kind: 'redirect', location: '/account#totp-title' });
		expect(
			await db.selectFrom('membership').select('role').where('user_id', '=', coord).where('programme_id', '=', patss).executeTakeFirst()
		).toEqual({ role: 'coordinator' });
		await enrol('admin@avance.test');
		const enrolled = await sessionUser(db, 'admin@avance.test');
		expect(await outcome(() => call(adminLayoutLoad, makeEvent({ user: enrolled, url: 'http://localhost/admin' })))).toMatchObject({
			kind: 'value'
		});
	});
});
