import type { Executor } from '../db/executor';

// Recommendations as other domains' forms link to them (lessons, evaluation-matrix questions):
// a short list for the form, and the ownership check of posted ids.

export interface RecommendationChoice {
	id: number;
	code: string;
	text: string;
}

/** The programme's recommendations, by code. */
export async function listRecommendationChoices(db: Executor, programmeId: number): Promise<RecommendationChoice[]> {
	const rows = await db
		.selectFrom('recommendation')
		.select(['id', 'code', 'text'])
		.where('programme_id', '=', programmeId)
		.orderBy('code')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ id: r.id, code: r.code, text: r.text }));
}

/** The ids among `ids` that are recommendations of the programme. */
export async function ownedRecommendationIds(db: Executor, programmeId: number, ids: readonly number[]): Promise<Set<number>> {
	if (ids.length === 0) return new Set();
	const rows = await db
		.selectFrom('recommendation')
		.select('id')
		.where('programme_id', '=', programmeId)
		.where('id', 'in', [...ids])
		.execute();
	return new Set(rows.map((r) => r.id));
}
