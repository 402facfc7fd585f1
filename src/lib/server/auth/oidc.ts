import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { recordAudit } from '../core/audit';
import { inTransaction, type Executor } from '../db/executor';
import { findUserByEmail, normaliseEmail } from './users';

// Sign-in with the organisation's account (issue 23, design §2 "identity"), through openid-client:
// discovery, the authorisation-code flow with PKCE (S256), state and nonce, and full validation of
// the ID token — issuer, audience, expiry, nonce, and its signature against the provider's keys
// (`enableNonRepudiationChecks`: openid-client skips the signature of a token fetched over TLS
// unless asked). Nobody signs themselves up: the first sign-in links the provider's subject to the
// account an admin created for the same *verified* e-mail; later sign-ins find the link. A sign-in
// in progress lives in `oidc_login`, deleted when the provider answers, so a state, its nonce and
// the code that came with it are good once.

const LOGIN_TTL_MS = 10 * 60 * 1000;
export const OIDC_STATE_COOKIE = 'avance_oidc';

export interface OidcSettings {
	issuer: URL;
	clientId: string;
	clientSecret: string | null;
	/** What the sign-in button names, e.g. "Microsoft" (OIDC_NAME); the issuer's host otherwise. */
	name: string;
	/** OIDC_ALLOW_HTTP=1: a provider on plain http (a test or a machine's own provider), never in production. */
	allowHttp: boolean;
	/** OIDC_CLOCK_SKEW_SECONDS: how far this server's clock is behind the provider's (openid-client's clockSkew). */
	clockSkewSeconds: number;
	/**
	 * OIDC_TRUST_EMAIL=1: the provider is the organisation's own directory (one Microsoft Entra
	 * tenant), so the address it gives is the organisation's even without `email_verified` (Entra
	 * sends none): `email`, or `preferred_username` / `upn` when there is no `email`. An explicit
	 * `email_verified: false` is still refused. Never for a provider anyone can sign up with.
	 */
	trustEmail: boolean;
	/**
	 * OIDC_COUNTS_AS_SECOND_FACTOR=1: the organisation's sign-in itself demands a second factor
	 * (Entra Conditional Access), so every sign-in through it counts as one. Without it, a sign-in
	 * counts only when the ID token says so: `amr` holding "mfa" or "otp" (RFC 8176), or an `acr`
	 * listed in OIDC_SECOND_FACTOR_ACR (comma-separated).
	 */
	countsAsSecondFactor: boolean;
	secondFactorAcr: string[];
}

/** The provider configured by environment (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET…), or null. */
export function oidcSettings(env: Record<string, string | undefined> = process.env): OidcSettings | null {
	const issuer = env.OIDC_ISSUER?.trim();
	const clientId = env.OIDC_CLIENT_ID?.trim();
	if (!issuer || !clientId || !URL.canParse(issuer)) return null;
	const url = new URL(issuer);
	const skew = Number(env.OIDC_CLOCK_SKEW_SECONDS ?? 0);
	return {
		issuer: url,
		clientId,
		clientSecret: env.OIDC_CLIENT_SECRET?.trim() || null,
		name: env.OIDC_NAME?.trim().slice(0, 60) || url.hostname,
		allowHttp: env.OIDC_ALLOW_HTTP === '1',
		clockSkewSeconds: Number.isFinite(skew) ? Math.trunc(skew) : 0,
		trustEmail: env.OIDC_TRUST_EMAIL === '1',
		countsAsSecondFactor: env.OIDC_COUNTS_AS_SECOND_FACTOR === '1',
		secondFactorAcr: (env.OIDC_SECOND_FACTOR_ACR ?? '')
			.split(',')
			.map((v) => v.trim())
			.filter(Boolean)
	};
}

/**
 * Domains whose people must sign in through the provider (PASSWORD_SIGN_IN_DISABLED_DOMAINS,
 * comma-separated): a password is refused for their e-mail addresses.
 */
export function passwordSignInDisabledFor(email: string, env: Record<string, string | undefined> = process.env): boolean {
	const domains = (env.PASSWORD_SIGN_IN_DISABLED_DOMAINS ?? '')
		.split(',')
		.map((d) => d.trim().toLowerCase().replace(/^@/, ''))
		.filter(Boolean);
	const domain = normaliseEmail(email).split('@').pop() ?? '';
	return domains.includes(domain);
}

/** Why a sign-in through the provider did not open a session; each has its message on the sign-in page. */
export type OidcFailure =
	| 'unavailable' // discovery failed: the provider is down, or is not the issuer configured
	| 'state' // no sign-in in progress with this state in this browser: forged, replayed or expired
	| 'refused' // the provider answered with an error (the person cancelled, or was refused)
	| 'token' // the code exchange or the ID token failed a check (issuer, audience, expiry, signature, nonce)
	| 'unverified' // the provider does not vouch for the e-mail address
	| 'unknown' // no active account for this person: an admin must create one
	| 'inactive';

export class OidcSignInError extends Error {
	constructor(
		readonly failure: OidcFailure,
		detail?: string
	) {
		super(`OpenID sign-in failed (${failure})${detail ? `: ${detail}` : ''}`);
	}
}

/** What the server log says of a library error: its message and the provider's own error code, if any. */
function describe(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	const code = (error as { error?: unknown }).error;
	const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
	return `${error.message}${typeof code === 'string' ? ` (${code})` : ''}${cause}`;
}

const sha256 = (text: string) => new Uint8Array(createHash('sha256').update(text).digest());

// One discovery per provider and process; a failed one is forgotten so the next sign-in retries.
const configurations = new Map<string, Promise<client.Configuration>>();

function configurationFor(settings: OidcSettings): Promise<client.Configuration> {
	const key = JSON.stringify([
		settings.issuer.href,
		settings.clientId,
		settings.clientSecret,
		settings.allowHttp,
		settings.clockSkewSeconds
	]);
	let found = configurations.get(key);
	if (!found) {
		const metadata: Partial<client.ClientMetadata> = { [client.clockSkew]: settings.clockSkewSeconds };
		if (settings.clientSecret) metadata.client_secret = settings.clientSecret;
		const execute = [client.enableNonRepudiationChecks, ...(settings.allowHttp ? [client.allowInsecureRequests] : [])];
		found = client.discovery(settings.issuer, settings.clientId, metadata, settings.clientSecret ? undefined : client.None(), { execute });
		configurations.set(key, found);
		found.catch(() => configurations.delete(key));
	}
	return found;
}

async function configurationOrFail(settings: OidcSettings): Promise<client.Configuration> {
	try {
		return await configurationFor(settings);
	} catch (error) {
		throw new OidcSignInError('unavailable', describe(error));
	}
}

/**
 * Starts a sign-in: records the state, nonce and PKCE verifier, and returns the provider's address
 * to send the browser to, with the state the browser must keep (in a cookie) to come back.
 */
export async function beginOidcSignIn(
	db: Executor,
	settings: OidcSettings,
	callbackUrl: URL,
	redirectTo: string,
	now = new Date()
): Promise<{ authorizationUrl: URL; state: string }> {
	const config = await configurationOrFail(settings);
	const state = client.randomState();
	const nonce = client.randomNonce();
	const codeVerifier = client.randomPKCECodeVerifier();
	const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
	await db.deleteFrom('oidc_login').where('expires_at', '<', now.toISOString()).execute();
	await db
		.insertInto('oidc_login')
		.values({
			state_hash: sha256(state),
			nonce,
			code_verifier: codeVerifier,
			redirect_to: redirectTo,
			expires_at: new Date(now.getTime() + LOGIN_TTL_MS).toISOString()
		})
		.execute();
	const authorizationUrl = client.buildAuthorizationUrl(config, {
		redirect_uri: callbackUrl.href,
		scope: 'openid email profile',
		state,
		nonce,
		code_challenge: codeChallenge,
		code_challenge_method: 'S256'
	});
	return { authorizationUrl, state };
}

export interface OidcSignedIn {
	userId: number;
	redirectTo: string;
	/** True when this sign-in linked the provider's account to the person for the first time. */
	linked: boolean;
	/** True when the provider vouches that this sign-in used a second factor (see OidcSettings). */
	secondFactor: boolean;
}

const SECOND_FACTOR_AMR = ['mfa', 'otp'];

/** Whether the signed ID token's claims (or the settings) make this sign-in count as a second factor. */
export function providerSecondFactor(settings: OidcSettings, claims: Record<string, unknown>): boolean {
	if (settings.countsAsSecondFactor) return true;
	const amr = Array.isArray(claims.amr) ? claims.amr : [];
	if (amr.some((m) => typeof m === 'string' && SECOND_FACTOR_AMR.includes(m))) return true;
	return typeof claims.acr === 'string' && settings.secondFactorAcr.includes(claims.acr);
}

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+$/;

/**
 * The address the provider vouches for, or null: `email` with `email_verified: true`; or, when
 * the settings trust the issuer's addresses (OIDC_TRUST_EMAIL), `email` without the flag, else
 * `preferred_username` or `upn` when they look like an address.
 */
export function vouchedEmail(settings: OidcSettings, claims: Record<string, unknown>): string | null {
	const { email, email_verified: verified } = claims;
	if (typeof email === 'string' && email) {
		if (verified === true) return email;
		return settings.trustEmail && verified === undefined && EMAIL_LIKE.test(email) ? email : null;
	}
	if (!settings.trustEmail || verified === false) return null;
	for (const name of ['preferred_username', 'upn']) {
		const value = claims[name];
		if (typeof value === 'string' && EMAIL_LIKE.test(value)) return value;
	}
	return null;
}

/**
 * Finishes a sign-in from the provider's answer (`currentUrl`, the callback address with its query)
 * and the state the browser kept. Throws OidcSignInError; never leaves the sign-in reusable.
 */
export async function completeOidcSignIn(
	db: Executor,
	settings: OidcSettings,
	currentUrl: URL,
	callbackUrl: URL,
	browserState: string | undefined,
	now = new Date()
): Promise<OidcSignedIn> {
	const state = currentUrl.searchParams.get('state');
	if (!state || !browserState || state !== browserState) throw new OidcSignInError('state');
	const pending = await db
		.deleteFrom('oidc_login')
		.where('state_hash', '=', sha256(state))
		.returning(['nonce', 'code_verifier', 'redirect_to', 'expires_at'])
		.executeTakeFirst();
	if (!pending || pending.expires_at < now.toISOString()) throw new OidcSignInError('state');
	if (currentUrl.searchParams.has('error')) throw new OidcSignInError('refused', currentUrl.searchParams.get('error') ?? undefined);

	const config = await configurationOrFail(settings);
	// The answer is read against the registered callback address, not the address this request
	// arrived at (a proxy may have changed it).
	const answered = new URL(callbackUrl);
	answered.search = currentUrl.search;
	let claims: client.IDToken;
	let person: Record<string, unknown>;
	try {
		const tokens = await client.authorizationCodeGrant(config, answered, {
			pkceCodeVerifier: pending.code_verifier,
			expectedState: state,
			expectedNonce: pending.nonce,
			idTokenExpected: true
		});
		const found = tokens.claims();
		if (!found) throw new Error('no ID token');
		claims = found;
		person = found;
		// Many providers put the e-mail in the userinfo answer only (OIDC Core §5.4): ask it, for this subject.
		if (found.email === undefined) person = { ...found, ...(await client.fetchUserInfo(config, tokens.access_token, found.sub)) };
	} catch (error) {
		throw new OidcSignInError('token', describe(error));
	}

	const issuer = claims.iss;
	const subject = claims.sub;
	// Read from the signed ID token only, never from userinfo.
	const secondFactor = providerSecondFactor(settings, claims);
	return inTransaction(db, async (trx) => {
		const known = await trx
			.selectFrom('identity')
			.innerJoin('user', 'user.id', 'identity.user_id')
			.select(['user.id', 'user.active'])
			.where('identity.issuer', '=', issuer)
			.where('identity.subject', '=', subject)
			.executeTakeFirst();
		if (known) {
			if (known.active !== 1) throw new OidcSignInError('inactive');
			return { userId: known.id, redirectTo: pending.redirect_to, linked: false, secondFactor };
		}
		const email = vouchedEmail(settings, person);
		if (!email) throw new OidcSignInError('unverified');
		const user = await findUserByEmail(trx, email);
		if (!user) throw new OidcSignInError('unknown');
		if (!user.active) throw new OidcSignInError('inactive');
		await trx.insertInto('identity').values({ user_id: user.id, issuer, subject }).execute();
		await recordAudit(trx, { userId: user.id, entity: 'identity', entityId: user.id, action: 'link_identity', after: { issuer } });
		return { userId: user.id, redirectTo: pending.redirect_to, linked: true, secondFactor };
	});
}

/** The providers' accounts linked to a person (the admin's user page lists them). */
export async function identitiesOf(db: Executor, userId: number): Promise<{ issuer: string; createdAt: string }[]> {
	const rows = await db.selectFrom('identity').select(['issuer', 'created_at']).where('user_id', '=', userId).orderBy('id').execute();
	return rows.map((r) => ({ issuer: r.issuer, createdAt: r.created_at }));
}
