import { describe, expect, it } from 'vitest';
import { differencesFromEntry, incompatibility, unitsAgree } from '$lib/indicator-library';

// Reviewer finding 19 (issue 25): the differences list and the compatibility rule read units by
// one rule, so a blank unit is never "different" in one place and "the same" in the other.

const entry = { measure: 'number' as const, unit: 'eventos', direction: 'increase' as const, disaggregations: '' };
const indicator = (unit: string) => ({ measure: 'number' as const, unit, direction: 'increase' as const, disaggregatedBySex: false });

describe('one unit rule', () => {
	it('a blank unit on either side agrees with the other, in the differences list as in the compatibility rule', () => {
		for (const [a, b] of [
			['eventos', ''],
			['', 'eventos'],
			['', '']
		] as const) {
			expect(unitsAgree(a, b)).toBe(true);
			const e = { ...entry, unit: a };
			expect(incompatibility(e, indicator(b))).toBeNull();
			expect(differencesFromEntry(e, indicator(b)).some((d) => d.field === 'unit')).toBe(false);
		}
	});

	it('units of another family differ in both places', () => {
		expect(unitsAgree('eventos', 'personas')).toBe(false);
		expect(incompatibility(entry, indicator('personas'))).toBe('unit');
		expect(differencesFromEntry(entry, indicator('personas'))).toContainEqual({ field: 'unit', entry: 'eventos', indicator: 'personas' });
	});

	it('synonyms across languages agree in both places', () => {
		expect(incompatibility(entry, indicator('Talleres'))).toBeNull();
		expect(differencesFromEntry(entry, indicator('Talleres'))).toEqual([]);
	});
});
