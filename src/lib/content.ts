import { getContext, setContext } from 'svelte';
import { localize, translationKey, type LocalizedText, type TranslatableEntity } from './content-language';
import type { I18n } from './i18n/context';
import type { Locale } from './model';

// The content translations of the programme being viewed, for its pages: the programme layout
// loads them once (one statement) and every page shows titles, units and texts in the viewer's
// language through `Content.svelte`, or the original with a visible mark. Forms read the stored
// translation of a field to edit it beside the original.

/** What the programme layout sends: the programme's content language and its translations into the other one. */
export interface ContentTranslations {
	contentLanguage: Locale;
	locale: Locale;
	texts: Record<string, string>;
}

export interface ContentTexts {
	readonly contentLanguage: Locale;
	/** The language translations are written in (the one that is not the content language). */
	readonly translationLanguage: Locale;
	/** The field as the viewer should read it. */
	show(entity: TranslatableEntity, id: number, field: string, original: string): LocalizedText;
	/** As plain text (an option, a title attribute): the fallback mark in brackets. */
	plain(entity: TranslatableEntity, id: number, field: string, original: string): string;
	/** The stored translation of the field, '' when there is none. */
	translation(entity: TranslatableEntity, id: number, field: string): string;
}

const KEY = Symbol('content');

export function createContentTexts(i18n: I18n, get: () => ContentTranslations): ContentTexts {
	return {
		get contentLanguage() {
			return get().contentLanguage;
		},
		get translationLanguage() {
			return get().locale;
		},
		show(entity, id, field, original) {
			const t = get();
			const translated = t.locale === i18n.locale ? t.texts[translationKey(entity, id, field)] : undefined;
			return localize(original, t.contentLanguage, i18n.locale, translated);
		},
		plain(entity, id, field, original) {
			const shown = this.show(entity, id, field, original);
			return shown.fallback ? `${shown.text} (${shown.lang})` : shown.text;
		},
		translation(entity, id, field) {
			return get().texts[translationKey(entity, id, field)] ?? '';
		}
	};
}

export function provideContentTexts(i18n: I18n, get: () => ContentTranslations): ContentTexts {
	return setContext(KEY, createContentTexts(i18n, get));
}

/** Outside a programme (no provider) texts show as written. */
export function useContentTexts(): ContentTexts | undefined {
	return getContext<ContentTexts | undefined>(KEY);
}
