import { localize, type LocalizedText } from '$lib/content-language';
import type { Locale, Programme } from '$lib/model';
import type { Executor } from '../db/executor';

// The portfolio's fact-sheet texts in the reader's language (issue 19): title, partners and donor
// are content like any other, shown translated where a translation exists and otherwise in the
// original with its mark. One statement for all the programmes on the page.

export interface PortfolioTexts {
	title: LocalizedText;
	partners: LocalizedText;
	donor: LocalizedText;
}

const FIELDS = ['title', 'partners', 'donor'] as const;

export async function portfolioTexts(db: Executor, programmes: readonly Programme[], locale: Locale): Promise<Map<number, PortfolioTexts>> {
	const rows = programmes.length
		? await db
				.selectFrom('translation')
				.select(['entity_id', 'field', 'text'])
				.where('entity', '=', 'programme')
				.where('locale', '=', locale)
				.where('field', 'in', [...FIELDS])
				.where(
					'entity_id',
					'in',
					programmes.map((p) => p.id)
				)
				.execute()
		: [];
	const translated = new Map(rows.map((r) => [`${r.entity_id}:${r.field}`, r.text]));
	return new Map(
		programmes.map((p) => {
			const show = (field: (typeof FIELDS)[number]) => localize(p[field], p.contentLanguage, locale, translated.get(`${p.id}:${field}`));
			return [p.id, { title: show('title'), partners: show('partners'), donor: show('donor') }];
		})
	);
}
