import { sql } from 'kysely';
import { z } from 'zod';
import { EVALUATION_CRITERIA, EVALUATION_METHODS } from '$lib/evaluation/model';
import type { Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { recordAudit } from '../core/audit';
import { ConflictError, DomainValidationError, ForbiddenTransitionError, NotFoundError, type FieldErrors } from '../core/errors';
import { ownedIds } from '../core/links';
import { saveTranslations } from '../core/translations';
import { enumField, idField, idListField, multilineText, optionalMultilineText, translationText, versionField } from '../core/validation';
import { assertSaved } from '../core/versioning';
import { inTransaction, type Executor } from '../db/executor';
import { ownedRecommendationIds } from '../recommendations/choices';
import { translationLanguage } from '$lib/content-language';

// The evaluation matrix of a report (issue 24; the ILO inception report's matrix of evaluation
// questions and data sources): questions tagged with a criterion or an ILO driver, judgement
// criteria, the indicators and recommendations that answer them, sources and methods. Only the
// evaluator writes it, and only while the report is a draft. The caller has loaded the report
// through the reports domain (which checked it belongs to the programme) and passes it here.
// The question, its judgement criteria and its sources are content like any other: written in the
// programme's content language, with their version in the other language kept as translations
// (entity `evaluation_question`), saved in the question's own transaction.

/** The report a matrix belongs to, as the reports domain read it. */
export interface MatrixReport {
	id: number;
	status: 'draft' | 'issued';
	windowStart: string;
	cutOff: string;
}

const methodList = z
	.preprocess(
		(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
		z.array(enumField(EVALUATION_METHODS)).max(EVALUATION_METHODS.length)
	)
	.transform((list) => EVALUATION_METHODS.filter((m) => list.includes(m)));

const questionFields = {
	criterion: enumField(EVALUATION_CRITERIA),
	question: multilineText(1000),
	judgementCriteria: optionalMultilineText(2000),
	sources: optionalMultilineText(2000),
	methods: methodList,
	indicatorIds: idListField(100),
	recommendationIds: idListField(100),
	questionTranslation: translationText(1000, true),
	judgementCriteriaTranslation: translationText(2000, true),
	sourcesTranslation: translationText(2000, true)
};
export const questionCreateSchema = z.object(questionFields);
export const questionEditSchema = z.object({ ...questionFields, questionId: idField(), version: versionField() });
export const questionDeleteSchema = z.object({ questionId: idField(), version: versionField() });
export type QuestionInput = z.output<typeof questionCreateSchema>;

/** The question's texts in the other language (a field not sent is left as it is; an empty one removes it). */
const translationsOf = (input: QuestionInput) => ({
	question: input.questionTranslation,
	judgementCriteria: input.judgementCriteriaTranslation,
	sources: input.sourcesTranslation
});

function writable(report: MatrixReport) {
	if (report.status !== 'draft') throw new ForbiddenTransitionError('evaluation.matrixIssued');
}

async function check(db: Executor, programmeId: number, input: QuestionInput) {
	const [indicators, recommendations] = await Promise.all([
		ownedIds(db, programmeId, 'indicator', input.indicatorIds),
		ownedRecommendationIds(db, programmeId, input.recommendationIds)
	]);
	const errors: FieldErrors = {};
	if (input.indicatorIds.some((id) => !indicators.has(id))) errors.indicatorIds = { key: 'validation.unknownRecord' };
	if (input.recommendationIds.some((id) => !recommendations.has(id))) errors.recommendationIds = { key: 'validation.unknownRecord' };
	if (Object.keys(errors).length) throw new DomainValidationError(errors);
}

const columns = (input: QuestionInput) => ({
	criterion: input.criterion,
	question: input.question,
	judgement_criteria: input.judgementCriteria,
	sources: input.sources,
	methods: input.methods.join(',')
});

async function linkIds(db: Executor, questionId: number) {
	const [indicators, recommendations] = await Promise.all([
		db
			.selectFrom('evaluation_question_indicator')
			.select('indicator_id as id')
			.where('question_id', '=', questionId)
			.orderBy('indicator_id')
			.execute(),
		db
			.selectFrom('evaluation_question_recommendation')
			.select('recommendation_id as id')
			.where('question_id', '=', questionId)
			.orderBy('recommendation_id')
			.execute()
	]);
	return { indicatorIds: indicators.map((r) => r.id).join(','), recommendationIds: recommendations.map((r) => r.id).join(',') };
}

async function writeLinks(db: Executor, questionId: number, input: QuestionInput) {
	await db.deleteFrom('evaluation_question_indicator').where('question_id', '=', questionId).execute();
	await db.deleteFrom('evaluation_question_recommendation').where('question_id', '=', questionId).execute();
	if (input.indicatorIds.length)
		await db
			.insertInto('evaluation_question_indicator')
			.values(input.indicatorIds.map((indicator_id) => ({ question_id: questionId, indicator_id })))
			.execute();
	if (input.recommendationIds.length)
		await db
			.insertInto('evaluation_question_recommendation')
			.values(input.recommendationIds.map((recommendation_id) => ({ question_id: questionId, recommendation_id })))
			.execute();
}

export async function addQuestion(
	db: Executor,
	actor: Actor,
	programme: Programme,
	report: MatrixReport,
	input: QuestionInput
): Promise<number> {
	writable(report);
	return inTransaction(db, async (trx) => {
		await check(trx, programme.id, input);
		const last = await trx
			.selectFrom('evaluation_question')
			.select((eb) => eb.fn.max('sort_order').as('max'))
			.where('report_id', '=', report.id)
			.executeTakeFirst();
		const { id } = await trx
			.insertInto('evaluation_question')
			.values({ report_id: report.id, ...columns(input), sort_order: Number(last?.max ?? 0) + 1, created_by: actor.id })
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeLinks(trx, id, input);
		await saveTranslations(
			trx,
			actor,
			{ programmeId: programme.id, entity: 'evaluation_question', entityId: id, locale: translationLanguage(programme) },
			translationsOf(input)
		);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'evaluation_question',
			entityId: id,
			action: 'create',
			after: { ...columns(input), indicatorIds: input.indicatorIds.join(','), recommendationIds: input.recommendationIds.join(',') }
		});
		return id;
	});
}

async function questionIn(db: Executor, reportId: number, id: number) {
	const row = await db
		.selectFrom('evaluation_question')
		.selectAll()
		.where('id', '=', id)
		.where('report_id', '=', reportId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('evaluation_question', id);
	return row;
}

export async function updateQuestion(
	db: Executor,
	actor: Actor,
	programme: Programme,
	report: MatrixReport,
	id: number,
	version: number,
	input: QuestionInput
): Promise<void> {
	writable(report);
	await inTransaction(db, async (trx) => {
		const before = await questionIn(trx, report.id, id);
		await check(trx, programme.id, input);
		const linksBefore = await linkIds(trx, id);
		const result = await trx
			.updateTable('evaluation_question')
			.set({ ...columns(input), updated_at: new Date().toISOString(), version: sql`version + 1` })
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'evaluation_question', id);
		await writeLinks(trx, id, input);
		await saveTranslations(
			trx,
			actor,
			{ programmeId: programme.id, entity: 'evaluation_question', entityId: id, locale: translationLanguage(programme) },
			translationsOf(input)
		);
		const old: Record<string, unknown> = { ...before, ...linksBefore };
		const now: Record<string, unknown> = {
			...columns(input),
			indicatorIds: input.indicatorIds.join(','),
			recommendationIds: input.recommendationIds.join(',')
		};
		const changed = Object.keys(now).filter((k) => old[k] !== now[k]);
		if (changed.length)
			await recordAudit(trx, {
				userId: actor.id,
				programmeId: programme.id,
				entity: 'evaluation_question',
				entityId: id,
				action: 'update',
				before: Object.fromEntries(changed.map((k) => [k, old[k]])),
				after: Object.fromEntries(changed.map((k) => [k, now[k]]))
			});
	});
}

export async function deleteQuestion(
	db: Executor,
	actor: Actor,
	programme: Programme,
	report: MatrixReport,
	id: number,
	version: number
): Promise<void> {
	writable(report);
	await inTransaction(db, async (trx) => {
		const before = await questionIn(trx, report.id, id);
		const result = await trx.deleteFrom('evaluation_question').where('id', '=', id).where('version', '=', version).executeTakeFirst();
		if (Number(result.numDeletedRows) === 0) throw new ConflictError('evaluation_question', id);
		// Its translations go with it (the translation table is shared by every kind of record, so the
		// database cannot cascade them).
		await trx.deleteFrom('translation').where('entity', '=', 'evaluation_question').where('entity_id', '=', id).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'evaluation_question',
			entityId: id,
			action: 'delete',
			before: { criterion: before.criterion, question: before.question }
		});
	});
}
