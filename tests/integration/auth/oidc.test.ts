import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { beginOidcSignIn, completeOidcSignIn, OidcSignInError, oidcSettings, type OidcSettings } from '$lib/server/auth/oidc';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import type { Db } from '$lib/server/db/connection';
import { GET as startSignIn } from '../../../src/routes/login/oidc/+server';
import { GET as callback } from '../../../src/routes/login/oidc/callback/+server';
import { actions as loginActions, load as loginLoad } from '../../../src/routes/login/+page.server';
import { DEMO_PASSWORD } from '../../../seed/demo-accounts';
import { load as adminLayoutLoad } from '../../../src/routes/admin/+layout.server';
import { beginEnrolment, codeAt, confirmEnrolment, CHALLENGE_COOKIE } from '$lib/server/auth/totp';
import { openSecret } from '$lib/server/auth/secret-box';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, MemoryCookies, outcome } from '../../helpers/events';
import { startOidcProvider, type TestOidcProvider } from '../../helpers/oidc-provider';

// Sign-in with the organisation's account (issue 23) against a real OpenID provider started here
// (oidc-provider): the whole flow through Avance's two routes, the link made once by verified
// e-mail, and every refusal — replayed and forged state, cancelled, unknown or unverified person,
// wrong issuer, expired token, wrong client secret — ending on the sign-in page with no session.

const CALLBACK = 'http://localhost/login/oidc/callback';
const COORD = 'coord.patss@avance.test';
const ADMIN = 'admin@avance.test';
const ENV_KEYS = [
	'OIDC_ISSUER',
	'OIDC_CLIENT_ID',
	'OIDC_CLIENT_SECRET',
	'OIDC_NAME',
	'OIDC_ALLOW_HTTP',
	'ORIGIN',
	'PASSWORD_SIGN_IN_DISABLED_DOMAINS',
	'OIDC_TRUST_EMAIL',
	'OIDC_COUNTS_AS_SECOND_FACTOR',
	'OIDC_SECOND_FACTOR_ACR',
	'REQUIRE_ADMIN_SECOND_FACTOR'
];

let provider: TestOidcProvider;
let db: Db;

beforeAll(async () => {
	provider = await startOidcProvider({
		redirectUris: [CALLBACK],
		people: {
			'entra-coord': { email: 'Coord.PATSS@avance.test', emailVerified: true },
			'entra-stranger': { email: 'someone@ilo.example', emailVerified: true },
			'entra-unverified': { email: COORD, emailVerified: false },
			// As Microsoft Entra ID signs people in: no email_verified at all…
			'entra-noflag': { email: COORD },
			// …and a person with no mail attribute, known by their sign-in name.
			'entra-upn': { preferredUsername: 'Evaluator@avance.test', upn: 'evaluator@avance.test' },
			'entra-admin': { email: ADMIN, emailVerified: true },
			'entra-admin-mfa': { email: ADMIN, emailVerified: true, amr: ['pwd', 'mfa'] },
			'entra-admin-acr': { email: ADMIN, emailVerified: true, amr: ['pwd'], acr: 'urn:avance:test:mfa' }
		}
	});
});
afterAll(() => provider.close());

function configure(overrides: Record<string, string> = {}) {
	Object.assign(process.env, {
		OIDC_ISSUER: provider.issuer,
		OIDC_CLIENT_ID: provider.clientId,
		OIDC_CLIENT_SECRET: provider.clientSecret,
		OIDC_NAME: 'Microsoft',
		OIDC_ALLOW_HTTP: '1',
		...overrides
	});
}

beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	for (const key of ENV_KEYS) delete process.env[key];
	configure();
});
afterEach(() => {
	for (const key of ENV_KEYS) delete process.env[key];
});

/** Presses the button: Avance's redirect to the provider, and the browser's cookies after it. */
async function pressButton(cookies = new MemoryCookies(), redirectTo = '/inbox') {
	const started = await outcome(() =>
		call(startSignIn, makeEvent({ url: `http://localhost/login/oidc?redirectTo=${encodeURIComponent(redirectTo)}`, cookies }))
	);
	if (started.kind !== 'redirect') throw new Error(JSON.stringify(started));
	return { location: started.location, cookies };
}

async function arriveAt(answer: URL, cookies: MemoryCookies) {
	return outcome(() => call(callback, makeEvent({ url: answer.href, cookies })));
}

const sessionsOf = async (email: string) =>
	Number(
		(
			await db
				.selectFrom('session')
				.select((eb) => eb.fn.countAll().as('n'))
				.where('user_id', '=', await userId(db, email))
				.executeTakeFirstOrThrow()
		).n
	);

describe('sign-in through the organisation’s OpenID provider', () => {
	it('the sign-in page offers the provider by name only when it is configured', async () => {
		const shown = (await call(loginLoad, makeEvent({ url: 'http://localhost/login' }))) as { oidc: { name: string } | null };
		expect(shown.oidc).toEqual({ name: 'Microsoft' });
		delete process.env.OIDC_ISSUER;
		const hidden = (await call(loginLoad, makeEvent({ url: 'http://localhost/login' }))) as { oidc: unknown };
		expect(hidden.oidc).toBeNull();
		expect(await outcome(() => call(startSignIn, makeEvent({ url: 'http://localhost/login/oidc' })))).toMatchObject({
			kind: 'error',
			status: 404
		});
	});

	it('signs a known person in with PKCE, state and nonce, links the account once by verified e-mail, and audits it', async () => {
		const { location, cookies } = await pressButton();
		const authorization = new URL(location);
		expect(authorization.origin).toBe(provider.issuer);
		expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
		expect(authorization.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(authorization.searchParams.get('nonce')).toBeTruthy();
		expect(authorization.searchParams.get('redirect_uri')).toBe(CALLBACK);
		const state = authorization.searchParams.get('state');
		expect(cookies.get('avance_oidc')).toBe(state);

		const answer = await provider.signInAs(authorization, 'entra-coord');
		expect(answer.searchParams.get('code')).toBeTruthy();
		const arrived = await arriveAt(answer, cookies);
		expect(arrived).toEqual({ kind: 'redirect', status: 303, location: '/inbox' });
		const { user } = await validateSessionToken(db, cookies.get(SESSION_COOKIE)!);
		expect(user?.email).toBe(COORD);
		expect(cookies.get('avance_oidc')).toBeUndefined();

		const identities = await db.selectFrom('identity').select(['user_id', 'issuer', 'subject']).execute();
		expect(identities).toEqual([{ user_id: await userId(db, COORD), issuer: provider.issuer, subject: 'entra-coord' }]);
		const audit = await db
			.selectFrom('audit_log')
			.select(['action', 'entity'])
			.where('action', 'in', ['link_identity', 'sign_in_oidc'])
			.execute();
		expect(audit.map((a) => a.action).sort()).toEqual(['link_identity', 'sign_in_oidc']);

		// The second time the link is found: no new identity, a new session.
		const again = await pressButton(new MemoryCookies());
		const answer2 = await provider.signInAs(again.location, 'entra-coord');
		expect(await arriveAt(answer2, again.cookies)).toMatchObject({ kind: 'redirect', location: '/inbox' });
		expect(await db.selectFrom('identity').selectAll().execute()).toHaveLength(1);
		expect(await sessionsOf(COORD)).toBe(2);
	});

	it('refuses a replayed answer and a forged state, opening no session', async () => {
		const { location, cookies } = await pressButton();
		const answer = await provider.signInAs(location, 'entra-coord');
		const browserState = cookies.get('avance_oidc')!;
		expect(await arriveAt(answer, cookies)).toMatchObject({ kind: 'redirect', location: '/inbox' });
		expect(await sessionsOf(COORD)).toBe(1);

		// The same answer again, even with the state cookie put back: the sign-in is used up.
		const replayCookies = new MemoryCookies();
		replayCookies.set('avance_oidc', browserState, { path: '/login/oidc' });
		expect(await arriveAt(answer, replayCookies)).toEqual({ kind: 'redirect', status: 303, location: '/login?oidc=state' });

		// An answer for a sign-in this browser did not start (login CSRF): the cookie does not match.
		const other = await pressButton(new MemoryCookies());
		const otherAnswer = await provider.signInAs(other.location, 'entra-coord');
		const attacker = new MemoryCookies();
		attacker.set('avance_oidc', 'a-state-of-my-own', { path: '/login/oidc' });
		expect(await arriveAt(otherAnswer, attacker)).toMatchObject({ location: '/login?oidc=state' });
		expect(await arriveAt(otherAnswer, new MemoryCookies())).toMatchObject({ location: '/login?oidc=state' });
		expect(await sessionsOf(COORD)).toBe(1);
	});

	it('tells an unknown person to ask for an account, and refuses an unverified e-mail or a cancelled sign-in', async () => {
		for (const [subject, failure] of [
			['entra-stranger', 'unknown'],
			['entra-unverified', 'unverified']
		] as const) {
			const { location, cookies } = await pressButton();
			const answer = await provider.signInAs(location, subject);
			expect(await arriveAt(answer, cookies)).toEqual({ kind: 'redirect', status: 303, location: `/login?oidc=${failure}` });
		}
		const { location, cookies } = await pressButton();
		const cancelled = await provider.cancel(location);
		expect(cancelled.searchParams.get('error')).toBe('access_denied');
		expect(await arriveAt(cancelled, cookies)).toMatchObject({ location: '/login?oidc=refused' });
		expect(await db.selectFrom('identity').selectAll().execute()).toEqual([]);
		expect(await sessionsOf(COORD)).toBe(0);

		// The sign-in page says why, in the reader's language.
		const page = (await call(loginLoad, makeEvent({ url: 'http://localhost/login?oidc=unknown' }))) as { oidcFailure: string | null };
		expect(page.oidcFailure).toBe('unknown');
		const junk = (await call(loginLoad, makeEvent({ url: 'http://localhost/login?oidc=%3Cscript%3E' }))) as { oidcFailure: string | null };
		expect(junk.oidcFailure).toBeNull();
	});

	it('refuses a provider that is not the issuer configured', async () => {
		// The provider calls itself http://localhost:<port>; Avance is told http://127.0.0.1:<port>.
		configure({ OIDC_ISSUER: provider.issuer.replace('localhost', '127.0.0.1') });
		const started = await outcome(() => call(startSignIn, makeEvent({ url: 'http://localhost/login/oidc' })));
		expect(started).toEqual({ kind: 'redirect', status: 303, location: '/login?oidc=unavailable' });
		expect(await db.selectFrom('oidc_login').selectAll().execute()).toEqual([]);
	});

	it('refuses an expired ID token and a wrong client secret, and leaves the sign-in used up', async () => {
		const base = oidcSettings()!;
		// This server's clock two hours ahead of the provider's: the one-hour token has expired.
		const late: OidcSettings = { ...base, clockSkewSeconds: 7200 };
		const wrongSecret: OidcSettings = { ...base, clientSecret: 'not-the-secret' };
		for (const [settings, detail] of [
			[late, /timestamp claim/],
			[wrongSecret, /client authentication failed|invalid_client/i]
		] as const) {
			const begun = await beginOidcSignIn(db, settings, new URL(CALLBACK), '/');
			const answer = await provider.signInAs(begun.authorizationUrl, 'entra-coord');
			const failure = await completeOidcSignIn(db, settings, answer, new URL(CALLBACK), begun.state).catch((e: unknown) => e);
			expect(failure).toBeInstanceOf(OidcSignInError);
			expect((failure as OidcSignInError).failure).toBe('token');
			expect((failure as OidcSignInError).message).toMatch(detail);
			const retried = await completeOidcSignIn(db, base, answer, new URL(CALLBACK), begun.state).catch((e: unknown) => e);
			expect((retried as OidcSignInError).failure).toBe('state');
		}
		expect(await db.selectFrom('identity').selectAll().execute()).toEqual([]);
	});

	it('refuses an ID token altered on its way (another audience, a changed claim) or sent unsigned', async () => {
		const settings = oidcSettings()!;
		const part = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
		const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
		const tamperings: [string, (jwt: string) => string, RegExp][] = [
			// The same signature over a payload naming another client: refused for its audience.
			[
				'another audience',
				(jwt) => {
					const [h, , sig] = jwt.split('.');
					return `${h}.${part({ ...payloadOf(jwt), aud: 'another-client' })}.${sig}`;
				},
				/unexpected JWT claim value/
			],
			// A claim the checks do not read (the name) changed under the same signature: the signature fails.
			[
				'altered name',
				(jwt) => {
					const [h, , sig] = jwt.split('.');
					return `${h}.${part({ ...payloadOf(jwt), name: 'Someone Else' })}.${sig}`;
				},
				/signature/i
			],
			// No signature at all ("alg": "none").
			['unsigned', (jwt) => `${part({ alg: 'none', typ: 'JWT' })}.${part(payloadOf(jwt))}.`, /invalid response/]
		];
		try {
			for (const [, tamper, detail] of tamperings) {
				provider.tamperIdTokens(tamper);
				const begun = await beginOidcSignIn(db, settings, new URL(CALLBACK), '/');
				const answer = await provider.signInAs(begun.authorizationUrl, 'entra-coord');
				const failure = await completeOidcSignIn(db, settings, answer, new URL(CALLBACK), begun.state).catch((e: unknown) => e);
				expect(failure).toBeInstanceOf(OidcSignInError);
				expect((failure as OidcSignInError).failure).toBe('token');
				expect((failure as OidcSignInError).message).toMatch(detail);
			}
		} finally {
			provider.tamperIdTokens(null);
		}
		expect(await db.selectFrom('identity').selectAll().execute()).toEqual([]);
		expect(await sessionsOf(COORD)).toBe(0);
	});

	it('turns password sign-in off for the domains that must use the provider', async () => {
		process.env.PASSWORD_SIGN_IN_DISABLED_DOMAINS = 'avance.test, other.example';
		const refused = await outcome(() =>
			call(loginActions.default, makeEvent({ form: { email: COORD, password: DEMO_PASSWORD }, locale: 'en' }))
		);
		expect(refused).toMatchObject({
			kind: 'value',
			value: { status: 400, data: { formError: expect.stringContaining("organisation's account") } }
		});
		expect(await sessionsOf(COORD)).toBe(0);
		delete process.env.PASSWORD_SIGN_IN_DISABLED_DOMAINS;
		const allowed = await outcome(() => call(loginActions.default, makeEvent({ form: { email: COORD, password: DEMO_PASSWORD } })));
		expect(allowed).toMatchObject({ kind: 'redirect', status: 303 });
	});

	it('refuses an issuer that sends no email_verified (as Entra ID does) unless OIDC_TRUST_EMAIL says its addresses are the organisation’s', async () => {
		const signIn = async (subject: string) => {
			const { location, cookies } = await pressButton();
			return arriveAt(await provider.signInAs(location, subject), cookies);
		};
		// Strict by default: no flag, no link.
		expect(await signIn('entra-noflag')).toEqual({ kind: 'redirect', status: 303, location: '/login?oidc=unverified' });
		expect(await signIn('entra-upn')).toEqual({ kind: 'redirect', status: 303, location: '/login?oidc=unverified' });
		expect(await db.selectFrom('identity').selectAll().execute()).toEqual([]);

		configure({ OIDC_TRUST_EMAIL: '1' });
		expect(await signIn('entra-noflag')).toMatchObject({ kind: 'redirect', location: '/inbox' });
		expect(await signIn('entra-upn')).toMatchObject({ kind: 'redirect', location: '/inbox' });
		const linked = await db.selectFrom('identity').select(['user_id', 'subject']).orderBy('id').execute();
		expect(linked).toEqual([
			{ user_id: await userId(db, COORD), subject: 'entra-noflag' },
			{ user_id: await userId(db, 'evaluator@avance.test'), subject: 'entra-upn' }
		]);
		// The provider saying outright that the address is not verified is still refused.
		expect(await signIn('entra-unverified')).toMatchObject({ location: '/login?oidc=unverified' });
	});

	it('lets an admin in under REQUIRE_ADMIN_SECOND_FACTOR when the provider vouches for a second factor (amr, a listed acr, or OIDC_COUNTS_AS_SECOND_FACTOR), and only then', async () => {
		process.env.REQUIRE_ADMIN_SECOND_FACTOR = '1';
		const adminArea = async (subject: string) => {
			const { location, cookies } = await pressButton(new MemoryCookies(), '/admin');
			expect(await arriveAt(await provider.signInAs(location, subject), cookies)).toMatchObject({ kind: 'redirect', location: '/admin' });
			const { user } = await validateSessionToken(db, cookies.get(SESSION_COOKIE)!);
			const shown = await outcome(() => call(adminLayoutLoad, makeEvent({ user: user!, url: 'http://localhost/admin' })));
			return shown.kind === 'redirect' ? shown.location : shown.kind;
		};
		expect(await adminArea('entra-admin-mfa')).toBe('value');
		expect(await adminArea('entra-admin')).toBe('/account#totp-title');
		expect(await adminArea('entra-admin-acr')).toBe('/account#totp-title');
		configure({ OIDC_SECOND_FACTOR_ACR: 'urn:avance:test:mfa' });
		expect(await adminArea('entra-admin-acr')).toBe('value');
		configure({ OIDC_COUNTS_AS_SECOND_FACTOR: '1' });
		expect(await adminArea('entra-admin')).toBe('value');
		const audit = await db.selectFrom('audit_log').select('after').where('action', '=', 'sign_in_oidc').orderBy('id').execute();
		expect(audit.map((a) => (JSON.parse(a.after!) as { method?: string }).method ?? null)).toEqual([
			'provider',
			null,
			null,
			'provider',
			'provider'
		]);
	});

	it('asks a person who enrolled a code for it after the provider, unless the provider vouched for a second factor', async () => {
		const admin = await userId(db, ADMIN);
		const { key } = await beginEnrolment(db, { id: admin, email: ADMIN });
		expect(key).toBeTruthy();
		const row = await db.selectFrom('totp').select('secret').where('user_id', '=', admin).executeTakeFirstOrThrow();
		await confirmEnrolment(db, { id: admin }, codeAt(openSecret(row.secret), new Date()));

		const { location, cookies } = await pressButton();
		expect(await arriveAt(await provider.signInAs(location, 'entra-admin'), cookies)).toEqual({
			kind: 'redirect',
			status: 303,
			location: '/login/two-factor'
		});
		expect(cookies.get(SESSION_COOKIE)).toBeUndefined();
		expect(cookies.get(CHALLENGE_COOKIE)).toBeTruthy();
		expect(await sessionsOf(ADMIN)).toBe(0);

		const vouched = await pressButton(new MemoryCookies());
		expect(await arriveAt(await provider.signInAs(vouched.location, 'entra-admin-mfa'), vouched.cookies)).toMatchObject({
			location: '/inbox'
		});
		expect(await sessionsOf(ADMIN)).toBe(1);
	});
});
