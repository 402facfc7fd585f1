import { AsyncLocalStorage } from 'node:async_hooks';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseNumeric, parseSafeInteger, postgresUrl } from './dialect';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export const DEFAULT_DATABASE_PATH = './data/avance.db';

export interface OpenOptions {
	/** Called for every statement Kysely runs; the benchmark counts statements with it. */
	onQuery?: (event: LogEvent) => void;
}

/** Opens (and creates, if needed) the SQLite file with the pragmas every connection must have. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new SQLite(path);
	// WAL lets readers proceed while one writer commits; foreign keys are off by default in SQLite;
	// the busy timeout makes a second writer wait for the lock instead of failing at once.
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	return new Kysely<Database>({
		dialect: new SqliteDialect({ database: sqlite }),
		log: options.onQuery
	});
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** pg's own parsers, except int8 and numeric, which become numbers (with a range guard) as on SQLite. */
const postgresTypes = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === INT8_OID) return parseSafeInteger;
		if (oid === NUMERIC_OID) return parseNumeric;
		return pg.types.getTypeParser(oid, format);
	}
} as pg.CustomTypesConfig;

export interface PostgresOptions extends OpenOptions {
	/** Connections in this process's pool (default 10, or PG_POOL_SIZE). */
	poolSize?: number;
}

/** A pool of connections to the PostgreSQL database at `url` (postgres://user:password@host/db). */
export function openPostgres(url: string, options: PostgresOptions = {}): Db {
	const pool = new pg.Pool({
		connectionString: url,
		max: options.poolSize ?? (Number(process.env.PG_POOL_SIZE) || 10),
		types: postgresTypes,
		application_name: 'avance'
	});
	// An idle connection that the server drops must not take the process down with it.
	pool.on('error', (error) => console.error('PostgreSQL connection error:', error.message));
	return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: options.onQuery });
}

/** The app's database as configured: PostgreSQL when DATABASE_URL is set, else the SQLite file at DATABASE_PATH. */
export function openConfigured(options: OpenOptions = {}): Db {
	const url = postgresUrl();
	return url ? openPostgres(url, options) : openDatabase(databasePath(), options);
}

/** What the configured database is, for messages: the SQLite path or the PostgreSQL address without its password. */
export function databaseLabel(): string {
	const url = postgresUrl();
	if (!url) return databasePath();
	const parsed = new URL(url);
	if (parsed.password) parsed.password = '***';
	return parsed.toString();
}

export function databasePath(): string {
	return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

let shared: Db | undefined;
let queryObserver: ((event: LogEvent) => void) | undefined;

export interface QueryStats {
	statements: number;
	ms: number;
}
const requestStats = new AsyncLocalStorage<QueryStats>();

/** Runs `fn`, counting the statements it (and everything it awaits) runs on the app's database. */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; stats: QueryStats }> {
	const stats: QueryStats = { statements: 0, ms: 0 };
	const result = await requestStats.run(stats, fn);
	return { result, stats };
}

/** Lets the benchmark and tests count the statements the app's database runs (undefined stops it). */
export function observeQueries(observer: ((event: LogEvent) => void) | undefined): void {
	queryObserver = observer;
}

/** The app's database, opened on first use from DATABASE_URL or DATABASE_PATH. */
export function getDb(): Db {
	shared ??= openConfigured({
		onQuery: (event) => {
			const stats = requestStats.getStore();
			if (stats) {
				stats.statements++;
				stats.ms += event.queryDurationMillis;
			}
			queryObserver?.(event);
		}
	});
	return shared;
}

/** Closes the shared database so the next getDb() reopens it (tests switch files this way). */
export async function closeDb(): Promise<void> {
	const db = shared;
	shared = undefined;
	await db?.destroy();
}

/** True when the database answers a trivial query (the health check). */
export async function databaseAnswers(db: Db): Promise<boolean> {
	try {
		const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(db);
		return rows[0]?.ok === 1;
	} catch {
		return false;
	}
}
