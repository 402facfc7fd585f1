import type { Db } from '../src/lib/server/db';

// Seed of the recommendation tracker, by programme code. Filled in by the recommendations work (issue 5).
export type RecommendationSeed = never;
export const recommendationSeeds: Record<string, RecommendationSeed[]> = {};

/** Inserts the programme's recommendations unless it already has some. */
export async function seedRecommendations(_db: Db, _programmeId: number, seeds: RecommendationSeed[]): Promise<boolean> {
	return seeds.length > 0;
}
