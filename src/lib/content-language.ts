import type { Locale } from './model';

// Content is written in the programme's content language; the other language comes from
// translations (design §2). A screen, report or export shows the reader's language and falls back
// to the original with a visible mark, so a reader always knows which texts are not translated.

/** A content text as shown to a reader: the text, the language it is in, and whether it fell back. */
export interface LocalizedText {
	text: string;
	lang: Locale;
	/** True when the reader's language was wanted but only the original exists (print "(es)"). */
	fallback: boolean;
}

/** The kinds of record whose texts can be translated, and the fields of each. */
export const TRANSLATABLE_FIELDS = {
	programme: [
		'title',
		'summary',
		// issue 19: the fact sheet's donor and partners print in the reader's language
		'donor',
		'partners',
		// issue 21: the donor-format facts that are texts (programmes/donor-facts.ts)
		'administrative_unit',
		'backstopping_unit',
		'pb_outcomes',
		'dwcp_outcome',
		'coordinator_contact',
		'affiliated_entities',
		'target_countries',
		'target_groups'
	],
	module: ['title', 'objective'],
	output: ['title', 'description'],
	activity: ['title', 'deviation_reason'],
	indicator: ['title', 'definition', 'unit'],
	risk: ['title', 'description'],
	gender_action: ['title', 'description'],
	recommendation: ['text', 'addressedTo', 'management_response_text'],
	key_action: ['action'],
	// The explanation of an approved figure (printed beside it in reports).
	indicator_value: ['narrative'],
	lesson: [
		'title',
		'context',
		'challenges',
		'causalFactors',
		'targetedUsers',
		'success',
		'administrativeIssues',
		'summary',
		'conditions',
		'causeEffect',
		'impact',
		'replication',
		'pbLink'
	],
	budget_line: ['title'],
	// issue 24: the evaluation matrix's texts (the question, its judgement criteria, sources and methods notes)
	evaluation_question: ['question', 'judgementCriteria', 'sources'],
	// issue 25: a social-dialogue event's body, outcome and the names of the parties present
	social_dialogue_event: ['body', 'outcome', 'names_government', 'names_employers', 'names_workers', 'names_other'],
	// review 4 (F12): the reason a report was reopened for a correction, printed on the new issue
	report: ['correction_reason']
} as const;

export type TranslatableEntity = keyof typeof TRANSLATABLE_FIELDS;
export type TranslatableField<E extends TranslatableEntity> = (typeof TRANSLATABLE_FIELDS)[E][number];

/** `indicator:12:title` — the key a translation is found under. */
export function translationKey(entity: string, entityId: number, field: string): string {
	return `${entity}:${entityId}:${field}`;
}

/** Translations of one programme into one locale, by translationKey. */
export type TranslationMap = ReadonlyMap<string, string>;

/**
 * The text a reader of `locale` sees. An empty original stays empty (nothing to mark); a blank
 * translation counts as missing.
 */
export function localize(original: string, contentLanguage: Locale, locale: Locale, translated: string | undefined): LocalizedText {
	if (locale === contentLanguage || original.trim() === '') return { text: original, lang: contentLanguage, fallback: false };
	if (translated !== undefined && translated.trim() !== '') return { text: translated, lang: locale, fallback: false };
	return { text: original, lang: contentLanguage, fallback: true };
}

/** Looks a field up in a translation map and localizes it. */
export function localizeField(
	translations: TranslationMap,
	contentLanguage: Locale,
	locale: Locale,
	record: { entity: string; id: number; field: string; original: string }
): LocalizedText {
	return localize(record.original, contentLanguage, locale, translations.get(translationKey(record.entity, record.id, record.field)));
}

/** The other of the two languages: the one a text's translation is written in. */
export function otherLocale(locale: Locale): Locale {
	return locale === 'es' ? 'en' : 'es';
}

/** The language a programme's translations are written in (the one its content is not written in). */
export function translationLanguage(programme: { contentLanguage: Locale }): Locale {
	return otherLocale(programme.contentLanguage);
}

/**
 * A title written in both languages (a report's, a library entry's) as a reader of `locale` sees
 * it: in their language, else in the other one; '' when neither is written.
 */
export function titleIn(title: Readonly<Record<Locale, string | null>>, locale: Locale): string {
	return title[locale] || title[otherLocale(locale)] || '';
}
