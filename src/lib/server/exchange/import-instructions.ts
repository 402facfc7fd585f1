import type ExcelJS from 'exceljs';
import { translate, translateDynamic } from '$lib/i18n/translate';
import type { Locale } from '$lib/model';

// The instructions sheet of each template (issue 22 item 5), in the reader's language: how to
// fill it, how milestones of cumulative indicators are read (running totals, the wording of the
// targets form), and every list column with its allowed values. Import reads only its own sheets,
// so this one is never mistaken for data.

export const INSTRUCTION_SHEETS = new Set(['es', 'en'].map((l) => translate(l as Locale, 'import.instructions.sheet')));

/** The label of an enum value in `locale` (`measure.number` → "Número"). */
export const enumLabel = (locale: Locale, prefix: string, value: string) => translateDynamic(locale, `${prefix}${value}`);

/** "Elija una de estas opciones: Número (number), …" — the allowed values, labels with their codes. */
export function choiceMessage(locale: Locale, values: readonly string[], prefix: string | null): string {
	const list = values.map((v) => (prefix ? `${enumLabel(locale, prefix, v)} (${v})` : v)).join(', ');
	return translate(locale, 'import.choiceOf', { values: list });
}

export function addInstructions(
	wb: ExcelJS.Workbook,
	locale: Locale,
	paragraphs: string,
	lists: { column: string; values: string[] }[]
): ExcelJS.Worksheet {
	const ws = wb.addWorksheet(translate(locale, 'import.instructions.sheet'));
	ws.getColumn(1).width = 34;
	ws.getColumn(2).width = 90;
	for (const text of [...paragraphs.split('|'), translate(locale, 'import.instructions.cumulative')]) {
		const row = ws.addRow([text]);
		ws.mergeCells(row.number, 1, row.number, 2);
		row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
		row.height = Math.max(15, Math.ceil(text.length / 110) * 15);
	}
	ws.addRow([]);
	const head = ws.addRow([translate(locale, 'import.instructions.column'), translate(locale, 'import.instructions.allowed')]);
	head.font = { bold: true };
	for (const { column, values } of lists) ws.addRow([column, values.join(', ')]).getCell(2).alignment = { wrapText: true };
	return ws;
}
