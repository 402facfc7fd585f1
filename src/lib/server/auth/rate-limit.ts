import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/connection';
import type { Executor } from '../db/executor';
import type { LoginAttemptTable } from '../db/schema';

// Slows password guessing down without ever letting failures lock an account's owner out
// (design §2, login_attempt). Two counts, kept in the database so that a restart does not reset
// them and every app process on the same database sees the same ones:
// - per account × address: five free failures, then each failure doubles the wait, up to 15
//   minutes. It does not touch the same account from any other address, so failures an attacker
//   sends cannot keep the owner out.
// - per address: twenty free failures across accounts, then the same doubling, so that one
//   address cannot work through many accounts. It never refuses an attempt outright: an account
//   that is not itself throttled still gets its password checked (the right one signs in, so an
//   office behind one shared address keeps working while someone else behind it guesses), but
//   while the address waits, each of its accounts gets one free failure instead of five before
//   its own doubling starts (ADDRESS_THROTTLED_PAIR_RULE), so guessing across many accounts stays
//   slow. An account that has signed in from the address before keeps its five.
// Every attempt is counted as a failure before the password is checked (and given back when it
// is right), so attempts sent in parallel, to one process or to several, cannot all slip through.

export interface ThrottleRule {
	freeAttempts: number;
	maxDelaySeconds: number;
}

export const ACCOUNT_ADDRESS_RULE: ThrottleRule = { freeAttempts: 5, maxDelaySeconds: 15 * 60 };
export const ADDRESS_RULE: ThrottleRule = { freeAttempts: 20, maxDelaySeconds: 15 * 60 };
/** The account × address rule while the address as a whole waits (see above). */
export const ADDRESS_THROTTLED_PAIR_RULE: ThrottleRule = { freeAttempts: 1, maxDelaySeconds: 15 * 60 };
/** A day without failures starts a count afresh, and its row can go. */
export const FORGET_FAILURES_AFTER_MS = 24 * 60 * 60 * 1000;
/** How long a successful sign-in keeps its account × address pair known. */
export const KNOWN_PAIR_FOR_MS = 30 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/** The row that counts the address as a whole, whichever account was tried. */
const WHOLE_ADDRESS = '';

export interface FailureCount {
	failures: number;
	lastFailureAt: string | null;
}

/** The failures that still count at `now`. */
export function liveFailures(count: FailureCount | undefined, now: Date): number {
	if (!count?.lastFailureAt) return count?.failures ?? 0;
	return now.getTime() - Date.parse(count.lastFailureAt) >= FORGET_FAILURES_AFTER_MS ? 0 : count.failures;
}

/** Seconds the key must still wait before another attempt is allowed (0 = allowed now). */
export function retryAfterSeconds(count: FailureCount | undefined, rule: ThrottleRule, now: Date): number {
	const failures = liveFailures(count, now);
	if (failures < rule.freeAttempts || !count?.lastFailureAt) return 0;
	const delay = Math.min(2 ** (failures - rule.freeAttempts), rule.maxDelaySeconds);
	const waited = (now.getTime() - Date.parse(count.lastFailureAt)) / 1000;
	return Math.max(0, Math.ceil(delay - waited));
}

type Row = Selectable<LoginAttemptTable>;
const toCount = (row: Row | undefined): FailureCount | undefined => row && { failures: row.failures, lastFailureAt: row.last_failure_at };

export type AttemptGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** How often a request re-judges a count another request moved first before giving up. */
const MAX_RACES = 20;

/**
 * Decides whether a sign-in attempt may go on to the password check, and if so counts it as a
 * failure first. A count only moves from the value this request judged by (compare and set, one
 * statement each, no lock held between them), so two requests, in this process or another,
 * never both take the last free attempt.
 */
export async function beginLoginAttempt(db: Db, email: string, address: string, now = new Date()): Promise<AttemptGate> {
	await pruneNowAndThen(db, now);
	for (let race = 0; race < MAX_RACES; race++) {
		const rows = await db
			.selectFrom('login_attempt')
			.selectAll()
			.where('address', '=', address)
			.where('email', 'in', [email, WHOLE_ADDRESS])
			.execute();
		const pair = rows.find((r) => r.email === email);
		let whole = rows.find((r) => r.email === WHOLE_ADDRESS);
		const known = !!pair?.signed_in_at && now.getTime() - Date.parse(pair.signed_in_at) < KNOWN_PAIR_FOR_MS;
		const wait = pairWait(pair, whole, known, now);
		if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
		if (!(await countFailure(db, email, address, pair, now))) continue;
		// The pair has counted this attempt; the address may have moved meanwhile: judge it again.
		for (let addressRace = 0; addressRace < MAX_RACES; addressRace++) {
			if (await countFailure(db, WHOLE_ADDRESS, address, whole, now)) return { allowed: true };
			whole = await db
				.selectFrom('login_attempt')
				.selectAll()
				.where('address', '=', address)
				.where('email', '=', WHOLE_ADDRESS)
				.executeTakeFirst();
			// Only the pair is judged again: the attempt has been counted on it already.
			const late = known ? 0 : retryAfterSeconds(toCount(pair), pairRule(whole, now), now);
			if (late > 0) return { allowed: false, retryAfterSeconds: late };
		}
		break;
	}
	// Lost every race: the key is being hammered, and asking for a second is fair.
	return { allowed: false, retryAfterSeconds: 1 };
}

/** The rule the account × address pair is judged by: stricter while the whole address waits. */
function pairRule(whole: Row | undefined, now: Date): ThrottleRule {
	return retryAfterSeconds(toCount(whole), ADDRESS_RULE, now) > 0 ? ADDRESS_THROTTLED_PAIR_RULE : ACCOUNT_ADDRESS_RULE;
}

/**
 * Seconds this account must wait at this address (0 = check its password). The address's own
 * count never refuses on its own; it only makes the pair's rule stricter, and not for an account
 * that has signed in from the address before.
 */
export function pairWait(pair: Row | undefined, whole: Row | undefined, known: boolean, now: Date): number {
	return retryAfterSeconds(toCount(pair), known ? ACCOUNT_ADDRESS_RULE : pairRule(whole, now), now);
}

/** Adds one failure to the count, if it still is what this request saw; false when it moved. */
async function countFailure(db: Executor, email: string, address: string, seen: Row | undefined, now: Date): Promise<boolean> {
	const at = now.toISOString();
	if (!seen) {
		const inserted = await db
			.insertInto('login_attempt')
			.values({ email, address, failures: 1, last_failure_at: at })
			.onConflict((oc) => oc.columns(['email', 'address']).doNothing())
			.executeTakeFirst();
		return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
	}
	const updated = await db
		.updateTable('login_attempt')
		.set({ failures: liveFailures(toCount(seen), now) + 1, last_failure_at: at })
		.where('email', '=', email)
		.where('address', '=', address)
		.where('failures', '=', seen.failures)
		.where((eb) => (seen.last_failure_at === null ? eb('last_failure_at', 'is', null) : eb('last_failure_at', '=', seen.last_failure_at)))
		.executeTakeFirst();
	return Number(updated.numUpdatedRows) === 1;
}

/**
 * The password was right: the pair starts afresh and becomes known; the address gets back only
 * the attempt just counted, so one valid account cannot clear its record of guessing the others.
 */
export async function recordLoginSuccess(db: Executor, email: string, address: string, now = new Date()): Promise<void> {
	const at = now.toISOString();
	await db
		.insertInto('login_attempt')
		.values({ email, address, failures: 0, last_failure_at: null, signed_in_at: at })
		.onConflict((oc) => oc.columns(['email', 'address']).doUpdateSet({ failures: 0, last_failure_at: null, signed_in_at: at }))
		.execute();
	await db
		.updateTable('login_attempt')
		.set({ failures: sql`failures - 1` })
		.where('email', '=', WHOLE_ADDRESS)
		.where('address', '=', address)
		.where('failures', '>', 0)
		.execute();
}

/** Deletes rows that no longer hold anything: failures forgotten and no recent sign-in. */
export async function pruneLoginAttempts(db: Executor, now = new Date()): Promise<number> {
	const forgotten = new Date(now.getTime() - FORGET_FAILURES_AFTER_MS).toISOString();
	const unknown = new Date(now.getTime() - KNOWN_PAIR_FOR_MS).toISOString();
	const result = await db
		.deleteFrom('login_attempt')
		.where((eb) =>
			eb.and([
				eb.or([eb('last_failure_at', 'is', null), eb('last_failure_at', '<', forgotten)]),
				eb.or([eb('signed_in_at', 'is', null), eb('signed_in_at', '<', unknown)])
			])
		)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

let lastPrunedAt = 0;
async function pruneNowAndThen(db: Db, now: Date) {
	if (now.getTime() - lastPrunedAt < PRUNE_EVERY_MS) return;
	lastPrunedAt = now.getTime();
	await pruneLoginAttempts(db, now);
}

// ---- wrong second-factor codes, per account across addresses ------------------------------------
// Whoever sends a second-factor code has got past the password, so here a cap on the account
// itself is right: the per-address counts above let an attacker with many addresses keep
// guessing codes, five or so free per address. This count ignores the address: ten wrong codes
// for the account from anywhere, then each one doubles the wait, up to 15 minutes. It does hold
// the owner up too while it waits, which is why the message says their password is known.

export const SECOND_FACTOR_ACCOUNT_RULE: ThrottleRule = { freeAttempts: 10, maxDelaySeconds: 15 * 60 };
/** The row that counts an account's codes whatever the address (no address is empty). */
const ANY_ADDRESS = '';

export const secondFactorKey = (userId: number) => `totp:${userId}`;

/** As AttemptGate; `accountWide` says the account's own cap refused it, not this address. */
export type SecondFactorGate = { allowed: true } | { allowed: false; retryAfterSeconds: number; accountWide: boolean };

/**
 * Decides whether a second-factor code may be checked, and counts it as a failure first: on the
 * account × address and the address (beginLoginAttempt), and on the account from any address.
 */
export async function beginSecondFactorAttempt(db: Db, userId: number, address: string, now = new Date()): Promise<SecondFactorGate> {
	const key = secondFactorKey(userId);
	const readAccount = () =>
		db.selectFrom('login_attempt').selectAll().where('email', '=', key).where('address', '=', ANY_ADDRESS).executeTakeFirst();
	let account = await readAccount();
	const early = retryAfterSeconds(toCount(account), SECOND_FACTOR_ACCOUNT_RULE, now);
	if (early > 0) return { allowed: false, retryAfterSeconds: early, accountWide: true };
	const gate = await beginLoginAttempt(db, key, address, now);
	if (!gate.allowed) return { ...gate, accountWide: false };
	for (let race = 0; race < MAX_RACES; race++) {
		if (await countFailure(db, key, ANY_ADDRESS, account, now)) return { allowed: true };
		// Another request counted first: this one is judged by the count it left.
		account = await readAccount();
		const late = retryAfterSeconds(toCount(account), SECOND_FACTOR_ACCOUNT_RULE, now);
		if (late > 0) return { allowed: false, retryAfterSeconds: late, accountWide: true };
	}
	return { allowed: false, retryAfterSeconds: 1, accountWide: true };
}

/**
 * The code was right: the account × address pair starts afresh (recordLoginSuccess), and the
 * account's own count gets back only the attempt just counted, so one right code cannot clear
 * the record of wrong ones sent from elsewhere.
 */
export async function recordSecondFactorSuccess(db: Executor, userId: number, address: string, now = new Date()): Promise<void> {
	const key = secondFactorKey(userId);
	await recordLoginSuccess(db, key, address, now);
	await db
		.updateTable('login_attempt')
		.set({ failures: sql`failures - 1` })
		.where('email', '=', key)
		.where('address', '=', ANY_ADDRESS)
		.where('failures', '>', 0)
		.execute();
}
