import { describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import { csvField, csvLine, neutralise, resultsCsv, resultsCsvRows } from '$lib/server/exchange/csv-results';
import { fixture } from './fixture';

describe('neutralising CSV cells', () => {
	it.each(['=1+1', '+34 600', '-2 personas', '@SUM(A1)', '\t=cmd', '\r=cmd'])('prefixes %j with an apostrophe', (text) => {
		expect(neutralise(text)).toBe(`'${text}`);
	});

	it('leaves ordinary text alone, and numbers the export writes stay numbers (a negative one too)', () => {
		expect(neutralise('Cobertura = 40 %')).toBe('Cobertura = 40 %');
		expect(csvField(-2.5)).toBe('-2.5');
		expect(csvField(1234.5)).toBe('1234.5');
		expect(csvField(null)).toBe('');
	});

	it('quotes fields holding a comma, a quote or a line break, after neutralising', () => {
		expect(csvField('a, b')).toBe('"a, b"');
		expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
		expect(csvField('línea\notra')).toBe('"línea\notra"');
		expect(csvLine(['IMP-1', 40.5, null, '-x'])).toBe("IMP-1,40.5,,'-x");
	});
});

describe('the results CSV', () => {
	it('starts with a BOM and has one row per indicator × period, headers in the requester language', () => {
		const text = resultsCsv(
			fixture(),
			createI18n(() => 'es')
		);
		expect(text.charCodeAt(0)).toBe(0xfeff);
		const lines = text.slice(1).trimEnd().split('\r\n');
		expect(lines).toHaveLength(1 + 3 * 2);
		expect(lines[0]!.startsWith('Código,Indicador,Nivel,Unidad')).toBe(true);
		expect(
			resultsCsv(
				fixture(),
				createI18n(() => 'en')
			)
				.slice(1)
				.startsWith('Code,Indicator,Level,Unit')
		).toBe(true);
	});

	it('writes each period target, actual, progress as a percentage, women and men, and the period status', () => {
		const rows = resultsCsvRows(
			fixture(),
			createI18n(() => 'en')
		);
		const header = rows[0]!;
		const people = rows.find((r) => r[0] === '1.1-1' && r[10] === '2019-S1')!;
		const at = (name: string) => people[header.indexOf(name)];
		expect([at('Target'), at('Actual'), at('% of expected'), at('Women'), at('Men'), at('Period status')]).toEqual([
			20,
			12,
			60,
			7,
			5,
			'At risk'
		]);
		expect(at('Indicator')).toBe('Personas capacitadas (es)');
		expect(header).not.toContain('Value not approved');
	});
});
