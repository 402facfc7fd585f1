import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appMigrations } from '$lib/server/db/migrations';
import { runMigrations } from '$lib/server/db/migrate';
import { closeDb, getDb } from '$lib/server/db/connection';
import { tempDatabasePath } from '../../helpers/db';
import { testingOnPostgres } from '../../helpers/postgres';

// The DDL helpers (src/lib/server/db/ddl.ts) learned PostgreSQL and the landed migrations were
// rewritten to use them; a SQLite database that already ran those migrations must match, byte for
// byte, what a fresh one gets. The fixture is the sqlite_master of the migrations as they were
// before (captured at commit "pg 8.23.1 and @types/pg pinned; the sqlite_master schema…"). A
// migration added later is not run here: later migrations may alter these tables (a column added
// to `activity` or `programme` rewrites its stored CREATE statement), which is no regression.

/** The last migration the fixture was captured after. */
const FIXTURE_UP_TO = '20261201T1200_translations';

interface MasterRow {
	type: string;
	name: string;
	tbl_name: string;
	sql: string | null;
}

describe.skipIf(testingOnPostgres())('the SQLite schema of the landed migrations', () => {
	it('is exactly the DDL they produced before the helpers became dialect-aware', async () => {
		const fixture = JSON.parse(readFileSync('tests/integration/db/fixtures/sqlite-schema.json', 'utf8')) as MasterRow[];
		await closeDb();
		process.env.DATABASE_PATH = tempDatabasePath();
		delete process.env.DATABASE_URL;
		const db = getDb();
		await runMigrations(db, Object.fromEntries(Object.entries(appMigrations).filter(([name]) => name <= FIXTURE_UP_TO)));
		const { rows } = await sql<MasterRow>`select type, name, tbl_name, sql from sqlite_master order by type, name`.execute(db);
		const byName = new Map(rows.map((r) => [`${r.type}:${r.name}`, r]));
		expect(fixture.length).toBeGreaterThan(50);
		for (const expected of fixture)
			expect(byName.get(`${expected.type}:${expected.name}`), `${expected.type} ${expected.name}`).toEqual(expected);
	});
});
