import type { Db } from '../src/lib/server/db';
import { seedDemoAccounts } from './demo-accounts';
import { seedIndicators, seedProgramme } from './load';
import { ecuadorEu } from './programmes/ecuador-eu';
import { elSalvador } from './programmes/el-salvador';
import { patss } from './programmes/patss';
import { peruEu } from './programmes/peru-eu';

export const PROGRAMME_SEEDS = [patss, ecuadorEu, peruEu, elSalvador];

export interface SeedReport {
	created: string[];
	skipped: string[];
}

/** Loads the real programmes (idempotent) and, for the demo only, the demo accounts. */
export async function seedDatabase(db: Db, options: { demoAccounts: boolean }): Promise<SeedReport> {
	const report: SeedReport = { created: [], skipped: [] };
	for (const seed of PROGRAMME_SEEDS) {
		const { id, created } = await seedProgramme(db, seed);
		const indicatorsAdded = await seedIndicators(db, id, seed.indicators ?? []);
		(created || indicatorsAdded ? report.created : report.skipped).push(seed.programme.code);
	}
	if (options.demoAccounts) await seedDemoAccounts(db);
	return report;
}
