import type { Db } from '../src/lib/server/db';

// Seed of the gender-strategy actions, by programme code. Filled in by the gender work (issue 4).
export type GenderActionSeed = never;
export const genderSeeds: Record<string, GenderActionSeed[]> = {};

/** Inserts the programme's gender actions unless it already has some. */
export async function seedGenderActions(_db: Db, _programmeId: number, seeds: GenderActionSeed[]): Promise<boolean> {
	return seeds.length > 0;
}
