// `npm run db:migrate`: applies every pending migration in migrations/ to DATABASE_URL (PostgreSQL) or DATABASE_PATH.
import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Migration } from 'kysely';
import { databaseLabel, openConfigured } from './connection';
import { migrationsByName, runMigrations } from './migrate';

export async function loadMigrationFolder(folder = resolve('migrations')): Promise<Record<string, Migration>> {
	const files: Record<string, Migration> = {};
	for (const file of (await readdir(folder)).filter((f) => f.endsWith('.ts')).sort()) {
		files[file] = (await import(pathToFileURL(resolve(folder, file)).href)) as Migration;
	}
	return migrationsByName(files);
}

async function main() {
	const path = databaseLabel();
	const db = openConfigured();
	try {
		const { results } = await runMigrations(db, await loadMigrationFolder());
		for (const r of results ?? []) console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`);
		console.log(`database ${path} is up to date`);
	} finally {
		await db.destroy();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main().catch((err) => {
		console.error(err);
		process.exit(1);
	});
}
