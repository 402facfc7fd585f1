import { describe, expect, it } from 'vitest';
import type { DocRow, DocTable } from '$lib/reports/document';
import { pageBlocks, pageTable, referencedKeys, tableSlices } from '$lib/reports/paging';
import { partChoiceFrom, searchSchema } from '$lib/server/reports/screen-data';

// How the editor and the preview cut a long table into parts (issue 18 §3): every data row is in
// exactly one part, no part holds more than the limit, a part breaks between modules when it can,
// and a part that starts inside a module repeats the module's heading.

const group = (name: string): DocRow => ({ type: 'group', cells: [{ type: 'text', text: name }] });
const row = (n: number): DocRow => ({ type: 'row', cells: [[{ type: 'ref', text: `I-${n}`, key: `indicator:I-${n}` }]] });

/** `modules` groups of `each` rows, numbered from 1 across the table. */
function grouped(modules: number, each: number): DocRow[] {
	const rows: DocRow[] = [];
	let n = 0;
	for (let m = 1; m <= modules; m++) {
		rows.push(group(`M${m}`));
		for (let i = 0; i < each; i++) rows.push(row(++n));
	}
	return rows;
}

const table = (rows: DocRow[]): DocTable => ({ id: 't', caption: 'T', columns: [{ label: 'Code', numeric: false }], rows });
const dataKeys = (rows: readonly DocRow[]) =>
	rows.filter((r) => r.type === 'row').map((r) => (r.type === 'row' ? r.cells[0]![0]!.text : ''));

describe('cutting a table into parts', () => {
	it('leaves a table that fits one part as it is', () => {
		const t = table(grouped(2, 10));
		expect(pageTable(t, 1, 50)).toBe(t);
		expect(pageTable(t, 7, 50)).toBe(t);
	});

	it('puts every data row in exactly one part, none longer than the limit', () => {
		for (const [modules, each, size] of [
			[10, 300, 50],
			[3, 7, 5],
			[1, 101, 50],
			[40, 3, 10]
		] as const) {
			const rows = grouped(modules, each);
			const slices = tableSlices(rows, size);
			const seen = slices.flatMap((s) => dataKeys(rows.slice(s.start, s.end)));
			expect(seen).toEqual(dataKeys(rows));
			for (const s of slices) {
				const n = dataKeys(rows.slice(s.start, s.end)).length;
				expect(n).toBeLessThanOrEqual(size);
				expect(s.part.last - s.part.first + 1).toBe(n);
			}
			expect(slices.at(-1)!.part.last).toBe(modules * each);
		}
	});

	it('breaks between modules once a part is half full, and repeats the heading of a module it enters midway', () => {
		const rows = grouped(3, 30); // 30 rows a module, parts of at most 50
		const slices = tableSlices(rows, 50);
		// 30 rows are more than half of 50: each module makes its own part.
		expect(slices.map((s) => [s.part.first, s.part.last, s.part.group])).toEqual([
			[1, 30, 'M1'],
			[31, 60, 'M2'],
			[61, 90, 'M3']
		]);
		const long = tableSlices(grouped(1, 120), 50);
		expect(long.map((s) => [s.part.first, s.part.last])).toEqual([
			[1, 50],
			[51, 100],
			[101, 120]
		]);
		const second = pageTable(table(grouped(1, 120)), 2, 50);
		expect(second.rows[0]).toEqual(group('M1'));
		expect(dataKeys(second.rows)[0]).toBe('I-51');
		expect(second.paging).toMatchObject({ part: 2, count: 3, rows: 120, groups: [{ label: 'M1', part: 1 }] });
	});

	it('keeps a part number in range and names the module each group starts in', () => {
		const t = table(grouped(10, 30));
		const last = pageTable(t, 999, 50);
		expect(last.paging?.part).toBe(last.paging?.count);
		expect(pageTable(t, -3, 50).paging?.part).toBe(1);
		expect(pageTable(t, 1, 50).paging?.groups.map((g) => g.label)).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7', 'M8', 'M9', 'M10']);
	});

	it('cuts only the table the request names; the others show their first part', () => {
		const a = { ...table(grouped(1, 200)), id: 'a' };
		const b = { ...table(grouped(1, 200)), id: 'b' };
		const blocks = pageBlocks(
			[
				{ type: 'table', table: a },
				{ type: 'table', table: b }
			],
			{ table: 'b', part: 3 }
		);
		const [pa, pb] = blocks.map((x) => (x.type === 'table' ? x.table : null));
		expect(dataKeys(pa!.rows)[0]).toBe('I-1');
		expect(dataKeys(pb!.rows)[0]).toBe('I-101');
		// Only the records the shown rows cite go along.
		expect(referencedKeys(blocks).size).toBe(100);
	});
});

describe('reading the part asked for from the address', () => {
	it('keeps a readable table id and part number, and reads anything else as the first parts', () => {
		const at = (q: string) => partChoiceFrom(new URL(`http://localhost/${q}`));
		expect(at('?table=annex-logframe-table&part=3')).toEqual({ table: 'annex-logframe-table', part: 3 });
		expect(at('')).toEqual({ table: null, part: 1 });
		expect(at('?table=<script>&part=x')).toEqual({ table: null, part: 1 });
		expect(at('?table=a&part=-2')).toEqual({ table: 'a', part: 1 });
		expect(at('?table=a&part=1e99')).toEqual({ table: 'a', part: 1 });
	});
});

describe('the citation search text', () => {
	it('is trimmed and bounded; control characters or an overlong query read as no query', () => {
		expect(searchSchema.parse('  I-12 ')).toBe('I-12');
		expect(searchSchema.parse('a\u0000b')).toBe('');
		expect(searchSchema.parse('x'.repeat(201))).toBe('');
	});
});
