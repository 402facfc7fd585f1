import type { Cookies } from '@sveltejs/kit';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import type { Locale } from '$lib/model';
import type { Executor } from '../db/executor';

// Sessions the Lucia-guide way: the cookie holds `<id>.<secret>`, the database holds only a
// SHA-256 of the secret, compared in constant time. A session ends after a week without use
// (sliding: each use, at most hourly, pushes the end back) and in any case 30 days after sign-in.

export const SESSION_COOKIE = 'avance_session';
const HOUR = 60 * 60 * 1000;
export const INACTIVITY_TIMEOUT_MS = 7 * 24 * HOUR;
export const ACTIVITY_CHECK_INTERVAL_MS = HOUR;
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * HOUR;

export interface Session {
	id: string;
	userId: number;
	createdAt: Date;
	lastVerifiedAt: Date;
	/** When the session ends if it is not used again. */
	expiresAt: Date;
	/** True when this validation pushed the expiry back, so the cookie must be sent again. */
	fresh: boolean;
}

export interface SessionUser {
	id: number;
	email: string;
	name: string;
	isAdmin: boolean;
	locale: Locale;
	/**
	 * Whether a second factor is in force (read with the session, for the admin rule): the person
	 * has enrolled a code, or this session's sign-in was vouched for by the organisation's provider.
	 */
	secondFactor?: boolean;
}

export type SessionValidationResult = { session: Session; user: SessionUser } | { session: null; user: null };

function randomPart(): string {
	const bytes = new Uint8Array(20); // 160 bits
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

function expiryOf(createdAt: Date, lastVerifiedAt: Date): Date {
	return new Date(Math.min(lastVerifiedAt.getTime() + INACTIVITY_TIMEOUT_MS, createdAt.getTime() + ABSOLUTE_LIFETIME_MS));
}

/** How a sign-in proved a second factor (session.second_factor). */
export type SessionSecondFactor = 'provider' | 'totp';

export async function createSession(
	db: Executor,
	userId: number,
	now = new Date(),
	secondFactor: SessionSecondFactor | null = null
): Promise<{ token: string; session: Session }> {
	const id = randomPart();
	const secret = randomPart();
	await db
		.insertInto('session')
		.values({
			id,
			user_id: userId,
			secret_hash: hashSecret(secret),
			created_at: now.toISOString(),
			last_verified_at: now.toISOString(),
			second_factor: secondFactor
		})
		.execute();
	return {
		token: `${id}.${secret}`,
		session: { id, userId, createdAt: now, lastVerifiedAt: now, expiresAt: expiryOf(now, now), fresh: true }
	};
}

const NONE: SessionValidationResult = { session: null, user: null };

export async function validateSessionToken(db: Executor, token: string, now = new Date()): Promise<SessionValidationResult> {
	const parts = token.split('.');
	if (parts.length !== 2 || !parts[0] || !parts[1]) return NONE;
	const [id, secret] = parts as [string, string];

	const row = await db
		.selectFrom('session')
		.innerJoin('user', 'user.id', 'session.user_id')
		.leftJoin('totp', 'totp.user_id', 'session.user_id')
		.select([
			'session.id',
			'session.user_id',
			'session.secret_hash',
			'session.created_at',
			'session.last_verified_at',
			'session.second_factor',
			'user.email',
			'user.name',
			'user.is_admin',
			'user.locale',
			'user.active',
			'totp.enrolled_at as second_factor_at'
		])
		.where('session.id', '=', id)
		.executeTakeFirst();
	if (!row) return NONE;

	if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return NONE;

	const createdAt = new Date(row.created_at);
	let lastVerifiedAt = new Date(row.last_verified_at);
	if (now.getTime() >= expiryOf(createdAt, lastVerifiedAt).getTime() || !row.active) {
		await invalidateSession(db, id);
		return NONE;
	}

	let fresh = false;
	if (now.getTime() - lastVerifiedAt.getTime() >= ACTIVITY_CHECK_INTERVAL_MS) {
		lastVerifiedAt = now;
		fresh = true;
		await db.updateTable('session').set({ last_verified_at: now.toISOString() }).where('id', '=', id).execute();
	}

	return {
		session: { id, userId: row.user_id, createdAt, lastVerifiedAt, expiresAt: expiryOf(createdAt, lastVerifiedAt), fresh },
		user: {
			id: row.user_id,
			email: row.email,
			name: row.name,
			isAdmin: row.is_admin === 1,
			locale: row.locale,
			secondFactor: row.second_factor_at !== null || row.second_factor === 'provider'
		}
	};
}

export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

export async function invalidateUserSessions(db: Executor, userId: number): Promise<void> {
	await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

/** Sets the session cookie. `Secure` whenever the site is served over HTTPS (always, in production). */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}
