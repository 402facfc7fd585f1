import { describe, expect, it } from 'vitest';
import { localize, localizeField, translationKey } from '$lib/content-language';

describe('localize: the reader language, or the original with a mark', () => {
	it('shows the original to a reader of the content language, unmarked', () => {
		expect(localize('Talleres', 'es', 'es', 'Workshops')).toEqual({ text: 'Talleres', lang: 'es', fallback: false });
	});
	it('shows the translation to a reader of the other language', () => {
		expect(localize('Talleres', 'es', 'en', 'Workshops')).toEqual({ text: 'Workshops', lang: 'en', fallback: false });
	});
	it('falls back to the original, marked with its language, when there is no translation or it is blank', () => {
		expect(localize('Talleres', 'es', 'en', undefined)).toEqual({ text: 'Talleres', lang: 'es', fallback: true });
		expect(localize('Talleres', 'es', 'en', '   ')).toEqual({ text: 'Talleres', lang: 'es', fallback: true });
	});
	it('marks nothing when the original is empty', () => {
		expect(localize('', 'es', 'en', undefined).fallback).toBe(false);
	});
	it('finds a field in a translation map by entity, id and field', () => {
		const map = new Map([[translationKey('indicator', 7, 'unit'), 'people']]);
		expect(localizeField(map, 'es', 'en', { entity: 'indicator', id: 7, field: 'unit', original: 'personas' }).text).toBe('people');
		expect(localizeField(map, 'es', 'en', { entity: 'indicator', id: 8, field: 'unit', original: 'personas' }).fallback).toBe(true);
	});
});
