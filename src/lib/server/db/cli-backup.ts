// `npm run db:backup -- <file>`: a consistent copy of DATABASE_PATH, safe while the app runs.
// Restoring it is in the README ("Backups").
import { pathToFileURL } from 'node:url';
import { backupDatabase } from './backup';
import { databasePath } from './connection';

async function main() {
	const target = process.argv[2];
	if (!target) {
		console.error('usage: npm run db:backup -- <file>   (for example backups/avance-2026-12-01.db)');
		process.exit(2);
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
