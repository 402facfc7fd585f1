import { getContext, setContext } from 'svelte';
import type { IsoDate, Locale } from '$lib/model';
import { formatDate, formatDateTime, formatMoney, formatNumber, formatPercent } from './format';
import { translate, translateDynamic, type MessageArgs, type MessageKey } from './translate';

export interface I18n {
	readonly locale: Locale;
	t<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string;
	/** For keys built from an enum value, e.g. `td(\`activityStatus.${a.status}\`)`. */
	td(key: string, params?: Record<string, string | number>): string;
	date(value: IsoDate | null | undefined): string;
	dateTime(value: string | Date | null | undefined): string;
	number(value: number | null | undefined, maximumFractionDigits?: number): string;
	percent(ratio: number | null | undefined, maximumFractionDigits?: number): string;
	money(cents: number | null | undefined, currency: string): string;
}

const KEY = Symbol('i18n');

/** Builds the helpers for a locale that may change (the getter is read on every call). */
export function createI18n(getLocale: () => Locale): I18n {
	return {
		get locale() {
			return getLocale();
		},
		t: (key, ...args) => translate(getLocale(), key, ...args),
		td: (key, params) => translateDynamic(getLocale(), key, params),
		date: (value) => formatDate(getLocale(), value),
		dateTime: (value) => formatDateTime(getLocale(), value),
		number: (value, digits) => formatNumber(getLocale(), value, digits),
		percent: (ratio, digits) => formatPercent(getLocale(), ratio, digits),
		money: (cents, currency) => formatMoney(getLocale(), cents, currency)
	};
}

/** Called once, by the root layout, with a getter on the page's locale. */
export function provideI18n(getLocale: () => Locale): I18n {
	return setContext(KEY, createI18n(getLocale));
}

/** The message and formatting helpers for the current page's locale. */
export function useI18n(): I18n {
	const i18n = getContext<I18n | undefined>(KEY);
	if (!i18n) throw new Error('useI18n() called outside the root layout');
	return i18n;
}
