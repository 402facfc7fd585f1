import { z } from 'zod';
import {
	EVALUATION_CRITERIA,
	LESSON_KINDS,
	LESSON_THEMES,
	type EvaluationCriterion,
	type LessonKind,
	type LessonTheme
} from '$lib/evaluation/model';
import { MAX_QUERY_LENGTH, searchTerms } from '$lib/evaluation/search-text';
import type { Locale } from '$lib/model';
import type { Executor } from '../db/executor';
import { entriesWithWordStartingWith } from './search-words';

// The search across programmes (issue 24): everyone reads the validated lessons and good practices
// of the programmes they belong to, an admin those of every programme. One statement for the
// entries (every folded term must start a word of the entry's folded text, in either language,
// found through the indexed word table of search-words.ts), one for the titles in the reader's
// language, whatever the number of entries. Terms are bound
// parameters: whatever a user types never reaches SQL as syntax.

const optionalEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
	z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(values).optional()).catch(undefined);

/** The filters as they arrive in the address; an unknown value is ignored rather than refused. */
export const searchQuerySchema = z.object({
	// A search longer than the limit is cut, as its terms are, and the box shows what was searched:
	// dropping it would silently list every entry.
	q: z
		.string()
		.catch('')
		.default('')
		.transform((q) => q.slice(0, MAX_QUERY_LENGTH)),
	kind: optionalEnum(LESSON_KINDS),
	theme: optionalEnum(LESSON_THEMES),
	criterion: optionalEnum(EVALUATION_CRITERIA),
	programme: z.preprocess((v) => (v === '' || v === null ? undefined : Number(v)), z.number().int().positive().optional()).catch(undefined),
	country: z.string().max(100).catch('').default('')
});
export type SearchQuery = z.output<typeof searchQuerySchema>;

export function parseSearchQuery(params: URLSearchParams): SearchQuery {
	return searchQuerySchema.parse(
		Object.fromEntries(['q', 'kind', 'theme', 'criterion', 'programme', 'country'].map((k) => [k, params.get(k) ?? undefined]))
	);
}

/** Who searches: an admin reads every programme, anyone else the programmes they belong to. */
export interface SearchScope {
	isAdmin: boolean;
	programmeIds: readonly number[];
}

export interface SearchHit {
	id: number;
	kind: LessonKind;
	theme: LessonTheme;
	criterion: EvaluationCriterion | null;
	title: string;
	/** The title's language (the programme's content language when not translated). */
	titleLang: Locale;
	programme: { id: number; slug: string; shortName: string; country: string };
	validatedAt: string | null;
}

export const SEARCH_LIMIT = 50;

export async function searchLessons(
	db: Executor,
	scope: SearchScope,
	query: SearchQuery,
	locale: Locale
): Promise<{ hits: SearchHit[]; more: boolean; terms: string[] }> {
	const terms = searchTerms(query.q);
	if (!scope.isAdmin && scope.programmeIds.length === 0) return { hits: [], more: false, terms };
	let q = db
		.selectFrom('lesson')
		.innerJoin('programme', 'programme.id', 'lesson.programme_id')
		.select([
			'lesson.id',
			'lesson.kind',
			'lesson.theme',
			'lesson.criterion',
			'lesson.title',
			'lesson.validated_at',
			'programme.id as programme_id',
			'programme.slug',
			'programme.short_name',
			'programme.country',
			'programme.content_language'
		])
		.where('lesson.status', '=', 'validated');
	if (!scope.isAdmin) q = q.where('lesson.programme_id', 'in', [...scope.programmeIds]);
	if (query.kind) q = q.where('lesson.kind', '=', query.kind);
	if (query.theme) q = q.where('lesson.theme', '=', query.theme);
	if (query.criterion) q = q.where('lesson.criterion', '=', query.criterion);
	if (query.programme) q = q.where('lesson.programme_id', '=', query.programme);
	if (query.country) q = q.where('programme.country', '=', query.country);
	for (const term of terms) q = q.where('lesson.id', 'in', entriesWithWordStartingWith(db, term));
	const rows = await q
		.orderBy('lesson.validated_at', 'desc')
		.orderBy('lesson.id', 'desc')
		.limit(SEARCH_LIMIT + 1)
		.execute();
	const page = rows.slice(0, SEARCH_LIMIT);
	const wanted = page.filter((r) => r.content_language !== locale).map((r) => r.id);
	const titles = wanted.length
		? await db
				.selectFrom('translation')
				.select(['entity_id', 'text'])
				.where('entity', '=', 'lesson')
				.where('field', '=', 'title')
				.where('locale', '=', locale)
				.where('entity_id', 'in', wanted)
				.execute()
		: [];
	const translated = new Map(titles.map((t) => [t.entity_id, t.text]));
	return {
		terms,
		more: rows.length > SEARCH_LIMIT,
		hits: page.map((r) => {
			const title = r.content_language === locale ? undefined : translated.get(r.id);
			return {
				id: r.id,
				kind: r.kind,
				theme: r.theme as LessonTheme,
				criterion: r.criterion as EvaluationCriterion | null,
				title: title ?? r.title,
				titleLang: title ? locale : (r.content_language as Locale),
				programme: { id: r.programme_id, slug: r.slug, shortName: r.short_name, country: r.country },
				validatedAt: r.validated_at
			};
		})
	};
}
