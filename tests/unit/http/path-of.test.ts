import { describe, expect, it } from 'vitest';
import { pathOf } from '$lib/server/http/actions';

describe('pathOf (where an action redirects)', () => {
	it('fills a route id with the request params and drops route groups', () => {
		expect(pathOf('/programmes/[slug]/indicators/[id]', { slug: 'patss', id: 12 })).toBe('/programmes/patss/indicators/12');
		expect(pathOf('/(app)/programmes/[slug]/risks', { slug: 'ue-peru' })).toBe('/programmes/ue-peru/risks');
	});

	it('encodes what it fills in', () => {
		expect(pathOf('/programmes/[slug]', { slug: 'a b/c' })).toBe('/programmes/a%20b%2Fc');
	});

	it('refuses a route whose parameter it was not given (a redirect to a wrong page is a bug)', () => {
		expect(() => pathOf('/programmes/[slug]/risks/[id]', { slug: 'patss' })).toThrow(/needs the parameter id/);
	});
});
