import { describe, expect, it } from 'vitest';
import { parseAmount, readAmountText, MAX_AMOUNT_MINOR } from '$lib/finance-rules';
import { createI18n } from '$lib/i18n/context';
import { formatMoney } from '$lib/i18n/format';
import { importCountsText, pluralKey } from '$lib/i18n/plural';

// The expenditure import's words (reviewer's F22): why an amount is refused, plural agreement in
// the preview's counts, and money grouped alike at every size.

const sp = (s: string) => s.replace(/\s/g, ' ');

describe('the expenditure import in words', () => {
	it('tells an amount beyond the bound from a text that is no amount', () => {
		expect(readAmountText('99999999999999')).toBe('range');
		expect(readAmountText('-99999999999999')).toBe('range');
		expect(readAmountText('1e3')).toBe('format');
		expect(readAmountText('USD 100')).toBe('format');
		expect(readAmountText('')).toBeNull();
		expect(readAmountText('1.000,10')).toBe(100010);
		expect(readAmountText(String(MAX_AMOUNT_MINOR / 100))).toBe(MAX_AMOUNT_MINOR);
		expect(parseAmount('99999999999999')).toBeNull();
	});

	it('agrees the counts in number, in both languages', () => {
		expect(pluralKey('es', 'x', 1)).toBe('x.one');
		expect(pluralKey('es', 'x', 0)).toBe('x.other');
		expect(pluralKey('en', 'x', 2)).toBe('x.other');
		const es = createI18n(() => 'es');
		const en = createI18n(() => 'en');
		expect(importCountsText(es, { rows: 1, good: 1, refused: 0, refunds: 1, empty: 0 })).toBe(
			'1 fila: 1 correcta, 0 con errores, 1 reembolso; 0 vacías.'
		);
		expect(importCountsText(es, { rows: 12, good: 2, refused: 10, refunds: 2, empty: 1 })).toBe(
			'12 filas: 2 correctas, 10 con errores, 2 reembolsos; 1 vacía.'
		);
		expect(importCountsText(en, { rows: 1, good: 1, refused: 0, refunds: 1, empty: 0 })).toBe(
			'1 row: 1 correct, 0 with errors, 1 refund; 0 empty.'
		);
		expect(importCountsText(en, { rows: 2, good: 2, refused: 0, refunds: 2, empty: 0 })).toBe(
			'2 rows: 2 correct, 0 with errors, 2 refunds; 0 empty.'
		);
	});

	it('groups four-digit amounts as the larger ones in Spanish', () => {
		expect(sp(formatMoney('es', 100010, 'USD'))).toBe('1.000,10 US$');
		expect(sp(formatMoney('es', 100_000_000, 'USD'))).toBe('1.000.000 US$');
		expect(formatMoney('en', 100010, 'USD')).toBe('US$1,000.10');
	});
});
