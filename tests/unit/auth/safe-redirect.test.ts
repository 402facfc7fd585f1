import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from '$lib/server/auth/locale';

// Paths that only become protocol-relative ("//host") once the URL parser has removed their dot
// segments: a check on the raw text lets them through, a check on the normalised path does not.
const DISGUISED = [
	'/.//evil.example',
	'/..//evil.example',
	'/%2e//evil.example',
	'/%2E%2E//evil.example',
	'/a/..//evil.example',
	'/a/b/../..//evil.example'
];

describe('safeRedirectTarget', () => {
	it.each(DISGUISED)('refuses %s, which normalises to another host', (value) => {
		expect(safeRedirectTarget(value)).toBe('/');
		expect(safeRedirectTarget(value, '')).toBe('');
	});

	it('refuses what a browser would read as another host, whatever the spelling', () => {
		for (const value of ['//evil.example', '/\\evil.example', 'https://evil.example', '/\t/evil.example', 'javascript:alert(1)', '']) {
			expect(safeRedirectTarget(value)).toBe('/');
		}
	});

	it('keeps a same-origin path, normalised, with its query and fragment', () => {
		expect(safeRedirectTarget('/programmes/patss?x=1#y')).toBe('/programmes/patss?x=1#y');
		expect(safeRedirectTarget('/programmes/./patss/../patss/results')).toBe('/programmes/patss/results');
		expect(safeRedirectTarget('/a/..//')).toBe('/');
	});

	it('answers something that never leaves the site, for every result', () => {
		for (const value of [...DISGUISED, '/programmes/patss', '/./', '/%2F%2Fevil.example']) {
			const target = safeRedirectTarget(value);
			expect(new URL(target, 'http://avance.invalid').origin).toBe('http://avance.invalid');
			expect(target.startsWith('//')).toBe(false);
		}
	});
});
