import { afterAll } from 'vitest';
import { closeDb } from '$lib/server/db/connection';
import { tempDatabasePath } from '../helpers/db';

// Never touch the developer's ./data/avance.db from a test: every test file starts on a temp file.
process.env.DATABASE_PATH = tempDatabasePath();

afterAll(async () => {
	await closeDb();
});
