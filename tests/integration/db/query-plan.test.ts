import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createUser } from '$lib/server/auth/users';
import { databasePath, openDatabase } from '$lib/server/db/connection';
import { refreshStatistics } from '$lib/server/db/statistics';
import { migrateToLatest } from '$lib/server/db/migrations';
import { assessProgramme } from '$lib/server/results/assessment';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { freshDatabase } from '../../helpers/db';
import { testingOnPostgres } from '../../helpers/postgres';
import { generateProgramme } from '../../bench/generate';

// One programme's approved values in a database where another programme holds most of them.
// SQLite used to read them by walking the status index, i.e. every approved value of the whole
// database (without statistics, and with them too when few programmes hold many values); the
// assessment's read now starts from the programme's own indicators, and the app keeps the
// planner's statistics fresh (db/statistics.ts). Read from SQLite's own query plan.

/** SQLite's plan for every statement `run` issues whose SQL matches `pick`, as "detail" lines. */
async function planOf(pick: RegExp, run: (db: ReturnType<typeof openDatabase>) => Promise<unknown>): Promise<string[]> {
	const seen: { sql: string; parameters: readonly unknown[] }[] = [];
	const observed = openDatabase(databasePath(), { onQuery: (e) => seen.push({ sql: e.query.sql, parameters: e.query.parameters }) });
	try {
		await run(observed);
	} finally {
		await observed.destroy();
	}
	const statement = seen.find((s) => pick.test(s.sql));
	if (!statement) throw new Error(`no statement matched ${pick}`);
	const raw = new SQLite(databasePath(), { readonly: true });
	try {
		return (raw.prepare(`explain query plan ${statement.sql}`).all(...statement.parameters) as { detail: string }[]).map((r) => r.detail);
	} finally {
		raw.close();
	}
}

describe.skipIf(testingOnPostgres())('query statistics', () => {
	it('reads the approved values of a small programme in a large database from that programme’s indicators', async () => {
		const db = await freshDatabase();
		const enteredBy = await createUser(db, { email: 'one@bench.test', name: 'One', password: 'bench-password-1' }, null);
		const reviewedBy = await createUser(db, { email: 'two@bench.test', name: 'Two', password: 'bench-password-2' }, null);
		await generateProgramme(db, { slug: 'small', indicators: 30, enteredBy, reviewedBy });
		await generateProgramme(db, { slug: 'large', indicators: 1000, enteredBy, reviewedBy });
		// What a restart (or the hourly refresh) does: migrations (none pending), then the statistics.
		await migrateToLatest(db);
		await refreshStatistics(db);
		const stats = await db
			.selectFrom('sqlite_stat1' as never)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(stats.n)).toBeGreaterThan(0);

		const small = (await getProgrammeBySlug(db, 'small'))!;
		const plan = await planOf(/"indicator_value"\."status" = \?/, (observed) => assessProgramme(observed, small));
		// The first table read is the indicator table, by the programme's index; the values are
		// then looked up per indicator, never scanned by status across the database.
		expect(plan[0]).toMatch(/^SEARCH indicator USING (COVERING )?INDEX indicator_programme_order \(programme_id=\?\)/);
		const values = plan.find((line) => /indicator_value/.test(line));
		expect(values).toMatch(/^SEARCH indicator_value USING (COVERING )?INDEX \w+ \((status=\? AND )?indicator_id=\?/);
	}, 120_000);
});
