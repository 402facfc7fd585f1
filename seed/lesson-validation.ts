import type { Db } from '../src/lib/server/db/connection';
import { recordAudit } from '../src/lib/server/core/audit';
import { validateLesson } from '../src/lib/server/evaluation/lessons';
import { getProgrammeBySlug } from '../src/lib/server/programmes/programmes';

// The demo's seeded lessons and good practices are validated through the real function, by the
// demo evaluator (as approveSeededValues does for values): every entry then names who validated
// it, on its page, in the report's records-cited annex and in the i-eval export. The seed loads
// them as validated with no validator (no person exists yet when programmes are seeded); here each
// goes back to draft and validateLesson() validates it (audit row, validator). Its validation date
// stays the seed's, the day the evaluation validated it, so a report with an earlier cut-off does
// not print it. Only for the demo and only for entries with no validator: idempotent.

export const DEMO_EVALUATOR = 'evaluator@avance.test';

export async function validateSeededLessons(db: Db): Promise<number> {
	const evaluator = await db.selectFrom('user').select('id').where('email', '=', DEMO_EVALUATOR).executeTakeFirst();
	if (!evaluator) return 0;
	const rows = await db
		.selectFrom('lesson')
		.innerJoin('programme', 'programme.id', 'lesson.programme_id')
		.select(['lesson.id', 'lesson.programme_id', 'lesson.validated_at', 'programme.slug'])
		.where('lesson.status', '=', 'validated')
		.where('lesson.validated_by', 'is', null)
		.orderBy('lesson.id')
		.execute();
	for (const row of rows) {
		const programme = await getProgrammeBySlug(db, row.slug);
		if (!programme) continue;
		const version = await db.transaction().execute(async (trx) => {
			const back = await trx
				.updateTable('lesson')
				.set({ status: 'draft', validated_at: null })
				.where('id', '=', row.id)
				.returning('version')
				.executeTakeFirstOrThrow();
			await recordAudit(trx, {
				userId: null,
				programmeId: row.programme_id,
				entity: 'lesson',
				entityId: row.id,
				action: 'update',
				before: { status: 'validated' },
				after: { status: 'draft' },
				reason: 'seed'
			});
			return back.version;
		});
		await validateLesson(db, evaluator, programme, row.id, version);
		if (row.validated_at) await db.updateTable('lesson').set({ validated_at: row.validated_at }).where('id', '=', row.id).execute();
	}
	return rows.length;
}
