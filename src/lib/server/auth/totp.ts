import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import type { Actor } from '../core/actor';
import { recordAudit } from '../core/audit';
import { DomainValidationError, NotFoundError } from '../core/errors';
import { inTransaction, type Executor } from '../db/executor';
import { openSecret, sealSecret } from './secret-box';
import { qrImage } from './totp-qr';
import { invalidateUserSessions } from './session';

// A second factor for password accounts, the Lucia guide's way (@oslojs/otp): RFC 6238 codes of
// six digits every 30 seconds, one step of drift either way, each step accepted once (a code
// seen once cannot be replayed), and ten single-use recovery codes kept only as SHA-256 hashes.
// Wrong codes are throttled by the sign-in throttle (rate-limit.ts), keyed on the account. The key
// is stored sealed (secret-box.ts); one stored before sealing is still read as it was.

export const PERIOD_SECONDS = 30;
export const DIGITS = 6;
const RECOVERY_CODES = 10;

const stepAt = (now: Date) => Math.floor(now.getTime() / 1000 / PERIOD_SECONDS);
const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const normaliseRecovery = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** The code at `now` (tests and the enrolment page's check use it; the app never shows it). */
export function codeAt(secret: Uint8Array, now: Date): string {
	return generateHOTP(secret, BigInt(stepAt(now)), DIGITS);
}

/** The step `code` belongs to (now, one before or one after), or null. */
export function matchingStep(secret: Uint8Array, code: string, now: Date): number | null {
	if (!/^[0-9]{6}$/.test(code)) return null;
	const step = stepAt(now);
	for (const s of [step, step - 1, step + 1]) {
		const expected = Buffer.from(generateHOTP(secret, BigInt(s), DIGITS));
		if (timingSafeEqual(expected, Buffer.from(code))) return s;
	}
	return null;
}

export interface TotpState {
	enrolled: boolean;
	recoveryLeft: number;
}

export async function totpState(db: Executor, userId: number): Promise<TotpState> {
	const row = await db.selectFrom('totp').select(['enrolled_at', 'recovery_hashes']).where('user_id', '=', userId).executeTakeFirst();
	return { enrolled: !!row?.enrolled_at, recoveryLeft: row?.enrolled_at ? (JSON.parse(row.recovery_hashes) as string[]).length : 0 };
}

/** What the authenticator app needs: the otpauth address, the key typed by hand, and the address as a QR image (data: URI). */
export interface Enrolment {
	uri: string;
	key: string;
	qr: string;
}

async function enrolmentOf(email: string, secret: Uint8Array): Promise<Enrolment> {
	const uri = createTOTPKeyURI('Avance', email, secret, PERIOD_SECONDS, DIGITS);
	return { uri, key: encodeBase32UpperCaseNoPadding(secret), qr: await qrImage(uri) };
}

/** Starts (or restarts) an enrolment: a new key, not yet in force. Returns what the authenticator app needs. */
export async function beginEnrolment(db: Executor, user: { id: number; email: string }): Promise<Enrolment> {
	const secret = new Uint8Array(randomBytes(20));
	const existing = await totpState(db, user.id);
	if (existing.enrolled) throw new DomainValidationError({ code: { key: 'totp.alreadyEnrolled' } });
	const sealed = sealSecret(secret);
	await db
		.insertInto('totp')
		.values({ user_id: user.id, secret: sealed, recovery_hashes: '[]', enrolled_at: null })
		.onConflict((oc) => oc.column('user_id').doUpdateSet({ secret: sealed, recovery_hashes: '[]', enrolled_at: null, last_step: 0 }))
		.execute();
	return enrolmentOf(user.email, secret);
}

/** The key of an enrolment in progress, to show again after a wrong first code. */
export async function pendingEnrolment(db: Executor, user: { id: number; email: string }): Promise<Enrolment | null> {
	const row = await db.selectFrom('totp').select(['secret', 'enrolled_at']).where('user_id', '=', user.id).executeTakeFirst();
	if (!row || row.enrolled_at) return null;
	return enrolmentOf(user.email, openSecret(row.secret));
}

/** Confirms the enrolment with a first code; returns the recovery codes, shown once. */
export async function confirmEnrolment(db: Executor, actor: Actor, code: string, now = new Date()): Promise<string[]> {
	return inTransaction(db, async (trx) => {
		const row = await trx.selectFrom('totp').select(['secret', 'enrolled_at']).where('user_id', '=', actor.id).executeTakeFirst();
		if (!row || row.enrolled_at) throw new DomainValidationError({ code: { key: 'totp.noEnrolment' } });
		const step = matchingStep(openSecret(row.secret), code, now);
		if (step === null) throw new DomainValidationError({ code: { key: 'totp.wrongCode' } });
		const codes = Array.from({ length: RECOVERY_CODES }, () => {
			const raw = encodeBase32UpperCaseNoPadding(new Uint8Array(randomBytes(10)));
			return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12, 16)}`;
		});
		await trx
			.updateTable('totp')
			.set({
				enrolled_at: now.toISOString(),
				last_step: step,
				recovery_hashes: JSON.stringify(codes.map((c) => sha256Hex(normaliseRecovery(c))))
			})
			.where('user_id', '=', actor.id)
			.execute();
		await recordAudit(trx, { userId: actor.id, entity: 'user', entityId: actor.id, action: 'enrol_second_factor' });
		return codes;
	});
}

/**
 * Checks a code (or a recovery code, which is then used up) for an enrolled account. A code is
 * accepted at most once: the step it belongs to must be later than the last one accepted, moved
 * by compare and set, so the same code sent twice at once succeeds once.
 */
export async function verifySecondFactor(
	db: Executor,
	userId: number,
	code: string,
	now = new Date()
): Promise<'code' | 'recovery' | false> {
	const row = await db
		.selectFrom('totp')
		.select(['secret', 'enrolled_at', 'last_step', 'recovery_hashes'])
		.where('user_id', '=', userId)
		.executeTakeFirst();
	if (!row?.enrolled_at) return false;
	const trimmed = code.trim().replace(/\s/g, '');
	const step = matchingStep(openSecret(row.secret), trimmed, now);
	if (step !== null) {
		if (step <= row.last_step) return false;
		const moved = await db
			.updateTable('totp')
			.set({ last_step: step })
			.where('user_id', '=', userId)
			.where('last_step', '=', row.last_step)
			.executeTakeFirst();
		return Number(moved.numUpdatedRows) === 1 ? 'code' : false;
	}
	const hash = sha256Hex(normaliseRecovery(trimmed));
	const hashes = JSON.parse(row.recovery_hashes) as string[];
	if (!hashes.includes(hash)) return false;
	const used = await db
		.updateTable('totp')
		.set({ recovery_hashes: JSON.stringify(hashes.filter((h) => h !== hash)) })
		.where('user_id', '=', userId)
		.where('recovery_hashes', '=', row.recovery_hashes)
		.executeTakeFirst();
	return Number(used.numUpdatedRows) === 1 ? 'recovery' : false;
}

/** The admin removes a person's second factor (a lost phone): audited, and their sessions end. */
export async function resetSecondFactor(db: Executor, actor: Actor, userId: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const removed = await trx.deleteFrom('totp').where('user_id', '=', userId).executeTakeFirst();
		if (Number(removed.numDeletedRows) === 0) throw new NotFoundError('totp', userId);
		await invalidateUserSessions(trx, userId);
		await recordAudit(trx, { userId: actor.id, entity: 'user', entityId: userId, action: 'reset_second_factor' });
	});
}

// ---- the challenge between the password and the code --------------------------------------------

export const CHALLENGE_COOKIE = 'avance_2fa';
const CHALLENGE_MS = 5 * 60 * 1000;

export async function createChallenge(db: Executor, userId: number, redirectTo: string, now = new Date()): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await db.deleteFrom('two_factor_challenge').where('expires_at', '<', now.toISOString()).execute();
	await db
		.insertInto('two_factor_challenge')
		.values({
			token_hash: createHash('sha256').update(token).digest(),
			user_id: userId,
			redirect_to: redirectTo,
			expires_at: new Date(now.getTime() + CHALLENGE_MS).toISOString()
		})
		.execute();
	return token;
}

export async function readChallenge(db: Executor, token: string | undefined, now = new Date()) {
	if (!token || token.length > 100) return null;
	const row = await db
		.selectFrom('two_factor_challenge')
		.innerJoin('user', 'user.id', 'two_factor_challenge.user_id')
		.select([
			'two_factor_challenge.user_id',
			'two_factor_challenge.redirect_to',
			'two_factor_challenge.expires_at',
			'user.email',
			'user.locale',
			'user.active'
		])
		.where('two_factor_challenge.token_hash', '=', createHash('sha256').update(token).digest())
		.executeTakeFirst();
	if (!row || !row.active || row.expires_at <= now.toISOString()) return null;
	return { userId: row.user_id, redirectTo: row.redirect_to, email: row.email, locale: row.locale };
}

export async function endChallenge(db: Executor, token: string): Promise<void> {
	await db.deleteFrom('two_factor_challenge').where('token_hash', '=', createHash('sha256').update(token).digest()).execute();
}

/** Admins must have a second factor when the instance says so (REQUIRE_ADMIN_SECOND_FACTOR=1). */
export function adminsNeedSecondFactor(): boolean {
	return process.env.REQUIRE_ADMIN_SECOND_FACTOR === '1';
}
