import { localize, type LocalizedText } from './content-language';
import type { Locale } from './model';

// A library entry's texts that are written in Spanish with an English beside them (unit,
// disaggregations, source, framework references: issue 25, finding 4), as a reader sees them: the
// English for an English reader, else the Spanish marked "(es)". The library belongs to no
// programme, so Spanish is its original language; the content-language rule does the rest.

export const LIBRARY_TEXT_FIELDS = ['unit', 'disaggregations', 'source', 'frameworkRefs'] as const;
export type LibraryTextField = (typeof LIBRARY_TEXT_FIELDS)[number];

export type LibraryTexts = Record<LibraryTextField, string> & Record<`${LibraryTextField}En`, string>;

export function libraryText(entry: LibraryTexts, field: LibraryTextField, locale: Locale): LocalizedText {
	return localize(entry[field], 'es', locale, entry[`${field}En`]);
}

/** The text as one string, with the "(es)" mark when it fell back (where a component cannot be used). */
export function libraryPlain(entry: LibraryTexts, field: LibraryTextField, locale: Locale): string {
	const t = libraryText(entry, field, locale);
	return t.fallback ? `${t.text} (${t.lang})` : t.text;
}
