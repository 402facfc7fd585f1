import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../helpers/db';
import { testingOnPostgres } from '../../helpers/postgres';

// The DDL helpers (src/lib/server/db/ddl.ts) learned PostgreSQL and the landed migrations were
// rewritten to use them; a SQLite database that already ran those migrations must match, byte for
// byte, what a fresh one gets. The fixture is the sqlite_master of the migrations as they were
// before (captured at commit "pg 8.23.1 and @types/pg pinned; the sqlite_master schema…"). A
// migration added later appears as extra rows and is not compared here.

interface MasterRow {
	type: string;
	name: string;
	tbl_name: string;
	sql: string | null;
}

describe.skipIf(testingOnPostgres())('the SQLite schema of the landed migrations', () => {
	it('is exactly the DDL they produced before the helpers became dialect-aware', async () => {
		const fixture = JSON.parse(readFileSync('tests/integration/db/fixtures/sqlite-schema.json', 'utf8')) as MasterRow[];
		const db = await freshDatabase();
		const { rows } = await sql<MasterRow>`select type, name, tbl_name, sql from sqlite_master order by type, name`.execute(db);
		const byName = new Map(rows.map((r) => [`${r.type}:${r.name}`, r]));
		expect(fixture.length).toBeGreaterThan(50);
		for (const expected of fixture)
			expect(byName.get(`${expected.type}:${expected.name}`), `${expected.type} ${expected.name}`).toEqual(expected);
	});
});
