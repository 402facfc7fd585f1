// `npm run db:seed [-- --demo-accounts]`: migrates DATABASE_PATH, then loads the seed.
import { openConfigured } from '../src/lib/server/db/connection';
import { loadMigrationFolder } from '../src/lib/server/db/cli-migrate';
import { runMigrations } from '../src/lib/server/db/migrate';
import { seedDatabase } from './index';

const demoAccounts = process.argv.includes('--demo-accounts');
const db = openConfigured();
try {
	await runMigrations(db, await loadMigrationFolder());
	const report = await seedDatabase(db, { demoAccounts, reports: demoAccounts });
	console.log(`seeded: ${report.created.join(', ') || 'nothing new'}; already there: ${report.skipped.join(', ') || 'none'}`);
	if (demoAccounts) console.log('demo accounts ready (password in the README)');
} finally {
	await db.destroy();
}
