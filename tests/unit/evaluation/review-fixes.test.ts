import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH } from '$lib/evaluation/search-text';
import { translate } from '$lib/i18n/translate';
import { parseSearchQuery } from '$lib/server/evaluation/search';

describe('who reads a validated entry, as the help texts say it', () => {
	// The search shows the programmes a person belongs to (admins all), not other programmes.
	it('does not promise other programmes a validated entry', () => {
		for (const key of ['evaluation.lessons.validateHint', 'evaluation.lessons.intro'] as const) {
			expect(translate('en', key)).not.toMatch(/other programmes/i);
			expect(translate('es', key)).not.toMatch(/otros programas|demás programas/i);
			expect(translate('en', key)).toMatch(/administrators/);
			expect(translate('es', key)).toMatch(/administradoras/);
		}
	});
});

describe('a search longer than the limit', () => {
	it('is cut to the limit and kept, never dropped', () => {
		const long = 'jubilación '.repeat(60);
		const query = parseSearchQuery(new URLSearchParams({ q: long }));
		expect(query.q).toBe(long.slice(0, MAX_QUERY_LENGTH));
		expect(query.q.length).toBe(MAX_QUERY_LENGTH);
	});

	it('keeps a search within the limit as typed', () => {
		expect(parseSearchQuery(new URLSearchParams({ q: 'mesas técnicas' })).q).toBe('mesas técnicas');
		expect(parseSearchQuery(new URLSearchParams()).q).toBe('');
	});
});
