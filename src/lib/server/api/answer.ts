import { localizeField, type TranslatableEntity, type TranslationMap } from '$lib/content-language';
import type { Locale, Programme } from '$lib/model';
import { loadTranslations } from '../core/translations';
import type { Executor } from '../db/executor';

// What every read API answer shares: its links and the language of its texts. The answers
// themselves (read-*.ts) are built from the same read models the pages use (the results tree and the
// programme assessment, the risk register, the recommendation tracker), so status, bands and
// adoption are never judged a second way, and a token sees what its user sees on the pages:
// approved values only, and for donors no internal notes, step notes or values in progress.
// Every answer takes a fixed number of statements whatever the size of the programme.

/** What shapes an answer beyond its data: where its links point, and the language of its texts. */
export interface AnswerContext {
	origin: string;
	/** The language content texts are given in; texts with no translation stay in the original. */
	lang: Locale;
	/** The request URL (its query string is kept in `self`, its cursor replaced in `next`). */
	url: URL;
}

export const at = (ctx: AnswerContext, path: string) => new URL(path, ctx.origin).toString();

export function listLinks(ctx: AnswerContext, page: string, nextCursor: string | null) {
	const self = new URL(ctx.url.pathname + ctx.url.search, ctx.origin);
	let next: string | null = null;
	if (nextCursor) {
		const n = new URL(self);
		n.searchParams.set('cursor', nextCursor);
		next = n.toString();
	}
	return { self: self.toString(), next, page: at(ctx, page) };
}

export const enc = encodeURIComponent;

/**
 * The texts of one record in the answer's language (the localize rule of the pages), and the
 * fields that had to stay in the original: a machine's version of the "(es)" mark.
 */
export function texts(translations: TranslationMap, contentLanguage: Locale, lang: Locale) {
	return <const F extends string>(entity: TranslatableEntity, id: number, originals: Record<F, string>) => {
		const out = {} as Record<F, string>;
		const untranslated: string[] = [];
		for (const field of Object.keys(originals) as F[]) {
			const l = localizeField(translations, contentLanguage, lang, { entity, id, field, original: originals[field] });
			out[field] = l.text;
			if (l.fallback) untranslated.push(field);
		}
		return { ...out, untranslated };
	};
}

/** One statement: the programme's translations into the answer's language (none needed when it is the original). */
export function translationsFor(db: Executor, programme: Programme, lang: Locale): Promise<TranslationMap> {
	return programme.contentLanguage === lang ? Promise.resolve(new Map()) : loadTranslations(db, programme.id, lang);
}
