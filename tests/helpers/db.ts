import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { closeDb, getDb, type Db } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import { seedDatabase } from '../../seed/index';
import { createDatabaseFrom, dropDatabase, postgresTestUrl, templateName, testingOnPostgres } from './postgres';

/** A path for a new SQLite file in a fresh temporary folder. */
export function tempDatabasePath(name = 'avance-test.db'): string {
	return join(mkdtempSync(join(tmpdir(), 'avance-')), name);
}

let postgresCount = 0;
let currentPostgres: string | undefined;

/** Drops the PostgreSQL database the last freshDatabase made (the integration setup calls it after each file). */
export async function dropCurrentPostgres(): Promise<void> {
	const name = currentPostgres;
	currentPostgres = undefined;
	if (name) await dropDatabase(name);
}

/**
 * Points the app at a brand-new database, runs the real migrations and returns it: a SQLite
 * file, or under `npm run test:pg` a PostgreSQL database copied from a migrated template.
 * Routes under test call getDb() and so see this same database. DATABASE_PATH always moves to a
 * new temp folder, so uploads (beside the database by default) stay per test.
 */
export async function freshDatabase(options: { seed?: boolean; demoAccounts?: boolean; reports?: boolean } = {}): Promise<Db> {
	if (testingOnPostgres()) {
		// The new database first, and the variables pointing at it, so that nothing still running
		// from the test before (a timed-out one) can reopen the old one, which is dropped last.
		const name = `avance_t_${process.pid}_${++postgresCount}`;
		await createDatabaseFrom(name, templateName(options, inject('pgRun')));
		const previous = currentPostgres;
		currentPostgres = name;
		process.env.DATABASE_URL = postgresTestUrl(name);
		process.env.DATABASE_PATH = tempDatabasePath();
		await closeDb();
		if (previous) await dropDatabase(previous);
		const db = getDb();
		// The templates hold no issued reports (rendering them is slow): a test that wants them
		// seeds them on top, as the seed is idempotent.
		if (options.reports) await seedDatabase(db, { demoAccounts: !!options.demoAccounts, reports: true });
		return db;
	}
	await closeDb();
	process.env.DATABASE_PATH = tempDatabasePath();
	delete process.env.DATABASE_URL;
	const db = getDb();
	await migrateToLatest(db);
	if (options.seed || options.demoAccounts) await seedDatabase(db, { demoAccounts: !!options.demoAccounts, reports: !!options.reports });
	return db;
}

export async function userId(db: Db, email: string): Promise<number> {
	const row = await db.selectFrom('user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
	return row.id;
}
