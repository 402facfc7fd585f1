import { describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import { importColumnLabel } from '$lib/i18n/import-columns';

// Review of issue 22, finding 17: an import error names its column by the header the reader sees.
const es = createI18n(() => 'es');
const en = createI18n(() => 'en');

describe('the column an import error names', () => {
	it('prints a period’s women and men columns as the template heads them, never a message key', () => {
		expect(importColumnLabel(es, 'women:2026-S1')).toBe('2026-S1 · mujeres');
		expect(importColumnLabel(en, 'men:2026-S1')).toBe('2026-S1 · men');
		expect(importColumnLabel(es, 'period:2026-S1')).toBe('2026-S1');
	});

	it('prints the other columns by their catalogue header, values import first, then the logframe', () => {
		expect(importColumnLabel(es, 'targetValue')).toBe(es.td('import.col.lf.targetValue'));
		expect(importColumnLabel(es, 'targetValue')).not.toContain('import.col');
		for (const column of ['women:2027-S2', 'men:2027-S2', 'code', 'title'])
			expect(importColumnLabel(en, column)).not.toContain('import.col');
	});

	it('counts rows without a plural fault ("1 filas", review of issue 22, finding 11)', () => {
		const counts = { save: 1, unchanged: 1, refused: 1, empty: 1 };
		expect(es.t('import.counts', counts)).toBe('Filas para guardar: 1 · sin cambios: 1 · con errores: 1 · vacías: 1.');
		expect(en.t('import.counts', counts)).toBe('Rows to save: 1 · unchanged: 1 · with errors: 1 · empty: 1.');
		expect(es.t('sheet.partial', { saved: 1, refused: 1 })).not.toMatch(/1 filas/);
		expect(en.t('sheet.partial', { saved: 1, refused: 1 })).not.toMatch(/1 rows/);
	});
});
