import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { MessageKey } from '$lib/i18n/translate';
import { repairCommentParts, writeZip, type ZipPart } from './xlsx-repair';

// Reading an uploaded workbook or CSV, safely (design §7, issue 13 "Bad input"). exceljs is
// unmaintained, so nothing reaches it unchecked: the size, the file's real type (its first bytes,
// not its name), the zip's entries inflated here with a cap (a zip bomb's declared sizes can lie),
// macros and the number of sheets. What comes out is a plain grid of cells, with what cannot be
// a figure (formulas, dates, merged cells, Excel errors) marked for the row checks to report.

export const IMPORT_LIMITS = {
	/** The upload itself. */
	maxBytes: 5 * 1024 * 1024,
	/** Everything inside the workbook's zip once inflated. */
	maxUncompressedBytes: 40 * 1024 * 1024,
	maxZipEntries: 300,
	maxSheets: 10,
	/** Data rows (a period of the 300-indicator programme is 300; every value of it, 3,600). */
	maxRows: 10_000,
	maxColumns: 100
} as const;

/** The whole file is refused, with a message for the user. */
export class ImportRefusal extends Error {
	constructor(
		readonly key: MessageKey,
		readonly params: Record<string, string | number> = {}
	) {
		super(key);
		this.name = 'ImportRefusal';
	}
}

/** What a cell can be: empty, a number, a text, or something no figure may be (reported by row). */
export type Cell = null | number | string | { bad: 'formula' | 'date' | 'merged' | 'error' | 'boolean'; iso?: string };

export interface Grid {
	/** Row r (1-based, as the spreadsheet numbers it) is rows[r - 1]; cells are 0-based columns. */
	rows: Cell[][];
	sheetName: string;
}

export type FileKind = 'xlsx' | 'csv';

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** Which kind the upload is, from its name and first bytes; anything else is refused. */
export function fileKindOf(bytes: Uint8Array, fileName: string): FileKind {
	if (bytes.length === 0) throw new ImportRefusal('import.emptyFile');
	if (bytes.length > IMPORT_LIMITS.maxBytes) throw new ImportRefusal('import.tooLarge', { max: IMPORT_LIMITS.maxBytes / 1024 / 1024 });
	const ext = fileName.toLowerCase().split('.').pop() ?? '';
	if (['xlsm', 'xls', 'xlsb', 'xltm'].includes(ext) || startsWith(bytes, OLE)) throw new ImportRefusal('import.formatRefused');
	if (ext === 'xlsx') {
		if (!startsWith(bytes, ZIP)) throw new ImportRefusal('import.notWorkbook');
		return 'xlsx';
	}
	if (ext === 'csv' || ext === 'txt') {
		if (startsWith(bytes, ZIP) || bytes.subarray(0, 8192).includes(0)) throw new ImportRefusal('import.notCsv');
		return 'csv';
	}
	throw new ImportRefusal('import.formatRefused');
}

/**
 * Walks the zip's central directory and inflates every entry with a cap, before any parser sees
 * it: the sum of what comes out must stay under the limit whatever the headers claim. Refuses
 * macros (vbaProject), too many entries or sheets, ZIP64 and anything malformed.
 */
export function inspectZip(buf: Buffer): { entries: string[]; parts: ZipPart[] } {
	const refuse = (key: MessageKey = 'import.notWorkbook', params?: Record<string, string | number>) => new ImportRefusal(key, params);
	let eocd = -1;
	for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
		if (buf.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw refuse();
	const count = buf.readUInt16LE(eocd + 10);
	const cdOffset = buf.readUInt32LE(eocd + 16);
	if (count === 0xffff || cdOffset === 0xffffffff) throw refuse();
	if (count > IMPORT_LIMITS.maxZipEntries) throw refuse('import.tooComplex');
	const names: string[] = [];
	const parts: ZipPart[] = [];
	let total = 0;
	let p = cdOffset;
	for (let n = 0; n < count; n++) {
		if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw refuse();
		const method = buf.readUInt16LE(p + 10);
		const crc = buf.readUInt32LE(p + 16);
		const compressed = buf.readUInt32LE(p + 20);
		const size = buf.readUInt32LE(p + 24);
		const nameLength = buf.readUInt16LE(p + 28);
		const extraLength = buf.readUInt16LE(p + 30);
		const commentLength = buf.readUInt16LE(p + 32);
		const local = buf.readUInt32LE(p + 42);
		const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
		names.push(name);
		total += size;
		if (total > IMPORT_LIMITS.maxUncompressedBytes)
			throw refuse('import.tooLargeInside', { max: IMPORT_LIMITS.maxUncompressedBytes / 1024 / 1024 });
		if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw refuse();
		const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
		if (start + compressed > buf.length) throw refuse();
		const data = buf.subarray(start, start + compressed);
		if (method === 8) {
			let out: Buffer;
			try {
				// One byte more than declared: an entry that inflates beyond its header is a bomb.
				out = inflateRawSync(data, { maxOutputLength: Math.max(1, size + 1) });
			} catch {
				throw refuse('import.tooLargeInside', { max: IMPORT_LIMITS.maxUncompressedBytes / 1024 / 1024 });
			}
			if (out.length !== size) throw refuse('import.tooLargeInside', { max: IMPORT_LIMITS.maxUncompressedBytes / 1024 / 1024 });
		} else if (method !== 0 || compressed !== size) {
			throw refuse();
		}
		parts.push({ name, method, crc, size, stored: data });
		p += 46 + nameLength + extraLength + commentLength;
	}
	if (!names.includes('xl/workbook.xml')) throw refuse();
	if (names.some((n) => /vbaProject\.bin$/i.test(n) || /^xl\/macrosheets\//i.test(n))) throw refuse('import.formatRefused');
	const sheets = names.filter((n) => /^xl\/(worksheets|chartsheets)\/[^/]+\.xml$/i.test(n)).length;
	if (sheets > IMPORT_LIMITS.maxSheets) throw refuse('import.tooManySheets', { max: IMPORT_LIMITS.maxSheets });
	return { entries: names, parts };
}

/** The workbook, once inspectZip let it through. */
export async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
	const { parts } = inspectZip(buf);
	// Notes written under other writers' part names (openpyxl's), renamed to those exceljs reads.
	const repaired = repairCommentParts(parts);
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load((repaired ? writeZip(repaired) : buf) as unknown as ArrayBuffer);
	} catch {
		throw new ImportRefusal('import.notWorkbook');
	}
	return workbook;
}

function cellOf(cell: ExcelJS.Cell): Cell {
	const v = cell.value;
	if (v === null || v === undefined) return null;
	if (typeof v === 'number') return Number.isFinite(v) ? v : { bad: 'error' };
	if (typeof v === 'string') return v;
	if (typeof v === 'boolean') return { bad: 'boolean' };
	// A date is never a figure; date columns (logframe) read its calendar day.
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? { bad: 'error' } : { bad: 'date', iso: v.toISOString().slice(0, 10) };
	if (typeof v === 'object') {
		if ('formula' in v || 'sharedFormula' in v) return { bad: 'formula' };
		if ('error' in v) return { bad: 'error' };
		if ('richText' in v) return v.richText.map((t) => t.text).join('');
		if ('text' in v && typeof v.text === 'string') return v.text;
	}
	return { bad: 'error' };
}

/** One worksheet as a grid; cells inside merged ranges are marked (a figure never spans rows). */
export function gridOf(sheet: ExcelJS.Worksheet): Grid {
	if (sheet.rowCount > IMPORT_LIMITS.maxRows + 1) throw new ImportRefusal('import.tooManyRows', { max: IMPORT_LIMITS.maxRows });
	if (sheet.columnCount > IMPORT_LIMITS.maxColumns) throw new ImportRefusal('import.tooComplex');
	const rows: Cell[][] = [];
	sheet.eachRow({ includeEmpty: true }, (row, r) => {
		const cells: Cell[] = [];
		row.eachCell({ includeEmpty: true }, (cell, c) => {
			cells[c - 1] = cell.isMerged && r > 1 ? { bad: 'merged' } : cellOf(cell);
		});
		rows[r - 1] = Array.from({ length: cells.length }, (_, i) => cells[i] ?? null);
	});
	return { rows: Array.from({ length: rows.length }, (_, i) => rows[i] ?? []), sheetName: sheet.name };
}

/** A CSV as a grid of texts: BOM stripped, `;`, tab or `,` as the header row shows. */
export function csvGrid(bytes: Uint8Array): Grid {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new ImportRefusal('import.notUtf8');
	}
	let lines = 0;
	for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10 && ++lines > IMPORT_LIMITS.maxRows + 1) break;
	if (lines > IMPORT_LIMITS.maxRows + 1) throw new ImportRefusal('import.tooManyRows', { max: IMPORT_LIMITS.maxRows });
	const body = text.replace(/^\uFEFF/, '');
	// The delimiter is judged from the header row alone: it holds no figures, so a decimal comma
	// in the data ("1,5;2") cannot pass for a delimiter.
	const head = body.slice(0, body.indexOf('\n') >= 0 ? body.indexOf('\n') : body.length).replace(/"[^"]*"/g, '');
	const delimiter = [';', '\t', ','].map((d) => [d, head.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
	const parsed = Papa.parse<string[]>(body, { skipEmptyLines: false, delimiter });
	const broken = parsed.errors.find((e) => e.type === 'Quotes');
	if (broken) throw new ImportRefusal('import.csvBroken', { row: (broken.row ?? 0) + 1 });
	const rows = parsed.data.map((r) => r.map((c) => (c.trim() === '' ? null : c)));
	while (rows.length && rows.at(-1)!.every((c) => c === null)) rows.pop();
	if (rows.some((r) => r.length > IMPORT_LIMITS.maxColumns)) throw new ImportRefusal('import.tooComplex');
	return { rows, sheetName: 'CSV' };
}

export type DecimalSeparator = ',' | '.';

/**
 * A figure written as text with the stated decimal separator: "1.234,5" (Ecuador) or "1,234.5"
 * (Peru). Thousands groups must be whole groups of three; anything else is not a number (NaN), so
 * "1.234,5" read with "." is refused rather than stored as 1.2345.
 */
export function parseLocalNumber(text: string, decimal: DecimalSeparator): number {
	const s = text.trim().replace(/[\s\u00a0\u202f]/g, '');
	const group = decimal === ',' ? '\\.' : ',';
	const dec = decimal === ',' ? ',' : '\\.';
	const pattern = new RegExp(`^[+-]?(\\d{1,3}(${group}\\d{3})+|\\d+)(${dec}\\d+)?$`);
	if (!pattern.test(s)) return NaN;
	const plain = s.replace(new RegExp(group, 'g'), '').replace(decimal, '.');
	const n = Number(plain);
	return Number.isFinite(n) ? n : NaN;
}

/** The decimal separator a programme's country writes (Ecuador and El Salvador: see the brief; Peru: "."). */
export function defaultDecimalFor(country: string): DecimalSeparator {
	const c = country.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
	return [
		'ecuador',
		'spain',
		'espana',
		'argentina',
		'chile',
		'colombia',
		'uruguay',
		'paraguay',
		'bolivia',
		'venezuela',
		'brasil',
		'brazil'
	].some((name) => c.includes(name))
		? ','
		: '.';
}
