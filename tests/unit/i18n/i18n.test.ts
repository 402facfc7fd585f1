import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatNumber, formatPercent } from '$lib/i18n/format';
import { allMessageKeys, translate, translateDynamic } from '$lib/i18n/translate';
import { createI18n } from '$lib/i18n/context';
import { formatMeasureValue } from '$lib/i18n/measure-format';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
	it('has the same keys in Spanish and English', () => {
		expect(allMessageKeys('en').sort()).toEqual(allMessageKeys('es').sort());
	});

	it('has no empty text and the same placeholders in both languages', () => {
		for (const key of allMessageKeys('es')) {
			const es = translateDynamic('es', key);
			const en = translateDynamic('en', key);
			expect(es.trim(), key).not.toBe('');
			expect(en.trim(), key).not.toBe('');
			expect(placeholders(en), key).toEqual(placeholders(es));
		}
	});

	it('fills placeholders and formats numbers for the locale', () => {
		expect(translate('es', 'validation.tooLong', { max: 1500 })).toBe('Máximo 1500 caracteres.');
		expect(translate('en', 'portfolio.counts', { modules: 5, outputs: 12, activities: 20 })).toBe('5 modules · 12 outputs · 20 activities');
	});

	it('falls back to the key for an unknown dynamic key instead of failing', () => {
		expect(translateDynamic('en', 'no.such.key')).toBe('no.such.key');
	});
});

describe('locale formatting', () => {
	it('formats calendar dates without shifting them by time zone', () => {
		expect(formatDate('es', '2017-11-01')).toMatch(/^1 nov 2017$/);
		expect(formatDate('en', '2021-12-31')).toBe('31 Dec 2021');
	});

	it('formats money from cents in each locale', () => {
		expect(formatMoney('en', 462_640_00, 'USD')).toBe('US$462,640');
		expect(formatMoney('es', 462_640_00, 'USD').replace(/\s/g, ' ')).toMatch(/462\.640 US\$/);
	});

	it('formats numbers and percentages, and shows a dash when there is nothing', () => {
		expect(formatNumber('en', 15000)).toBe('15,000');
		expect(formatNumber('es', 15000)).toBe('15.000');
		expect(formatPercent('en', 0.85)).toBe('85%');
		expect(formatNumber('es', null)).toBe('—');
	});
});

describe('figures with the indicator’s decimals', () => {
	const es = createI18n(() => 'es');
	const en = createI18n(() => 'en');
	it('shows a head count without decimals: an expected 24.94 people is 25', () => {
		expect(formatMeasureValue(es, 24.94, { measure: 'number', decimals: 0 })).toBe('25');
		expect(formatMeasureValue(en, 1250.5, { measure: 'number', decimals: 1 })).toBe('1,250.5');
	});
	it('shows a rate with its decimals', () => {
		expect(formatMeasureValue(en, 45.56, { measure: 'percentage', decimals: 1 })).toBe('45.6%');
		expect(formatMeasureValue(en, 45.56, { measure: 'percentage', decimals: 0 })).toBe('46%');
	});
});
