import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
	csvGrid,
	defaultDecimalFor,
	fileKindOf,
	gridOf,
	IMPORT_LIMITS,
	ImportRefusal,
	inspectZip,
	loadWorkbook,
	parseLocalNumber
} from '$lib/server/exchange/import-file';
import { mapHeaders, readNumber, VALUE_COLUMNS } from '$lib/server/exchange/import-values';

const refusalKey = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		if (e instanceof ImportRefusal) return e.key;
		throw e;
	}
	return null;
};

describe('numbers written with a stated decimal separator', () => {
	it('reads Ecuador’s 1.234,5 and Peru’s 1,234.5, and refuses the one read with the other separator', () => {
		expect(parseLocalNumber('1.234,5', ',')).toBe(1234.5);
		expect(parseLocalNumber('1,234.5', '.')).toBe(1234.5);
		expect(parseLocalNumber('12,5', ',')).toBe(12.5);
		expect(parseLocalNumber('-0.25', '.')).toBe(-0.25);
		expect(parseLocalNumber('1 234,5', ',')).toBe(1234.5);
		expect(parseLocalNumber('1.234,5', '.')).toBeNaN();
		expect(parseLocalNumber('1,234.5', ',')).toBeNaN();
		expect(parseLocalNumber('12.34.5', ',')).toBeNaN();
		expect(parseLocalNumber('1e5', '.')).toBeNaN();
		expect(parseLocalNumber('doce', ',')).toBeNaN();
	});

	it('takes the default from the programme’s country', () => {
		expect(defaultDecimalFor('Ecuador')).toBe(',');
		expect(defaultDecimalFor('Perú')).toBe('.');
		expect(defaultDecimalFor('El Salvador')).toBe('.');
	});

	it('reads a figure cell: numbers in a workbook, text in the stated format in a CSV, never a formula or a date', () => {
		expect(readNumber(12.5, 'xlsx', ',')).toEqual({ ok: true, value: 12.5 });
		expect(readNumber('12,5', 'xlsx', ',')).toEqual({ ok: false, key: 'import.textInNumberCell' });
		expect(readNumber('12,5', 'csv', ',')).toEqual({ ok: true, value: 12.5 });
		expect(readNumber('12,5', 'csv', '.')).toEqual({ ok: false, key: 'import.numberDot' });
		expect(readNumber({ bad: 'formula' }, 'xlsx', ',')).toEqual({ ok: false, key: 'import.formulaCell' });
		expect(readNumber({ bad: 'date', iso: '2022-01-01' }, 'xlsx', ',')).toEqual({ ok: false, key: 'import.dateCell' });
		expect(readNumber(null, 'csv', ',')).toEqual({ ok: true, value: undefined });
	});
});

describe('what an upload is', () => {
	it('judges the file by its first bytes and refuses .xls, .xlsm and renamed files', () => {
		const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]);
		const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		expect(fileKindOf(zip, 'v.xlsx')).toBe('xlsx');
		expect(fileKindOf(new TextEncoder().encode('a;b\n'), 'v.csv')).toBe('csv');
		expect(refusalKey(() => fileKindOf(ole, 'v.xls'))).toBe('import.formatRefused');
		expect(refusalKey(() => fileKindOf(ole, 'v.xlsx'))).toBe('import.formatRefused');
		expect(refusalKey(() => fileKindOf(zip, 'v.xlsm'))).toBe('import.formatRefused');
		expect(refusalKey(() => fileKindOf(new TextEncoder().encode('%PDF-1.7'), 'v.xlsx'))).toBe('import.notWorkbook');
		expect(refusalKey(() => fileKindOf(zip, 'v.csv'))).toBe('import.notCsv');
		expect(refusalKey(() => fileKindOf(new Uint8Array(), 'v.csv'))).toBe('import.emptyFile');
		expect(refusalKey(() => fileKindOf(new Uint8Array(IMPORT_LIMITS.maxBytes + 1), 'v.csv'))).toBe('import.tooLarge');
	});

	it('inflates every zip entry with a cap before any parser sees it: a bomb whose headers lie is refused', () => {
		const data = deflateRawSync(Buffer.alloc(5 * 1024 * 1024));
		expect(refusalKey(() => inspectZip(zipOf([['xl/workbook.xml', data, 10]])))).toBe('import.tooLargeInside');
		expect(refusalKey(() => inspectZip(zipOf([['xl/workbook.xml', data, 60 * 1024 * 1024]])))).toBe('import.tooLargeInside');
		const small = deflateRawSync(Buffer.from('<workbook/>'));
		expect(inspectZip(zipOf([['xl/workbook.xml', small, 11]])).entries).toEqual(['xl/workbook.xml']);
		expect(
			refusalKey(() =>
				inspectZip(
					zipOf([
						['xl/workbook.xml', small, 11],
						['xl/vbaProject.bin', small, 11]
					])
				)
			)
		).toBe('import.formatRefused');
		const sheets = Array.from({ length: 11 }, (_, i) => [`xl/worksheets/sheet${i + 1}.xml`, small, 11] as [string, Buffer, number]);
		expect(refusalKey(() => inspectZip(zipOf([['xl/workbook.xml', small, 11], ...sheets])))).toBe('import.tooManySheets');
		expect(refusalKey(() => inspectZip(Buffer.from('PK\x03\x04 not really a zip')))).toBe('import.notWorkbook');
	});

	it('marks formulas, dates and merged cells in a workbook grid', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('V');
		ws.addRow(['a', 'b', 'c', 'd']);
		ws.addRow([1, { formula: '1+1', result: 2 }, new Date('2022-01-01'), 'x']);
		ws.addRow([2, 3, null, null]);
		ws.mergeCells('C3:D3');
		const grid = gridOf((await loadWorkbook(Buffer.from(await wb.xlsx.writeBuffer()))).worksheets[0]!);
		expect(grid.rows[1]).toEqual([1, { bad: 'formula' }, { bad: 'date', iso: '2022-01-01' }, 'x']);
		expect(grid.rows[2]).toEqual([2, 3, { bad: 'merged' }, { bad: 'merged' }]);
	});

	it('reads a CSV with a BOM and semicolons, and refuses more rows than the limit before parsing them', () => {
		expect(csvGrid(new TextEncoder().encode('\uFEFFa;b\n1,5;\n')).rows).toEqual([
			['a', 'b'],
			['1,5', null]
		]);
		const big = 'a;b\n' + '1;2\n'.repeat(IMPORT_LIMITS.maxRows + 1);
		expect(refusalKey(() => csvGrid(new TextEncoder().encode(big)))).toBe('import.tooManyRows');
		expect(refusalKey(() => csvGrid(new Uint8Array([0x61, 0xff, 0xfe, 0x0a])))).toBe('import.notUtf8');
	});

	it('finds the headers in either language and refuses a file without the required ones', () => {
		const found = mapHeaders(['Code', 'Periodo', 'Actual', 'Women', 'Hombres', 'Nota', 'Programa'], VALUE_COLUMNS, ['code', 'actual']);
		expect(found).toMatchObject({ code: 0, period: 1, actual: 2, women: 3, men: 4, note: 5, programme: 6 });
		expect(refusalKey(() => mapHeaders(['Code'], VALUE_COLUMNS, ['code', 'actual']))).toBe('import.missingHeader');
	});
});

/** A minimal zip: each entry's compressed bytes and the uncompressed size its headers claim. */
function zipOf(entries: [string, Buffer, number][]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, data, size] of entries) {
		const n = Buffer.from(name);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(n.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(size, 24);
		central.writeUInt16LE(n.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, n, data);
		centrals.push(central, n);
		offset += local.length + n.length + data.length;
	}
	const cd = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, cd, end]);
}
