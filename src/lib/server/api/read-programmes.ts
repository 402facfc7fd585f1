import type { z } from 'zod';
import type { Locale } from '$lib/model';
import type { Executor } from '../db/executor';
import { translationKey, type TranslationMap } from '$lib/content-language';
import { programmesForCaller } from './access';
import { at, enc, listLinks, texts, type AnswerContext } from './answer';
import { paginate, type PageRequest } from './cursor';
import type { programmeListSchema, programmeSchema } from './schemas';
import type { ApiCaller } from './tokens';

type Programme = z.output<typeof programmeSchema>;

type Entry = Awaited<ReturnType<typeof programmesForCaller>>[number];

/** The programmes' titles in the answer's language: one statement for any number of programmes. */
async function programmeTitles(db: Executor, entries: Entry[], lang: Locale): Promise<TranslationMap> {
	const ids = entries.filter((e) => e.programme.contentLanguage !== lang).map((e) => e.programme.id);
	if (ids.length === 0) return new Map();
	const rows = await db
		.selectFrom('translation')
		.select(['entity_id', 'text'])
		.where('entity', '=', 'programme')
		.where('field', '=', 'title')
		.where('locale', '=', lang)
		.where('entity_id', 'in', ids)
		.execute();
	return new Map(rows.map((r) => [translationKey('programme', r.entity_id, 'title'), r.text]));
}

function programmeOut(ctx: AnswerContext, entry: Entry, titles: TranslationMap): Programme {
	const p = entry.programme;
	const api = `/api/v1/programmes/${enc(p.slug)}`;
	const t = texts(titles, p.contentLanguage, ctx.lang)('programme', p.id, { title: p.title });
	return {
		id: p.id,
		slug: p.slug,
		code: p.code,
		shortName: p.shortName,
		title: t.title,
		country: p.country,
		donor: p.donor,
		fundingModality: p.fundingModality,
		status: p.status,
		startDate: p.startDate,
		endDate: p.endDate,
		effectiveEndDate: p.effectiveEndDate,
		contentLanguage: p.contentLanguage,
		role: entry.role,
		untranslated: t.untranslated,
		links: {
			self: at(ctx, api),
			page: at(ctx, `/programmes/${enc(p.slug)}`),
			results: at(ctx, `${api}/results`),
			risks: at(ctx, `${api}/risks`),
			recommendations: at(ctx, `${api}/recommendations`),
			reports: at(ctx, `${api}/reports`)
		}
	};
}

export async function readProgrammes(
	db: Executor,
	caller: ApiCaller,
	ctx: AnswerContext,
	page: PageRequest
): Promise<z.output<typeof programmeListSchema>> {
	const entries = (await programmesForCaller(db, caller)).map((e) => ({ id: e.programme.id, entry: e }));
	const { items, nextCursor } = paginate('programmes', entries, page);
	const titles = await programmeTitles(
		db,
		items.map((i) => i.entry),
		ctx.lang
	);
	return {
		lang: ctx.lang,
		data: items.map((i) => programmeOut(ctx, i.entry, titles)),
		pagination: { limit: page.limit, nextCursor },
		links: listLinks(ctx, '/', nextCursor)
	};
}

export async function readProgramme(db: Executor, caller: ApiCaller, ctx: AnswerContext, slug: string): Promise<Programme | null> {
	const entry = (await programmesForCaller(db, caller)).find((e) => e.programme.slug === slug);
	return entry ? programmeOut(ctx, entry, await programmeTitles(db, [entry], ctx.lang)) : null;
}
