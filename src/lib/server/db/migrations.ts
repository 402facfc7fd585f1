import type { Migration } from 'kysely';
import type { Db } from './connection';
import { migrationsByName, runMigrations } from './migrate';

// Bundled by Vite, so the built server and the test runner carry every migration file.
const files = import.meta.glob<Migration>('/migrations/*.ts', { eager: true });

export const appMigrations = migrationsByName(files);

export function migrateToLatest(db: Db) {
	return runMigrations(db, appMigrations);
}
