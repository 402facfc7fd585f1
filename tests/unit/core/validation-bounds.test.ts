import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseForm } from '$lib/server/http/forms';
import {
	dateField,
	multilineText,
	numberField,
	optionalDateField,
	optionalMultilineText,
	optionalNumberField,
	optionalText,
	text
} from '$lib/server/core/validation';

function errorsOf(schema: z.ZodType, fields: Record<string, string>, locale: 'es' | 'en' = 'en') {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.append(k, v);
	const result = parseForm(z.object({ f: schema }), data, locale);
	return result.ok ? null : result.failure.data.errors.f;
}
const valueOf = (schema: z.ZodType, input: string) => (z.object({ f: schema }).parse({ f: input }) as { f: unknown }).f;

describe('number fields', () => {
	it('refuses numbers beyond a sane range, which would add up to infinity on a page', () => {
		for (const typed of ['1e308', '1.7e308', '-1e20', '1e13', '-1000000000001']) {
			expect(errorsOf(numberField(), { f: typed }), typed).toHaveLength(1);
			expect(errorsOf(optionalNumberField(), { f: typed }), typed).toHaveLength(1);
		}
		expect(errorsOf(numberField(), { f: '1e308' })).toEqual(['The maximum is 1,000,000,000,000.']);
		expect(errorsOf(numberField(), { f: '-1e20' }, 'es')).toEqual(['El valor mínimo es -1.000.000.000.000.']);
	});

	it('refuses what is not a plain decimal number', () => {
		for (const typed of ['Infinity', '-Infinity', 'NaN', '0x10', '1e', '--1', '1,5e3,2']) {
			expect(errorsOf(numberField(), { f: typed }), typed).toHaveLength(1);
		}
	});

	it('keeps ordinary figures, including large budgets and small rates', () => {
		expect(valueOf(numberField(), '999999999999')).toBe(999_999_999_999);
		expect(valueOf(numberField(), '-2,5')).toBe(-2.5);
		expect(valueOf(numberField(), '0.0001')).toBe(0.0001);
		expect(valueOf(optionalNumberField(), '')).toBeNull();
	});

	it('lets a field narrow the range further (counts of people are never negative)', () => {
		expect(errorsOf(numberField({ min: 0 }), { f: '-1' })).toEqual(['The minimum is 0.']);
		expect(errorsOf(optionalNumberField({ min: 0 }), { f: '-0.5' })).toEqual(['The minimum is 0.']);
	});
});

describe('date fields', () => {
	it('refuses dates outside 1900–2100 with a message that says the range', () => {
		for (const typed of ['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31']) {
			expect(errorsOf(dateField(), { f: typed }), typed).toEqual(['Enter a date between 1900-01-01 and 2100-12-31.']);
			expect(errorsOf(optionalDateField(), { f: typed }), typed).toHaveLength(1);
		}
	});

	it('refuses dates that are not on the calendar', () => {
		for (const typed of ['2021-02-29', '2024-13-01', '2024-04-31', '2024-4-1', '20240401']) {
			expect(errorsOf(dateField(), { f: typed }), typed).toEqual(['Enter a valid date (YYYY-MM-DD).']);
		}
	});

	it('keeps real dates at both ends of the range', () => {
		expect(valueOf(dateField(), '1900-01-01')).toBe('1900-01-01');
		expect(valueOf(dateField(), '2100-12-31')).toBe('2100-12-31');
		expect(valueOf(dateField(), '2024-02-29')).toBe('2024-02-29');
	});
});

describe('text fields', () => {
	it('refuses NUL and other control characters in every kind of text field', () => {
		for (const schema of [text(100), optionalText(100), multilineText(100), optionalMultilineText(100)]) {
			for (const typed of ['a\u0000b', 'a\u0007b', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\u009bb']) {
				expect(errorsOf(schema, { f: typed }), JSON.stringify(typed)).toEqual([
					'Remove the control characters (such as NUL) from this text.'
				]);
			}
		}
	});

	it('takes no line breaks in a single-line field, and says so', () => {
		for (const schema of [text(100), optionalText(100)]) {
			for (const typed of ['line one\nline two', 'a\r\nb', 'a\rb', 'a\u2028b']) {
				expect(errorsOf(schema, { f: typed }, 'es'), JSON.stringify(typed)).toEqual([
					'Este campo es de una sola línea: quite los saltos de línea.'
				]);
			}
		}
	});

	it('keeps line breaks (stored as LF, however the browser sent them) and tabs in a multi-line field', () => {
		expect(valueOf(multilineText(100), 'Primero:\n\t- uno\r\n\t- dos\rtres')).toBe('Primero:\n\t- uno\n\t- dos\ntres');
		expect(valueOf(optionalMultilineText(100), '  a\nb  ')).toBe('a\nb');
		expect(valueOf(optionalMultilineText(100), '')).toBe('');
	});

	it('stores text NFC-normalised, so the same word is always the same letters', () => {
		const decomposed = 'Participacio\u0301n'; // "ó" typed as "o" + combining accent
		for (const schema of [text(100), optionalText(100), multilineText(100), optionalMultilineText(100)]) {
			expect(valueOf(schema, decomposed)).toBe('Participación');
		}
	});

	it('counts the length after normalising', () => {
		expect(errorsOf(text(5), { f: 'e\u0301e\u0301e\u0301' })).toBeNull();
		expect(errorsOf(multilineText(3), { f: 'abcd' })).toEqual(['At most 3 characters.']);
		expect(errorsOf(multilineText(3), { f: '  ' })).toEqual(['This field is required.']);
	});
});
