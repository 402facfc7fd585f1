import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveLocale, safeRedirectTarget } from '$lib/server/auth/locale';
import { parseForm } from '$lib/server/http/forms';
import { dateField, emailField, numberField, optionalNumberField, text } from '$lib/server/core/validation';

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.append(k, v);
	return data;
}

describe('form validation', () => {
	const schema = z.object({ title: text(10), amount: numberField({ min: 0, max: 100 }), when: dateField(), email: emailField() });

	it('gives a message per field in the user’s language and keeps what was typed', () => {
		const result = parseForm(
			schema,
			form({ title: 'far too long a title', amount: 'abc', when: '2021-02-30', email: 'nope', _form: 'x' }),
			'en'
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.failure.status).toBe(400);
		const { errors, values, form: name } = result.failure.data;
		expect(name).toBe('x');
		expect(errors.title).toEqual(['At most 10 characters.']);
		expect(errors.amount).toEqual(['Enter a number.']);
		expect(errors.when).toEqual(['Enter a valid date (YYYY-MM-DD).']);
		expect(errors.email).toEqual(['Enter a valid email address.']);
		expect(values.title).toBe('far too long a title');
	});

	it('says a missing field is required, in Spanish by default', () => {
		const result = parseForm(schema, form({ title: '  ', amount: '', when: '', email: '' }), 'es');
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.failure.data.errors.title).toEqual(['Este campo es obligatorio.']);
		expect(result.failure.data.errors.amount).toEqual(['Este campo es obligatorio.']);
		expect(result.failure.data.errors.when).toEqual(['Este campo es obligatorio.']);
	});

	it('accepts a Spanish decimal comma and reports the bounds it breaks', () => {
		expect(numberField().parse('12,5')).toBe(12.5);
		const result = parseForm(z.object({ amount: numberField({ max: 100 }) }), form({ amount: '150' }), 'en');
		expect(!result.ok && result.failure.data.errors.amount).toEqual(['The maximum is 100.']);
		expect(optionalNumberField().parse('')).toBeNull();
	});

	it('refuses numbers written with thousands separators instead of guessing, and says why', () => {
		const parse = (value: string) => parseForm(z.object({ n: numberField() }), form({ n: value }), 'es');
		for (const grouped of ['15.000', '15,000', '1.234,5', '1,234.5', '1.000.000']) {
			const r = parse(grouped);
			expect(!r.ok && r.failure.data.errors.n?.[0], grouped).toContain('sin separador de miles');
		}
		for (const [typed, value] of [
			['15000', 15000],
			['12,5', 12.5],
			['0,125', 0.125],
			['0.125', 0.125],
			['1234.5', 1234.5],
			['-2,5', -2.5],
			['2 500', 2500]
		] as const) {
			const r = parse(typed);
			expect(r.ok && r.data.n, typed).toBe(value);
		}
	});

	it('never echoes a password back to the page', () => {
		const result = parseForm(z.object({ password: text(3) }), form({ password: 'secret-too-long' }), 'en');
		expect(!result.ok && result.failure.data.values.password).toBeUndefined();
	});
});

describe('redirect targets and locale choice', () => {
	it('only allows paths on this site after sign-in', () => {
		expect(safeRedirectTarget('/programmes/patss')).toBe('/programmes/patss');
		expect(safeRedirectTarget('https://evil.example')).toBe('/');
		expect(safeRedirectTarget('//evil.example')).toBe('/');
		expect(safeRedirectTarget('/\\evil.example')).toBe('/');
		// Browsers strip tabs and newlines, which would turn these into //evil.example.
		expect(safeRedirectTarget('/\t/evil.example')).toBe('/');
		expect(safeRedirectTarget('/\n/evil.example')).toBe('/');
		expect(safeRedirectTarget('/programmes/patss?x=1#y')).toBe('/programmes/patss?x=1#y');
		expect(safeRedirectTarget(null)).toBe('/');
	});

	it('prefers the explicit choice, then the account, then Spanish', () => {
		expect(resolveLocale('en', 'es')).toBe('en');
		expect(resolveLocale(undefined, 'en')).toBe('en');
		expect(resolveLocale('fr', undefined)).toBe('es');
	});
});
