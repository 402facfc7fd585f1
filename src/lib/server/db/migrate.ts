import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './connection';
import { dialectOf, withDialect } from './dialect';
import { refreshStatistics } from './statistics';

/**
 * Migrations as a record of name → module. The app gets the record from Vite's import.meta.glob
 * (so the built server carries its migrations); command-line scripts read the folder instead.
 */
export class RecordMigrationProvider implements MigrationProvider {
	constructor(private readonly modules: Record<string, Migration>) {}

	async getMigrations(): Promise<Record<string, Migration>> {
		return this.modules;
	}
}

/** Turns a `{ '/migrations/2026…_name.ts': module }` record into `{ '2026…_name': module }`. */
export function migrationsByName(files: Record<string, Migration>): Record<string, Migration> {
	const byName: Record<string, Migration> = {};
	for (const [path, migration] of Object.entries(files)) {
		const name = path
			.split('/')
			.pop()!
			.replace(/\.[cm]?[jt]s$/, '');
		byName[name] = migration;
	}
	return byName;
}

export async function runMigrations(db: Db, migrations: Record<string, Migration>): Promise<MigrationResultSet> {
	const migrator = new Migrator({ db, provider: new RecordMigrationProvider(migrations) });
	// The DDL helpers that only see a column builder (identity) learn the dialect from the run.
	const result = await withDialect(dialectOf(db), () => migrator.migrateToLatest());
	if (result.error) throw result.error;
	// A migration may add tables and indexes, or a database restored from elsewhere may arrive:
	// the planner's statistics follow (nothing happens where nothing changed).
	await refreshStatistics(db);
	return result;
}
