import { AsyncLocalStorage } from 'node:async_hooks';
import { PostgresAdapter, sql, type QueryExecutorProvider, type RawBuilder } from 'kysely';

// The one place that knows which database Avance runs on. Everything that differs between
// SQLite and PostgreSQL is decided here (or in ddl.ts, for migrations), never in a domain.

export type DialectName = 'sqlite' | 'postgres';

/** The PostgreSQL address when DATABASE_URL selects it (postgres:// or postgresql://), else undefined. */
export function postgresUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
	const url = env.DATABASE_URL?.trim();
	if (!url) return undefined;
	if (!/^postgres(ql)?:\/\//i.test(url))
		throw new Error('DATABASE_URL must start with postgres:// (unset it to use the SQLite file DATABASE_PATH)');
	return url;
}

const migrating = new AsyncLocalStorage<DialectName>();

/** Runs `fn` (a migration run) with `dialectName` known to the DDL helpers that only see a column builder. */
export function withDialect<T>(name: DialectName, fn: () => Promise<T>): Promise<T> {
	return migrating.run(name, fn);
}

/** The dialect of `db`; without one, the dialect of the migration run in progress (SQLite outside any). */
export function dialectOf(db?: QueryExecutorProvider): DialectName {
	if (db) return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
	return migrating.getStore() ?? 'sqlite';
}

export type ConstraintKind = 'unique' | 'foreign_key' | 'check' | 'not_null' | 'append_only';

/** The SQLSTATE an append-only trigger raises on PostgreSQL (restrict_violation). */
export const APPEND_ONLY_SQLSTATE = '23001';

/**
 * What kind of constraint a database error reports, the same on both databases, or undefined when
 * it is no constraint violation: better-sqlite3 sets `code` to SQLITE_CONSTRAINT_UNIQUE and the
 * like, pg sets the SQLSTATE (23505 unique, 23503 foreign key, 23514 check, 23502 not null).
 */
export function constraintViolation(error: unknown): ConstraintKind | undefined {
	if (!error || typeof error !== 'object') return undefined;
	const code = String((error as { code?: unknown }).code ?? '');
	switch (code) {
		case 'SQLITE_CONSTRAINT_UNIQUE':
		case 'SQLITE_CONSTRAINT_PRIMARYKEY':
		case '23505':
			return 'unique';
		case 'SQLITE_CONSTRAINT_FOREIGNKEY':
		case '23503':
			return 'foreign_key';
		case 'SQLITE_CONSTRAINT_CHECK':
		case '23514':
			return 'check';
		case 'SQLITE_CONSTRAINT_NOTNULL':
		case '23502':
			return 'not_null';
		case 'SQLITE_CONSTRAINT_TRIGGER':
		case APPEND_ONLY_SQLSTATE:
			return 'append_only';
		default:
			return undefined;
	}
}

/**
 * pg hands int8 (count(*), sum of integers) and numeric (avg) back as text so that nothing is
 * lost; Avance's counts and sums are far below 2^53, and a value that is not is an error rather
 * than a silently rounded number.
 */
export function parseSafeInteger(text: string): number {
	const n = Number(text);
	if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${text} is outside the safe range of a JavaScript number`);
	return n;
}

/** numeric → number (averages and the like), refusing values a double cannot hold. */
export function parseNumeric(text: string): number {
	const n = Number(text);
	if (!Number.isFinite(n)) throw new RangeError(`numeric ${text} does not fit in a JavaScript number`);
	return n;
}

/**
 * True where `needle` occurs in the text column `column` (a plain byte search, no pattern
 * syntax, case as stored): SQLite's `instr`, PostgreSQL's `strpos`. The full-text search of
 * lessons (evaluation/search.ts) matches folded terms with it; both are many times faster than
 * `LIKE '%…%'`, which folds case character by character. `needle` is always a bound parameter.
 */
export function textContains(db: QueryExecutorProvider, column: string, needle: string): RawBuilder<boolean> {
	return dialectOf(db) === 'postgres'
		? sql<boolean>`strpos(${sql.ref(column)}, ${needle}) > 0`
		: sql<boolean>`instr(${sql.ref(column)}, ${needle}) > 0`;
}
