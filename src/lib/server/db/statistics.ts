import { sql } from 'kysely';
import type { Db } from './connection';
import { dialectOf } from './dialect';

// The query planner's statistics. Without them SQLite guesses how selective each index is, and
// for "the approved values of this programme" it guessed wrong: it walked the status index, so
// one programme's page read every approved value of the whole database (a 30-indicator
// programme among 3,000 indicators: 54.5 ms of SQL, 1.5 ms after one ANALYZE). So the app
// refreshes them after migrations and then every hour while it runs.
//
// SQLite: `PRAGMA optimize` with 0x10000 looks at every table and re-analyzes those that were never
// analyzed or whose size changed a lot since (it does nothing when nothing changed, so it is cheap
// to run often); 0x02 with analysis_limit keeps each ANALYZE to a sample of rows, so even a large
// table costs milliseconds. PostgreSQL's autovacuum keeps its own statistics: nothing to do there.

/** How often the running app refreshes the statistics. */
export const STATISTICS_EVERY_MS = 60 * 60 * 1000;
/** Rows ANALYZE samples per index (SQLite's own recommendation for PRAGMA optimize is 100–1000). */
const ANALYSIS_LIMIT = 1000;

/** Brings the planner's statistics up to date where the tables changed since the last time. */
export async function refreshStatistics(db: Db): Promise<void> {
	if (dialectOf(db) !== 'sqlite') return;
	await sql`pragma analysis_limit = ${sql.raw(String(ANALYSIS_LIMIT))}`.execute(db);
	await sql`pragma optimize = 0x10002`.execute(db);
}

let timer: ReturnType<typeof setInterval> | undefined;

/** Refreshes the statistics now and every STATISTICS_EVERY_MS, without keeping the process alive. */
export async function keepStatisticsFresh(db: Db): Promise<void> {
	await refreshStatistics(db);
	if (timer) return;
	timer = setInterval(() => {
		refreshStatistics(db).catch((error) => console.error('refreshing the query statistics failed:', error));
	}, STATISTICS_EVERY_MS);
	timer.unref();
}
