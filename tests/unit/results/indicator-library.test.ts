import { describe, expect, it } from 'vitest';
import { differencesFromEntry, incompatibility, unitFamily } from '$lib/indicator-library';

const entry = { measure: 'number' as const, unit: 'eventos', direction: 'increase' as const, disaggregations: 'sexo' };

describe('units of a library comparison', () => {
	it('folds units across languages, accents and synonyms', () => {
		expect(unitFamily('Talleres')).toBe(unitFamily('workshops'));
		expect(unitFamily('sesiones')).toBe(unitFamily('events'));
		expect(unitFamily(' Personas ')).toBe(unitFamily('people'));
		expect(unitFamily('%')).toBe(unitFamily('porcentaje'));
		expect(unitFamily('estudios')).not.toBe(unitFamily('personas'));
	});

	it('lets workshops in Peru and events in Ecuador share the axis', () => {
		expect(incompatibility(entry, { measure: 'number', unit: 'talleres', direction: 'increase' })).toBeNull();
		// A plain count with no unit stated reads in the entry's unit.
		expect(incompatibility(entry, { measure: 'number', unit: '', direction: 'increase' })).toBeNull();
	});

	it('refuses another kind of measure, another unit or another direction, saying which', () => {
		expect(incompatibility(entry, { measure: 'milestone', unit: '', direction: 'increase' })).toBe('measure');
		expect(incompatibility(entry, { measure: 'percentage', unit: '%', direction: 'increase' })).toBe('measure');
		expect(incompatibility(entry, { measure: 'number', unit: 'personas', direction: 'increase' })).toBe('unit');
		expect(incompatibility(entry, { measure: 'number', unit: 'talleres', direction: 'decrease' })).toBe('direction');
	});

	it('never charts milestones or texts, even against an entry of the same kind', () => {
		const milestone = { ...entry, measure: 'milestone' as const };
		expect(incompatibility(milestone, { measure: 'milestone', unit: '', direction: 'increase' })).toBe('measure');
	});
});

describe('differences from the entry', () => {
	it('names each field where the indicator departs from its entry, and none when it does not', () => {
		expect(differencesFromEntry(entry, { measure: 'number', unit: 'talleres', direction: 'increase', disaggregatedBySex: true })).toEqual(
			[]
		);
		expect(differencesFromEntry(entry, { measure: 'number', unit: 'notas', direction: 'decrease', disaggregatedBySex: false })).toEqual([
			{ field: 'unit', entry: 'eventos', indicator: 'notas' },
			{ field: 'direction', entry: 'increase', indicator: 'decrease' },
			{ field: 'disaggregatedBySex', entry: 'yes', indicator: 'no' }
		]);
	});
});
