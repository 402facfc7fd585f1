import { z } from 'zod';
import type { Programme } from '$lib/model';
import { recordAudit } from '../core/audit';
import { type Executor, inTransaction } from '../db/executor';
import { recommendationIn } from './recommendations';
import { multilineText } from '../core/validation';

// Internal comments on a recommendation: coordinators and evaluators discuss; donors never see them.

export interface RecommendationComment {
	id: number;
	authorName: string | null;
	body: string;
	createdAt: string;
}

export const commentSchema = z.object({ body: multilineText(4000) });

export async function addRecommendationComment(
	db: Executor,
	actor: { id: number },
	programme: Programme,
	recommendationId: number,
	body: string
): Promise<number> {
	return inTransaction(db, async (trx) => {
		await recommendationIn(trx, programme.id, recommendationId);
		const { id } = await trx
			.insertInto('recommendation_comment')
			.values({ recommendation_id: recommendationId, author_id: actor.id, body })
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'recommendation_comment',
			entityId: id,
			action: 'create',
			after: { recommendationId, body }
		});
		return id;
	});
}

export async function listRecommendationComments(db: Executor, recommendationId: number): Promise<RecommendationComment[]> {
	const rows = await db
		.selectFrom('recommendation_comment')
		.leftJoin('user', 'user.id', 'recommendation_comment.author_id')
		.select(['recommendation_comment.id', 'user.name', 'recommendation_comment.body', 'recommendation_comment.created_at'])
		.where('recommendation_comment.recommendation_id', '=', recommendationId)
		.orderBy('recommendation_comment.created_at')
		.orderBy('recommendation_comment.id')
		.execute();
	return rows.map((r) => ({ id: r.id, authorName: r.name, body: r.body, createdAt: r.created_at }));
}
