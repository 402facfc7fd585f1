import { z } from 'zod';
import { matchesSearch } from '$lib/adoption';
import type { Locale, Programme } from '$lib/model';
import type { PartChoice } from '$lib/reports/paging';
import type { RecordKey, ReportSnapshot } from '$lib/reports/snapshot';
import type { Executor } from '../db/executor';
import { draftSnapshot } from './reports';

// What the report editor and preview send of a large draft (issue 18 §3): the part of a long
// table the reader asked for, a page of the missing translations, and the records that match a
// citation search, never the whole list (38,000 records at 3,000 indicators).

/** Records a citation search answers with at most. */
export const CITE_MATCHES = 30;
/** Missing translations listed at once in the editor. */
export const MISSING_PAGE = 50;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const noControl = (s: string) => !CONTROL.test(s);
const choiceSchema = z.object({
	table: z
		.string()
		.regex(/^[a-z0-9-]{1,120}$/)
		.nullable()
		.catch(null),
	part: z.coerce.number().int().min(1).max(1_000_000).catch(1)
});

/** `?table=…&part=…`: which part of which long table to show; anything unreadable shows first parts. */
export function partChoiceFrom(url: URL): PartChoice {
	return choiceSchema.parse({ table: url.searchParams.get('table'), part: url.searchParams.get('part') ?? 1 });
}

/** A page number from the query (`?missing=2`), 1 when absent or unreadable. */
export function pageNumberFrom(url: URL, name: string): number {
	return z.coerce
		.number()
		.int()
		.min(1)
		.max(1_000_000)
		.catch(1)
		.parse(url.searchParams.get(name) ?? 1);
}

/** A search text from the query: trimmed, at most 200 characters, no control characters ('' otherwise). */
export const searchSchema = z.string().trim().max(200).refine(noControl).catch('');

export interface Page<T> {
	items: T[];
	page: number;
	pages: number;
	total: number;
}

/** Page `page` (from 1, kept in range) of `items`. */
export function pageOf<T>(items: readonly T[], page: number, size: number): Page<T> {
	const pages = Math.max(1, Math.ceil(items.length / size));
	const n = Math.min(Math.max(1, page), pages);
	return { items: items.slice((n - 1) * size, n * size), page: n, pages, total: items.length };
}

export interface CitableRecord {
	key: RecordKey;
	label: string;
	path: string;
}

/** The records of a draft a narrative may cite, labelled in the reader's language. */
export function citableRecords(snapshot: ReportSnapshot, programme: Pick<Programme, 'contentLanguage'>, lang: Locale): CitableRecord[] {
	return Object.values(snapshot.records).map((r) => ({
		key: r.key,
		label: (lang !== programme.contentLanguage && r.label.translation) || r.label.original,
		path: r.path
	}));
}

/** The first `limit` records whose code or label holds every word of the query, and how many match. */
export function searchCitable(
	records: readonly CitableRecord[],
	query: string,
	limit = CITE_MATCHES
): { matches: CitableRecord[]; total: number } {
	const matches: CitableRecord[] = [];
	let total = 0;
	for (const r of records) {
		if (query.trim() !== '' && !matchesSearch(`${r.key} ${r.label}`, query)) continue;
		total++;
		if (matches.length < limit) matches.push(r);
	}
	return { matches, total };
}

// The citation search asks as the person types. Building the draft's snapshot again for each
// keystroke would take seconds at 3,000 indicators, so each process keeps the list the editor
// page last built for a report (and language) for a few minutes. A record added since is found
// after that, or after a reload; citing one that was removed meanwhile shows up among the
// blockers, as any stale citation does. Access is checked on every request before the cache
// is read; the key carries the programme.
const CACHE_MS = 3 * 60_000;
const CACHE_ENTRIES = 16;
const cache = new Map<string, { at: number; records: CitableRecord[] }>();
const cacheKey = (programmeId: number, reportId: number, lang: Locale) => `${programmeId}:${reportId}:${lang}`;

export function rememberCitable(programmeId: number, reportId: number, lang: Locale, records: CitableRecord[], now = Date.now()): void {
	const key = cacheKey(programmeId, reportId, lang);
	cache.delete(key);
	cache.set(key, { at: now, records });
	while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
}

/** The citable records of a draft: those the editor built a moment ago, or built now. */
export async function citableFor(
	db: Executor,
	programme: Programme,
	reportId: number,
	lang: Locale,
	origin: string,
	now = Date.now()
): Promise<CitableRecord[]> {
	const hit = cache.get(cacheKey(programme.id, reportId, lang));
	if (hit && now - hit.at < CACHE_MS) return hit.records;
	const records = citableRecords(await draftSnapshot(db, programme, reportId, origin), programme, lang);
	rememberCitable(programme.id, reportId, lang, records, now);
	return records;
}
