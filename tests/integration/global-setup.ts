import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '$lib/server/db/migrations';
import { openPostgres } from '$lib/server/db/connection';
import { seedDatabase } from '../../seed/index';
import { useRunTmpdir } from '../setup/run-tmpdir';
import { createEmptyDatabase, dropDatabase, postgresTestUrl, templateName, testingOnPostgres } from '../helpers/postgres';

// On SQLite nothing to do (every test migrates a temp file). On PostgreSQL (`npm run test:pg`):
// three migrated templates — bare, seeded, seeded with the demo accounts — that freshDatabase copies.

export default async function setup(project: TestProject) {
	useRunTmpdir();
	if (!testingOnPostgres()) return;
	const run = `${process.pid}_${randomBytes(3).toString('hex')}`;
	project.provide('pgRun', run);
	const kinds = [{}, { seed: true }, { seed: true, demoAccounts: true }];
	for (const options of kinds) {
		const name = templateName(options, run);
		await createEmptyDatabase(name);
		const db = openPostgres(postgresTestUrl(name), { poolSize: 2 });
		try {
			await migrateToLatest(db);
			if ('seed' in options) await seedDatabase(db, { demoAccounts: 'demoAccounts' in options });
		} finally {
			await db.destroy();
		}
	}
	return async () => {
		for (const options of kinds) await dropDatabase(templateName(options, run));
	};
}

declare module 'vitest' {
	export interface ProvidedContext {
		pgRun: string;
	}
}
