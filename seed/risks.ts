import type { Db } from '../src/lib/server/db';

// Seed of the risks-and-assumptions matrix, by programme code. Filled in by the risks work (issue 4).
export type RiskSeed = never;
export const riskSeeds: Record<string, RiskSeed[]> = {};

/** Inserts the programme's risks unless it already has some. Returns true when it inserted any. */
export async function seedRisks(_db: Db, _programmeId: number, seeds: RiskSeed[]): Promise<boolean> {
	return seeds.length > 0;
}
