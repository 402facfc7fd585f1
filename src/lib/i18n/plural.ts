import type { I18n } from './context';
import { INTL_LOCALE } from './format';

// Plural agreement for counted phrases ("1 reembolso" / "2 reembolsos", "1 refund" / "2 refunds").
// A counted message is declared twice, as `<base>.one` and `<base>.other`, each with `{n}`; the
// locale's CLDR plural rule (Intl.PluralRules) picks which. Spanish and English only know "one"
// and "other", so two entries are enough.

const rules = new Map<string, Intl.PluralRules>();

/** `<base>.one` or `<base>.other` for `n` in the reader's language. */
export function pluralKey(locale: I18n['locale'], base: string, n: number): string {
	const tag = INTL_LOCALE[locale];
	let rule = rules.get(tag);
	if (!rule) rules.set(tag, (rule = new Intl.PluralRules(tag)));
	return `${base}.${rule.select(n) === 'one' ? 'one' : 'other'}`;
}

/** The counted phrase with its number formatted for the locale: "1 reembolso", "1.200 filas". */
export function countPhrase(i18n: I18n, base: string, n: number): string {
	return i18n.td(pluralKey(i18n.locale, base, n), { n });
}

/** The expenditure import's counts line: "1 fila: 1 correcta, 0 con errores, 1 reembolso; 0 vacías." */
export function importCountsText(
	i18n: I18n,
	counts: { rows: number; good: number; refused: number; refunds: number; empty: number }
): string {
	const part = (name: keyof typeof counts) => countPhrase(i18n, `finance.import.count.${name}`, counts[name]);
	return i18n.t('finance.import.counts', {
		rows: part('rows'),
		good: part('good'),
		refused: part('refused'),
		refunds: part('refunds'),
		empty: part('empty')
	});
}
