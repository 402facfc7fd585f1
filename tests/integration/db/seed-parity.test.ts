import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import { seedDatabase } from '../../../seed/index';
import { freshDatabase, tempDatabasePath } from '../../helpers/db';
import { testingOnPostgres } from '../../helpers/postgres';

// The same migrations and the same seed give the same data on both databases: table by table,
// the same row count and the same hash of the rows' contents. Runs under `npm run test:pg`, where
// freshDatabase is PostgreSQL and a SQLite file is seeded beside it. Left out of the hash: the
// instants the database stamps itself (the columns whose default is the current time: they say
// when the seed ran) and any other instant of the last day (the seed stamps reviews with the
// moment it runs), the migration log's timestamp, and the password hashes (argon2 salts each).

const ALWAYS_LEFT_OUT = ['timestamp', 'password_hash'];

/** Per table, the columns left out: ALWAYS_LEFT_OUT and those whose SQLite default reads the clock. */
async function stampedColumns(sqlite: Db, table: string): Promise<Set<string>> {
	const { rows } = await sql<{ name: string; dflt_value: string | null }>`select name, dflt_value from pragma_table_info(${table})`.execute(
		sqlite
	);
	return new Set([...ALWAYS_LEFT_OUT, ...rows.filter((r) => r.dflt_value?.includes("'now'")).map((r) => r.name)]);
}

const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
/** An instant of the last day is the moment the seed ran (the demo's own dates are years old). */
const seededNow = (value: string) => INSTANT.test(value) && Date.now() - Date.parse(value) < 24 * 3600_000;

function canonical(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'string' && seededNow(value)) return '"<when the seed ran>"';
	if (value instanceof Uint8Array) return JSON.stringify(`hex:${Buffer.from(value).toString('hex')}`);
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
	if (typeof value === 'bigint') return value.toString();
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

async function tables(db: Db, postgres: boolean): Promise<string[]> {
	const { rows } = postgres
		? await sql<{
				name: string;
			}>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db)
		: await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
	return rows.map((r) => r.name).sort();
}

async function digest(db: Db, table: string, stamped: Set<string>): Promise<{ rows: number; hash: string; lines: string[] }> {
	const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
	const lines = rows.map((row) => canonical(Object.fromEntries(Object.entries(row).filter(([k]) => !stamped.has(k))))).sort();
	return { rows: rows.length, hash: createHash('sha256').update(lines.join('\n')).digest('hex'), lines };
}

/** The first rows one database has and the other has not, so a failure says what differs. */
function firstDifferences(a: string[], b: string[]): string {
	const [inA, inB] = [new Set(a), new Set(b)];
	const onlyA = a.filter((l) => !inB.has(l)).slice(0, 3);
	const onlyB = b.filter((l) => !inA.has(l)).slice(0, 3);
	return [...onlyA.map((l) => `  sqlite only: ${l.slice(0, 300)}`), ...onlyB.map((l) => `  postgres only: ${l.slice(0, 300)}`)].join('\n');
}

describe.skipIf(!testingOnPostgres())('the demo seed on SQLite and on PostgreSQL', () => {
	it('gives every table the same rows, counted and hashed', async () => {
		const postgres = await freshDatabase({ seed: true, demoAccounts: true });
		const sqlite = openDatabase(tempDatabasePath());
		try {
			await migrateToLatest(sqlite);
			await seedDatabase(sqlite, { demoAccounts: true });
			const names = await tables(sqlite, false);
			expect(await tables(postgres, true)).toEqual(names);
			expect(names).toContain('indicator_value');
			const differing: string[] = [];
			let total = 0;
			for (const table of names) {
				const stamped = await stampedColumns(sqlite, table);
				const [a, b] = [await digest(sqlite, table, stamped), await digest(postgres, table, stamped)];
				total += a.rows;
				if (a.rows !== b.rows || a.hash !== b.hash)
					differing.push(
						`${table}: sqlite ${a.rows} rows ${a.hash.slice(0, 8)}, postgres ${b.rows} rows ${b.hash.slice(0, 8)}\n${firstDifferences(a.lines, b.lines)}`
					);
			}
			expect(differing).toEqual([]);
			expect(total).toBeGreaterThan(500);
		} finally {
			await sqlite.destroy();
		}
	});
});
