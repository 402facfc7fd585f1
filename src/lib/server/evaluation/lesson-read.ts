import { translationKey, translationLanguage } from '$lib/content-language';
import {
	ALL_TEMPLATE_FIELD_LIST,
	type EvaluationCriterion,
	type LessonKind,
	type LessonStatus,
	type LessonTheme,
	type TemplateField
} from '$lib/evaluation/model';
import type { Locale, Programme } from '$lib/model';
import { NotFoundError } from '../core/errors';
import { loadTranslations } from '../core/translations';
import type { Viewer } from '../core/viewer';
import type { Executor } from '../db/executor';
import type { LessonTable } from '../db/schema';
import type { Selectable } from 'kysely';
import { TEMPLATE_COLUMNS } from './lessons';

// The registry of one programme as its members read it: the team (coordinators, evaluators) sees
// drafts too; a donor reads validated entries only, and a draft's address answers 404 to them.

export interface LessonEntry {
	id: number;
	programmeId: number;
	kind: LessonKind;
	status: LessonStatus;
	theme: LessonTheme;
	criterion: EvaluationCriterion | null;
	title: string;
	fields: Record<TemplateField, string>;
	createdBy: string | null;
	validatedBy: string | null;
	validatedAt: string | null;
	updatedAt: string;
	version: number;
}

export interface LinkedRecord {
	id: number;
	code: string;
	title: string;
}

export interface LessonDetail extends LessonEntry {
	modules: LinkedRecord[];
	outputs: LinkedRecord[];
	recommendations: LinkedRecord[];
	indicators: LinkedRecord[];
	/** The texts in the other language, by field ('' when none), for the edit form and the reader. */
	translations: Record<string, string>;
}

type LessonRow = Selectable<LessonTable> & { author_name?: string | null; validator_name?: string | null };

export function toLessonEntry(r: LessonRow): LessonEntry {
	return {
		id: r.id,
		programmeId: r.programme_id,
		kind: r.kind,
		status: r.status,
		theme: r.theme as LessonTheme,
		criterion: r.criterion as EvaluationCriterion | null,
		title: r.title,
		fields: Object.fromEntries(ALL_TEMPLATE_FIELD_LIST.map((f) => [f, r[TEMPLATE_COLUMNS[f]]])) as Record<TemplateField, string>,
		createdBy: r.author_name ?? null,
		validatedBy: r.validator_name ?? null,
		validatedAt: r.validated_at,
		updatedAt: r.updated_at,
		version: r.version
	};
}

function baseQuery(db: Executor, programmeId: number, viewer: Pick<Viewer, 'internal'>) {
	return db
		.selectFrom('lesson')
		.leftJoin('user as author', 'author.id', 'lesson.created_by')
		.leftJoin('user as validator', 'validator.id', 'lesson.validated_by')
		.selectAll('lesson')
		.select(['author.name as author_name', 'validator.name as validator_name'])
		.where('lesson.programme_id', '=', programmeId)
		.$if(!viewer.internal, (q) => q.where('lesson.status', '=', 'validated'));
}

/** The programme's entries the viewer may read, texts in `locale` where translated; drafts first, then newest. */
export async function listLessons(
	db: Executor,
	programme: Programme,
	viewer: Pick<Viewer, 'internal'>,
	locale: Locale
): Promise<LessonEntry[]> {
	const [rows, translations] = await Promise.all([
		baseQuery(db, programme.id, viewer)
			.orderBy('lesson.status')
			.orderBy('lesson.updated_at', 'desc')
			.orderBy('lesson.id', 'desc')
			.execute(),
		locale === programme.contentLanguage ? Promise.resolve(new Map<string, string>()) : loadTranslations(db, programme.id, locale)
	]);
	return rows.map((r) => {
		const entry = toLessonEntry(r);
		const title = translations.get(translationKey('lesson', r.id, 'title'));
		return title ? { ...entry, title } : entry;
	});
}

/** One entry with its links and its translations; a donor asking for a draft gets NotFound. */
export async function getLesson(db: Executor, programme: Programme, viewer: Pick<Viewer, 'internal'>, id: number): Promise<LessonDetail> {
	const other = translationLanguage(programme);
	const [row, modules, outputs, recommendations, indicators, translated] = await Promise.all([
		baseQuery(db, programme.id, viewer).where('lesson.id', '=', id).executeTakeFirst(),
		db
			.selectFrom('lesson_module')
			.innerJoin('module', 'module.id', 'lesson_module.module_id')
			.select(['module.id', 'module.code', 'module.title'])
			.where('lesson_module.lesson_id', '=', id)
			.orderBy('module.sort_order')
			.execute(),
		db
			.selectFrom('lesson_output')
			.innerJoin('output', 'output.id', 'lesson_output.output_id')
			.select(['output.id', 'output.code', 'output.title'])
			.where('lesson_output.lesson_id', '=', id)
			.orderBy('output.code')
			.execute(),
		db
			.selectFrom('lesson_recommendation')
			.innerJoin('recommendation', 'recommendation.id', 'lesson_recommendation.recommendation_id')
			.select(['recommendation.id', 'recommendation.code', 'recommendation.text as title'])
			.where('lesson_recommendation.lesson_id', '=', id)
			.orderBy('recommendation.code')
			.execute(),
		db
			.selectFrom('lesson_indicator')
			.innerJoin('indicator', 'indicator.id', 'lesson_indicator.indicator_id')
			.select(['indicator.id', 'indicator.code', 'indicator.title'])
			.where('lesson_indicator.lesson_id', '=', id)
			.orderBy('indicator.sort_order')
			.execute(),
		db
			.selectFrom('translation')
			.select(['field', 'text'])
			.where('entity', '=', 'lesson')
			.where('entity_id', '=', id)
			.where('locale', '=', other)
			.execute()
	]);
	if (!row) throw new NotFoundError('lesson', id);
	return {
		...toLessonEntry(row),
		modules,
		outputs,
		recommendations,
		indicators,
		translations: Object.fromEntries(translated.map((t) => [t.field, t.text]))
	};
}

/**
 * Of the ids, those of this programme's entries still in draft: a report cites validated entries
 * only, and the editor tells a draft apart from a record that does not exist.
 */
export async function draftLessonIds(db: Executor, programmeId: number, ids: readonly number[]): Promise<Set<number>> {
	if (ids.length === 0) return new Set();
	const rows = await db
		.selectFrom('lesson')
		.select('id')
		.where('programme_id', '=', programmeId)
		.where('status', '=', 'draft')
		.where('id', 'in', [...ids])
		.execute();
	return new Set(rows.map((r) => r.id));
}
