import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDb, getDb, type Db } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import { seedDatabase } from '../../seed/index';

/** A path for a new SQLite file in a fresh temporary folder. */
export function tempDatabasePath(name = 'avance-test.db'): string {
	return join(mkdtempSync(join(tmpdir(), 'avance-')), name);
}

/**
 * Points the app at a brand-new SQLite file, runs the real migrations and returns it.
 * Routes under test call getDb() and so see this same database.
 */
export async function freshDatabase(options: { seed?: boolean; demoAccounts?: boolean; reports?: boolean } = {}): Promise<Db> {
	await closeDb();
	process.env.DATABASE_PATH = tempDatabasePath();
	const db = getDb();
	await migrateToLatest(db);
	if (options.seed || options.demoAccounts) await seedDatabase(db, { demoAccounts: !!options.demoAccounts, reports: !!options.reports });
	return db;
}

export async function userId(db: Db, email: string): Promise<number> {
	const row = await db.selectFrom('user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
	return row.id;
}
