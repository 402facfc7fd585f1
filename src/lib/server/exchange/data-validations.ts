import type ExcelJS from 'exceljs';

// exceljs writes per-cell data validations by squeezing alike cells into ranges, after sorting
// the addresses as text ("G10" before "G2"): a column validated from row 2 came out as two
// overlapping ranges (G2:G219 and G10:G219), which Excel is strict about and may offer to
// "repair" (review of issue 22, finding 12). Here each run of one rule down a column becomes one
// range before the workbook is written, so exceljs writes it as it stands.

type ValidationModel = Record<string, ExcelJS.DataValidation | undefined>;

const CELL = /^([A-Z]+)(\d+)$/;

/** Rewrites the per-cell validations of every sheet of `wb` as one range per run down a column. */
export function compactDataValidations(wb: ExcelJS.Workbook): void {
	for (const ws of wb.worksheets) {
		const model = (ws as unknown as { dataValidations: { model: ValidationModel } }).dataValidations.model;
		const columns = new Map<string, { row: number; rule: ExcelJS.DataValidation; key: string }[]>();
		for (const [address, rule] of Object.entries(model)) {
			const cell = CELL.exec(address);
			if (!rule || !cell) continue;
			const list = columns.get(cell[1]!) ?? [];
			list.push({ row: Number(cell[2]), rule, key: JSON.stringify(rule) });
			columns.set(cell[1]!, list);
		}
		for (const [column, cells] of columns) {
			cells.sort((a, b) => a.row - b.row);
			let start = 0;
			for (let i = 1; i <= cells.length; i++) {
				if (i < cells.length && cells[i]!.row === cells[i - 1]!.row + 1 && cells[i]!.key === cells[start]!.key) continue;
				const first = cells[start]!;
				const last = cells[i - 1]!;
				if (last.row > first.row) {
					for (let k = start; k < i; k++) delete model[`${column}${cells[k]!.row}`];
					model[`${column}${first.row}:${column}${last.row}`] = first.rule;
				}
				start = i;
			}
		}
	}
}
