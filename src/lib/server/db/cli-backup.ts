// `npm run db:backup -- <file>`: a consistent copy of the database, safe while the app runs:
// SQLite's online backup of DATABASE_PATH, or pg_dump (custom format) of DATABASE_URL.
// Restoring it is in the README ("Backups").
import { pathToFileURL } from 'node:url';
import { backupDatabase, backupPostgres } from './backup';
import { databaseLabel, databasePath } from './connection';
import { postgresUrl } from './dialect';

async function main() {
	const target = process.argv[2];
	if (!target) {
		console.error('usage: npm run db:backup -- <file>   (for example backups/avance-2026-12-01.db, or .dump on PostgreSQL)');
		process.exit(2);
	}
	const url = postgresUrl();
	if (url) {
		const { path, bytes } = await backupPostgres(url, target);
		console.log(`backup of ${databaseLabel()} written to ${path} (${Math.ceil(bytes / 1024)} KiB, pg_dump custom format)`);
		return;
	}
	const { path, bytes } = await backupDatabase(databasePath(), target);
	console.log(`backup of ${databasePath()} written to ${path} (${Math.ceil(bytes / 1024)} KiB, integrity check ok)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	main().catch((err) => {
		console.error(err instanceof Error ? err.message : err);
		process.exit(1);
	});
}
