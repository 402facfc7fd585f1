import { afterAll } from 'vitest';
import { closeDb } from '$lib/server/db/connection';
import { dropCurrentPostgres, tempDatabasePath } from '../helpers/db';
import { testingOnPostgres } from '../helpers/postgres';

// Never touch the developer's ./data/avance.db (nor a DATABASE_URL from the shell) from a test:
// every test file starts on a temp file; under `npm run test:pg` freshDatabase points DATABASE_URL
// at a database of the test's own.
process.env.DATABASE_PATH = tempDatabasePath();
if (!testingOnPostgres()) delete process.env.DATABASE_URL;

afterAll(async () => {
	await closeDb();
	await dropCurrentPostgres();
});
