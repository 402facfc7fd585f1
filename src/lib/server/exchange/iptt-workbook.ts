import ExcelJS from 'exceljs';
import type { I18n } from '$lib/i18n/context';
import type { ExportData } from './export-data';
import { exportHash } from './export-hash';
import { ipttLayout, type Cell, type SheetLayout } from './iptt-layout';
import { aboutRows, changesLayout, notesLayout, sourcesLayout } from './iptt-sheets';
import { financeLayout } from './iptt-finance';

// Writes the IPTT layout with exceljs: hidden id columns and key row, merged period bands and
// level rows, frozen panes, outline levels, real numbers with number formats, status words with
// a colour as an extra, and the sources, notes, change log and about sheets.

const FILL: Record<NonNullable<Cell['tone']> | 'open' | 'level' | 'header', string> = {
	ok: 'FFD9EAD3',
	warn: 'FFFFF2CC',
	bad: 'FFF4CCCC',
	muted: 'FFEEEEEE',
	open: 'FFFCE5CD',
	level: 'FFDDE4EE',
	header: 'FFE8EAED'
};
const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/**
 * Printing as an M&E officer files it: landscape A4, every column on the page width (as many pages
 * down as the rows need), the header rows and the code and indicator columns repeated on each page.
 */
function printSetup(sheet: ExcelJS.Worksheet, headerRows?: string, titleColumns?: string) {
	sheet.pageSetup = {
		...sheet.pageSetup,
		orientation: 'landscape',
		paperSize: 9,
		fitToPage: true,
		fitToWidth: 1,
		fitToHeight: 0,
		...(headerRows ? { printTitlesRow: headerRows } : {}),
		...(titleColumns ? { printTitlesColumn: titleColumns } : {}),
		margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 }
	};
}

function writeCell(cell: ExcelJS.Cell, c: Cell) {
	cell.value = c.value;
	if (c.numFmt && typeof c.value === 'number') cell.numFmt = c.numFmt;
	if (c.open) {
		cell.fill = solid(FILL.open);
		cell.font = { italic: true };
	} else if (c.tone) cell.fill = solid(FILL[c.tone]);
}

/** A plain table sheet: hidden key row, bold header row frozen, hidden id column. */
function addTable(workbook: ExcelJS.Workbook, layout: SheetLayout) {
	const sheet = workbook.addWorksheet(layout.name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }] });
	sheet.columns = layout.columns.map((c) => ({ key: c.key, width: c.width, hidden: !!c.hidden }));
	const keys = sheet.getRow(1);
	keys.values = layout.columns.map((c) => c.key);
	keys.hidden = true;
	const header = sheet.getRow(2);
	header.values = layout.columns.map((c) => c.header);
	header.font = { bold: true };
	header.alignment = { wrapText: true, vertical: 'top' };
	printSetup(sheet, '2:2');
	for (const row of layout.rows) {
		if (row.kind !== 'indicator') continue;
		const r = sheet.addRow([]);
		row.cells.forEach((c, i) => writeCell(r.getCell(i + 1), c));
		r.alignment = { wrapText: true, vertical: 'top' };
	}
	return sheet;
}

export interface IpttFile {
	bytes: Buffer;
	hash: string;
}

export async function ipttWorkbook(
	data: ExportData,
	i18n: I18n,
	options: { fileUrl: (id: number) => string; now?: Date }
): Promise<IpttFile> {
	const now = options.now ?? new Date();
	const hash = exportHash(data);
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Avance';
	workbook.created = now;
	workbook.modified = now;
	workbook.title = `IPTT ${data.programme.code}`;

	const layout = ipttLayout(data, i18n);
	const sheet = workbook.addWorksheet(layout.name, {
		views: [{ state: 'frozen', xSplit: layout.frozenColumns, ySplit: 3 }],
		properties: { outlineLevelRow: 1 }
	});
	sheet.columns = layout.columns.map((c) => ({ key: c.key, width: c.width, hidden: !!c.hidden }));
	const width = layout.columns.length;

	// Row 1: the machine keys (hidden), for a program that reads the workbook back.
	const keys = sheet.getRow(1);
	keys.values = layout.columns.map((c) => c.key);
	keys.hidden = true;
	// Row 2: each period's label over its columns.
	const bands = sheet.getRow(2);
	for (const band of layout.periodBands) {
		bands.getCell(band.first + 1).value = band.label;
		sheet.mergeCells(2, band.first + 1, 2, band.last + 1);
	}
	bands.font = { bold: true };
	bands.alignment = { horizontal: 'center' };
	// Row 3: the column headers.
	const header = sheet.getRow(3);
	header.values = layout.columns.map((c) => c.header);
	header.font = { bold: true };
	header.alignment = { wrapText: true, vertical: 'top' };
	for (let i = 1; i <= width; i++) {
		header.getCell(i).fill = solid(FILL.header);
		if (bands.getCell(i).value) bands.getCell(i).fill = solid(FILL.header);
	}
	printSetup(sheet, '2:3', 'B:C');

	for (const row of layout.rows) {
		const r = sheet.addRow([]);
		if (row.kind === 'level') {
			// The level's record key stays in the hidden first column; its title spans the rest.
			r.getCell(1).value = row.key;
			r.getCell(2).value = row.text;
			sheet.mergeCells(r.number, 2, r.number, width);
			r.font = { bold: true };
			r.getCell(2).fill = solid(FILL.level);
		} else {
			row.cells.forEach((c, i) => writeCell(r.getCell(i + 1), c));
			r.outlineLevel = 1;
			r.getCell(3).alignment = { wrapText: true, vertical: 'top' };
		}
	}

	addTable(workbook, sourcesLayout(data, i18n));
	addTable(workbook, notesLayout(data, i18n, options.fileUrl));
	addTable(workbook, changesLayout(data, i18n));
	const finance = financeLayout(data, i18n);
	if (finance) addTable(workbook, finance);

	const about = workbook.addWorksheet(i18n.t('export.sheet.about'));
	about.columns = [{ width: 32 }, { width: 90 }];
	// Label and value rows, no header to repeat: printed like the other sheets.
	printSetup(about);
	for (const [label, value] of aboutRows(data, i18n, { hash, generatedAt: now.toISOString() })) {
		const r = about.addRow([label, value]);
		r.getCell(1).font = { bold: true };
		r.getCell(2).alignment = { wrapText: true };
	}

	const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
	return { bytes, hash };
}
