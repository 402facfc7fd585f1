import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/** The database or a transaction on it: every query function takes one as its first argument. */
export type Executor = Kysely<Database> | Transaction<Database>;

type AfterCommit = () => Promise<void> | void;
const afterCommit = new WeakMap<Transaction<Database>, AfterCommit[]>();

/**
 * Runs `fn` in a transaction: a new one on the database, or the caller's own when `db` already is
 * one, so a write composes into a larger unit (a report issue locks periods, stores files and
 * audits, all or nothing) instead of committing on its own half-way through.
 */
export async function inTransaction<T>(db: Executor, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
	if (db.isTransaction) return fn(db as Transaction<Database>);
	const callbacks: AfterCommit[] = [];
	const result = await db.transaction().execute((trx) => {
		afterCommit.set(trx, callbacks);
		return fn(trx);
	});
	for (const callback of callbacks) await callback();
	return result;
}

/**
 * Runs `fn` once the outermost transaction that `db` belongs to has committed (never if it rolls
 * back): for work outside the database that must not happen for a change that did not, such as
 * moving an uploaded file into place. Outside a transaction it runs at once.
 */
export async function onCommit(db: Executor, fn: AfterCommit): Promise<void> {
	const callbacks = db.isTransaction ? afterCommit.get(db as Transaction<Database>) : undefined;
	if (callbacks) callbacks.push(fn);
	else if (!db.isTransaction) await fn();
	else throw new Error('onCommit needs a transaction opened by inTransaction');
}
