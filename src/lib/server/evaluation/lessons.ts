import { sql } from 'kysely';
import { z } from 'zod';
import { TRANSLATABLE_FIELDS, translationLanguage } from '$lib/content-language';
import { foldText } from '$lib/evaluation/search-text';
import {
	EVALUATION_CRITERIA,
	LESSON_FIELDS,
	LESSON_KINDS,
	LESSON_THEMES,
	PRACTICE_FIELDS,
	REQUIRED_TEMPLATE_FIELDS,
	templateFields,
	type TemplateField
} from '$lib/evaluation/model';
import type { Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { recordAudit } from '../core/audit';
import { ConflictError, DomainValidationError, ForbiddenTransitionError, NotFoundError, type FieldErrors } from '../core/errors';
import { ownedIds } from '../core/links';
import { saveTranslations } from '../core/translations';
import { enumField, idListField, optionalMultilineText, text, translationText, versionField } from '../core/validation';
import { assertSaved } from '../core/versioning';
import { inTransaction, type Executor } from '../db/executor';
import type { LessonTable } from '../db/schema';
import { ownedRecommendationIds } from '../recommendations/choices';
import { writeLessonWords } from './search-words';

// Lessons learned and emerging good practices (issue 24): recorded by coordinators and evaluators
// at any time in the ILO EVAL templates' fields, linked to modules, outputs, recommendations and
// the indicators whose approved values are their evidence; a draft until an evaluator validates
// it. Every write refreshes the entry's folded search text (both languages) and its indexed words in
// its transaction.

export const TEMPLATE_MAX = 4000;
export const TITLE_MAX = 300;

/** Template field → column. */
export const TEMPLATE_COLUMNS = {
	context: 'context',
	challenges: 'challenges',
	causalFactors: 'causal_factors',
	targetedUsers: 'targeted_users',
	success: 'success',
	administrativeIssues: 'administrative_issues',
	summary: 'summary',
	conditions: 'conditions',
	causeEffect: 'cause_effect',
	impact: 'impact',
	replication: 'replication',
	pbLink: 'pb_link'
} as const satisfies Record<TemplateField, keyof LessonTable>;

const ALL_TEMPLATE_FIELDS = [...LESSON_FIELDS, ...PRACTICE_FIELDS] as const;

const templateShape = Object.fromEntries(ALL_TEMPLATE_FIELDS.map((f) => [f, optionalMultilineText(TEMPLATE_MAX)])) as Record<
	TemplateField,
	ReturnType<typeof optionalMultilineText>
>;
const translationShape = Object.fromEntries(
	ALL_TEMPLATE_FIELDS.map((f) => [`${f}Translation`, translationText(TEMPLATE_MAX, true)])
) as Record<`${TemplateField}Translation`, ReturnType<typeof translationText>>;

const lessonFields = {
	kind: enumField(LESSON_KINDS),
	theme: enumField(LESSON_THEMES),
	criterion: z.preprocess((v) => (v === '' ? undefined : v), enumField(EVALUATION_CRITERIA).optional()).transform((v) => v ?? null),
	title: text(TITLE_MAX),
	...templateShape,
	moduleIds: idListField(100),
	outputIds: idListField(200),
	recommendationIds: idListField(200),
	indicatorIds: idListField(200),
	titleTranslation: translationText(TITLE_MAX),
	...translationShape
};

export const lessonCreateSchema = z.object(lessonFields);
export const lessonEditSchema = z.object({ ...lessonFields, version: versionField() });
export const lessonValidateSchema = z.object({ version: versionField() });
export type LessonInput = z.output<typeof lessonCreateSchema>;

/** The links of a lesson and their tables. */
const LINKS = [
	{ table: 'lesson_module', column: 'module_id', field: 'moduleIds' },
	{ table: 'lesson_output', column: 'output_id', field: 'outputIds' },
	{ table: 'lesson_recommendation', column: 'recommendation_id', field: 'recommendationIds' },
	{ table: 'lesson_indicator', column: 'indicator_id', field: 'indicatorIds' }
] as const;
type LinkField = (typeof LINKS)[number]['field'];

function columnsOf(input: LessonInput) {
	const own = new Set<TemplateField>(templateFields(input.kind));
	// Only the fields of the entry's own template are kept: a lesson switched to a practice does not
	// carry the lesson's texts along unseen.
	const texts = Object.fromEntries(ALL_TEMPLATE_FIELDS.map((f) => [TEMPLATE_COLUMNS[f], own.has(f) ? input[f] : ''])) as Record<
		(typeof TEMPLATE_COLUMNS)[TemplateField],
		string
	>;
	return { kind: input.kind, theme: input.theme, criterion: input.criterion, title: input.title, ...texts };
}

function translationsOf(input: LessonInput): Record<string, string | undefined> {
	const own = new Set<TemplateField>(templateFields(input.kind));
	const texts: Record<string, string | undefined> = { title: input.titleTranslation };
	for (const f of ALL_TEMPLATE_FIELDS)
		texts[f] = own.has(f) ? input[`${f}Translation`] : input[`${f}Translation`] === undefined ? undefined : '';
	return texts;
}

/** Empty required template fields, and links to records of another programme, refused by field. */
async function check(db: Executor, programmeId: number, input: LessonInput): Promise<void> {
	const errors: FieldErrors = {};
	for (const f of REQUIRED_TEMPLATE_FIELDS[input.kind]) if (input[f].trim() === '') errors[f] = { key: 'validation.required' };
	const [modules, outputs, indicators, recommendations] = await Promise.all([
		ownedIds(db, programmeId, 'module', input.moduleIds),
		ownedIds(db, programmeId, 'output', input.outputIds),
		ownedIds(db, programmeId, 'indicator', input.indicatorIds),
		ownedRecommendationIds(db, programmeId, input.recommendationIds)
	]);
	const owned: Record<LinkField, Set<number>> = {
		moduleIds: modules,
		outputIds: outputs,
		indicatorIds: indicators,
		recommendationIds: recommendations
	};
	for (const { field } of LINKS) if (input[field].some((id) => !owned[field].has(id))) errors[field] = { key: 'validation.unknownRecord' };
	if (Object.keys(errors).length) throw new DomainValidationError(errors);
}

async function replaceLessonLinks(db: Executor, lessonId: number, input: Pick<LessonInput, LinkField>): Promise<Record<LinkField, string>> {
	const before = {} as Record<LinkField, string>;
	for (const { table, column, field } of LINKS) {
		const rows = (await db
			.selectFrom(table)
			.select(`${column} as id` as 'module_id')
			.where('lesson_id', '=', lessonId)
			.execute()) as unknown as { id: number }[];
		before[field] = rows
			.map((r) => r.id)
			.sort((a, b) => a - b)
			.join(',');
		await db.deleteFrom(table).where('lesson_id', '=', lessonId).execute();
		const ids = input[field];
		if (ids.length) {
			await db
				.insertInto(table)
				.values(ids.map((id) => ({ lesson_id: lessonId, [column]: id }) as never))
				.execute();
		}
	}
	return before;
}

/** Rewrites the entry's folded search text from its columns and its translations (both languages). */
export async function refreshSearchText(db: Executor, lessonId: number): Promise<void> {
	const row = await db.selectFrom('lesson').selectAll().where('id', '=', lessonId).executeTakeFirstOrThrow();
	const translated = await db
		.selectFrom('translation')
		.select('text')
		.where('entity', '=', 'lesson')
		.where('entity_id', '=', lessonId)
		.orderBy('field')
		.orderBy('locale')
		.execute();
	const parts = [row.title, ...ALL_TEMPLATE_FIELDS.map((f) => row[TEMPLATE_COLUMNS[f]]), ...translated.map((t) => t.text)];
	const searchText = foldText(parts.filter((p) => p !== '').join(' '));
	await db.updateTable('lesson').set({ search_text: searchText }).where('id', '=', lessonId).execute();
	await writeLessonWords(db, lessonId, searchText);
}

export async function lessonRowIn(db: Executor, programmeId: number, id: number) {
	const row = await db.selectFrom('lesson').selectAll().where('id', '=', id).where('programme_id', '=', programmeId).executeTakeFirst();
	if (!row) throw new NotFoundError('lesson', id);
	return row;
}

export async function createLesson(db: Executor, actor: Actor, programme: Programme, input: LessonInput): Promise<number> {
	return inTransaction(db, async (trx) => {
		await check(trx, programme.id, input);
		const { id } = await trx
			.insertInto('lesson')
			.values({ programme_id: programme.id, ...columnsOf(input), created_by: actor.id })
			.returning('id')
			.executeTakeFirstOrThrow();
		await replaceLessonLinks(trx, id, input);
		await saveTranslations(
			trx,
			actor,
			{ programmeId: programme.id, entity: 'lesson', entityId: id, locale: translationLanguage(programme) },
			translationsOf(input)
		);
		await refreshSearchText(trx, id);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'lesson',
			entityId: id,
			action: 'create',
			after: { ...columnsOf(input), status: 'draft', ...linkText(input) }
		});
		return id;
	});
}

const linkText = (input: Pick<LessonInput, LinkField>) =>
	Object.fromEntries(LINKS.map(({ field }) => [field, input[field].join(',')])) as Record<LinkField, string>;

/**
 * Saves an edit. A validated entry that changes goes back to draft: what others read was
 * validated as it stood, so a new text needs an evaluator's eyes again.
 */
export async function updateLesson(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: LessonInput
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = await lessonRowIn(trx, programme.id, id);
		await check(trx, programme.id, input);
		const columns = columnsOf(input);
		const changedColumns = (Object.keys(columns) as (keyof typeof columns)[]).filter((k) => before[k] !== columns[k]);
		const linksBefore = await replaceLessonLinks(trx, id, input);
		const linksNow = linkText(input);
		const changedLinks = LINKS.map((l) => l.field).filter((f) => linksBefore[f] !== linksNow[f]);
		// Translations are written first so that a change to them alone also reopens the entry; a stale
		// version still rolls the whole transaction back below.
		const changedTranslations = await saveTranslations(
			trx,
			actor,
			{ programmeId: programme.id, entity: 'lesson', entityId: id, locale: translationLanguage(programme) },
			translationsOf(input)
		);
		const reopen = before.status === 'validated' && changedColumns.length + changedLinks.length + changedTranslations.length > 0;
		const result = await trx
			.updateTable('lesson')
			.set({
				...columns,
				...(reopen ? { status: 'draft' as const, validated_by: null, validated_at: null } : {}),
				updated_at: new Date().toISOString(),
				version: sql`version + 1`
			})
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'lesson', id);
		await refreshSearchText(trx, id);
		if (changedColumns.length || changedLinks.length || reopen) {
			await recordAudit(trx, {
				userId: actor.id,
				programmeId: programme.id,
				entity: 'lesson',
				entityId: id,
				action: 'update',
				before: {
					...Object.fromEntries(changedColumns.map((k) => [k, before[k]])),
					...Object.fromEntries(changedLinks.map((f) => [f, linksBefore[f]])),
					...(reopen ? { status: 'validated' } : {})
				},
				after: {
					...Object.fromEntries(changedColumns.map((k) => [k, columns[k]])),
					...Object.fromEntries(changedLinks.map((f) => [f, linksNow[f]])),
					...(reopen ? { status: 'draft' } : {})
				}
			});
		}
	});
}

/** An evaluator validates a draft: from then on the programme's donors read it, and it is found by search. */
export async function validateLesson(db: Executor, actor: Actor, programme: Programme, id: number, version: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = await lessonRowIn(trx, programme.id, id);
		if (before.version !== version) throw new ConflictError('lesson', id);
		if (before.status === 'validated') throw new ForbiddenTransitionError('evaluation.alreadyValidated');
		const at = new Date().toISOString();
		const result = await trx
			.updateTable('lesson')
			.set({ status: 'validated', validated_by: actor.id, validated_at: at, updated_at: at, version: sql`version + 1` })
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'lesson', id);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'lesson',
			entityId: id,
			action: 'validate',
			before: { status: 'draft' },
			after: { status: 'validated' }
		});
	});
}

/** The translatable fields of a lesson, for the edit form. */
export const LESSON_TRANSLATABLE = TRANSLATABLE_FIELDS.lesson;
