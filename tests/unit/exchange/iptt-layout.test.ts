import { describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import { ipttLayout, measureFormat } from '$lib/server/exchange/iptt-layout';
import { aboutRows, changesLayout, describeChange, notesLayout, sourcesLayout } from '$lib/server/exchange/iptt-sheets';
import { canonicalJson, exportHash } from '$lib/server/exchange/export-hash';
import { fixture, trained } from './fixture';

const es = createI18n(() => 'es');
const en = createI18n(() => 'en');
const fileUrl = (id: number) => `https://avance.example/programmes/demo/files/${id}`;

describe('the IPTT layout', () => {
	it('puts the hidden id, code and indicator first, then five columns per period under a band with its label', () => {
		const layout = ipttLayout(fixture(), en);
		expect(layout.columns.slice(0, 3).map((c) => [c.key, !!c.hidden])).toEqual([
			['record', true],
			['code', false],
			['indicator', false]
		]);
		expect(layout.frozenColumns).toBe(3);
		expect(layout.periodBands).toEqual([
			{ label: '2019-S1', first: 12, last: 16 },
			{ label: '2019-S2', first: 17, last: 21 }
		]);
		expect(layout.columns.slice(12, 17).map((c) => c.header)).toEqual(['Target', 'Actual', '% of expected', 'Women', 'Men']);
		expect(layout.columns.slice(12, 17).map((c) => c.key)).toEqual(['p11.target', 'p11.actual', 'p11.progress', 'p11.women', 'p11.men']);
	});

	it('writes a level row for every module and output, with or without indicators of its own', () => {
		const rows = ipttLayout(fixture(), es).rows;
		expect(rows.map((r) => (r.kind === 'level' ? `${r.level}:${r.text}` : r.cells[1]!.value))).toEqual([
			'programme:Programa (impacto) — Asistencia técnica',
			'IMP-1',
			'module:M1 — Módulo uno',
			'M1-1',
			'output:1.1 — Producto uno',
			'1.1-1',
			'output:1.2 — Producto sin indicadores'
		]);
	});

	it('keys each row by its kind and id, so a module, an output and an indicator never share a key', () => {
		const data = fixture();
		// Give the module the same id as an indicator: their keys must still differ.
		data.groups[1] = { ...data.groups[1]!, id: data.groups[0]!.indicators[0]!.indicator.id };
		const keys = ipttLayout(data, en).rows.map((r) => (r.kind === 'level' ? r.key : r.cells[0]!.value));
		expect(keys).toEqual(['programme', 'indicator:1', 'module:1', 'indicator:3', 'output:7', 'indicator:2', 'output:8']);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('keeps figures as numbers with the indicator decimals and status as words, with the fallback mark', () => {
		const rows = ipttLayout(fixture(), en).rows.filter((r) => r.kind === 'indicator');
		const [impact, law, people] = rows.map((r) => (r.kind === 'indicator' ? r.cells : []));
		expect(impact![7]).toEqual({ value: 40.5, numFmt: '#,##0.0" %"' });
		// A value typed with two decimals keeps them (never fewer than entered, as targets).
		expect(impact![13]).toEqual({ value: 46.25, numFmt: '#,##0.00" %"' });
		// Progress on the CSV's scale: a percentage (110 for 1.1), formatted with a "%" sign.
		expect(impact![14]).toEqual({ value: 110, numFmt: '0" %"' });
		expect(impact![9]).toMatchObject({ value: 'On track', tone: 'ok' });
		expect(people![2]!.value).toBe('Personas capacitadas (es)');
		expect(people![9]!.value).toBe('At risk');
		expect(people![10]!.value).toBe('2019-S2');
		expect([people![15]!.value, people![16]!.value]).toEqual([7, 5]);
		expect(people![13]!.numFmt).toBe('#,##0');
		expect(law![8]).toEqual({ value: 1, numFmt: '[=1]"Yes";[=0]"No";General' });
		expect(law![5]!.value).toBe('Decrease');
	});

	it('adds an open value and its state per period only when open values were asked for, marked as open', () => {
		expect(ipttLayout(fixture(), es).columns.some((c) => c.key.endsWith('.open'))).toBe(false);
		const withOpen = fixture({
			includeOpen: true,
			internal: true,
			groups: [
				{
					level: 'output',
					id: 7,
					code: '1.1',
					title: fixture().groups[2]!.title,
					indicators: [
						{
							...trained,
							periods: [trained.periods[0]!, { ...trained.periods[1]!, open: { id: 5, value: 30, women: 10, men: 20, state: 'submitted' } }]
						}
					]
				}
			]
		});
		const layout = ipttLayout(withOpen, es);
		expect(layout.periodBands[1]).toEqual({ label: '2019-S2', first: 19, last: 25 });
		const row = layout.rows.find((r) => r.kind === 'indicator')!;
		if (row.kind !== 'indicator') throw new Error('no indicator row');
		expect(row.cells.slice(24, 26)).toEqual([
			{ value: 30, numFmt: '#,##0', open: true },
			{ value: 'Enviado', open: true }
		]);
		// The approved figures of that period are untouched by the open value.
		expect(row.cells[20]).toEqual({ value: null, numFmt: '#,##0' });
	});

	it('shows values with at least the decimals they were typed with, as targets (review of issue 22, finding 26)', () => {
		const data = fixture({
			includeOpen: true,
			internal: true,
			groups: [
				{
					level: 'output',
					id: 7,
					code: '1.1',
					title: fixture().groups[2]!.title,
					indicators: [
						{
							...trained,
							periods: [
								{ ...trained.periods[0]!, actual: 1.5, value: 1.5, women: 0.5, men: 1 },
								{ ...trained.periods[1]!, open: { id: 5, value: 0.4, women: null, men: null, state: 'submitted' } }
							]
						}
					]
				}
			]
		});
		const row = ipttLayout(data, es).rows.find((r) => r.kind === 'indicator')!;
		if (row.kind !== 'indicator') throw new Error('no indicator row');
		// The indicator has 0 decimals: 1.5 would read "2" and 0.4 "0" with its own format.
		expect(row.cells.slice(13, 17)).toEqual([
			{ value: 1.5, numFmt: '#,##0.0' },
			{ value: 0.6 * 100, numFmt: '0" %"' },
			{ value: 0.5, numFmt: '#,##0.0' },
			{ value: 1, numFmt: '#,##0' }
		]);
		expect(row.cells[24]).toEqual({ value: 0.4, numFmt: '#,##0.0', open: true });
	});

	it('has number formats for every measure: decimals, a rate sign, words for milestones, none for qualitative', () => {
		expect(measureFormat(es, 'number', 0)).toBe('#,##0');
		expect(measureFormat(es, 'number', 2)).toBe('#,##0.00');
		expect(measureFormat(es, 'percentage', 1)).toBe('#,##0.0" %"');
		expect(measureFormat(es, 'milestone', 0)).toBe('[=1]"Sí";[=0]"No";General');
		expect(measureFormat(es, 'qualitative', 0)).toBeUndefined();
	});
});

describe('the other sheets', () => {
	it('lists each indicator reference sheet with words for measure and frequency', () => {
		const sheet = sourcesLayout(fixture(), en);
		expect(sheet.rows).toHaveLength(3);
		const first = sheet.rows[0]!;
		expect(first.kind === 'indicator' && first.cells.map((c) => c.value).slice(1, 7)).toEqual([
			'IMP-1',
			'Cobertura (EN)',
			null,
			'Percentage',
			'Registros del IESS',
			'Half-yearly'
		]);
	});

	it('writes notes with the narrative and the evidence links of each value', () => {
		const sheet = notesLayout(fixture(), es, fileUrl);
		const cells = sheet.rows.map((r) => (r.kind === 'indicator' ? r.cells.map((c) => c.value) : []));
		expect(cells).toEqual([
			['value:101', 'IMP-1', '2019-S1', 'Aprobado', '=HYPERLINK("x")', 'https://example.org/informe.pdf', null],
			['value:102', '1.1-1', '2019-S1', 'Aprobado', 'Dos cohortes.', null, 'lista.pdf <https://avance.example/programmes/demo/files/9>']
		]);
	});

	it('describes each change in words: the record, the action, the fields before and after, the reason', () => {
		const sheet = changesLayout(fixture(), en);
		const [edit, approval] = sheet.rows.map((r) => (r.kind === 'indicator' ? r.cells.map((c) => c.value) : []));
		expect(edit!.slice(2)).toEqual(['Carlos', 'Indicator · 1.1-1', 'changed', 'Baseline: 10 → 12', 'Corrección del registro']);
		expect(approval!.slice(2, 6)).toEqual([
			'System',
			'Indicator value · 1.1-1 · 2019-S1',
			en.td('audit.action.approve'),
			'Status: Submitted → Approved'
		]);
		expect(describeChange(es, { before: null, after: { value: 1234.5, evidenceFile: null } })).toBe(
			'Valor: — → 1234,5; Archivo de evidencia: — → —'
		);
	});

	it('says on the about sheet what the file holds, as of when, and the hash of its data', () => {
		const rows = aboutRows(fixture(), en, { hash: 'abc', generatedAt: '2026-11-21T10:00:00.000Z' });
		expect(rows).toContainEqual(['Programme', 'Technical assistance']);
		expect(rows).toContainEqual(['Data as of', '2026-11-21']);
		expect(rows).toContainEqual(['Content', 'Approved values only']);
		expect(rows).toContainEqual(['SHA-256 of the exported data', 'abc']);
	});
});

describe('the hash of the exported data', () => {
	it('is canonical: key order and spacing do not change it, a figure does', () => {
		expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 1.5, y: 'é' } })).toBe('{"a":[true,null,"x"],"b":1,"c":{"y":"é","z":1.5}}');
		const data = fixture();
		const same = exportHash(fixture());
		expect(exportHash(data)).toBe(same);
		const changed = fixture();
		changed.groups[0]!.indicators[0] = {
			...changed.groups[0]!.indicators[0]!,
			periods: [{ ...changed.groups[0]!.indicators[0]!.periods[0]!, value: 47 }]
		};
		expect(exportHash(changed)).not.toBe(same);
	});
});
