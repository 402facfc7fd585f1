import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import type { Programme } from '$lib/model';
import type { ExpenditurePreview } from '$lib/server/exchange/import-expenditure';
import { loadFinance } from '$lib/server/finance/finance-read';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { sha256Hex } from '$lib/server/exchange/import-file';
import { actions } from '../../../src/routes/programmes/[slug]/finance/+page.server';
import { freshDatabase } from '../../helpers/db';
import { formFailure, postAs } from '../../helpers/actions';

// The expenditure import end to end through the Finance tab's real actions: check (errors by row
// and column, nothing written) → confirm (all rows in one transaction, audited with the file's
// SHA-256) → the finance read model counts them; the same bytes again are refused; bad files
// (formulas, text in amounts, unknown lines, another programme, another currency, a locked period,
// a renamed file, too many rows) are reported, never a 500, and write nothing.

const COORD = 'coord.patss@avance.test';
const DONOR = 'donor.iess@avance.test';
const ROUTE = '/programmes/[slug]/finance';

let db: Db;
let patss: Programme;
let periods: { id: number; label: string; start_date: string; end_date: string; locked: number }[];

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = (await getProgrammeBySlug(db, 'patss'))!;
	periods = await db
		.selectFrom('reporting_period')
		.select(['id', 'label', 'start_date', 'end_date', 'locked'])
		.where('programme_id', '=', patss.id)
		.orderBy('start_date')
		.execute();
}, 60_000);

const post = (action: (event: never) => unknown, email: string, form: Record<string, string | File>) =>
	postAs(db, action, email, { params: { slug: 'patss' }, route: ROUTE, url: 'http://localhost/programmes/patss/finance', form });
const check = (file: File, email = COORD) => post(actions.checkImport, email, { _form: 'import', file });
const confirm = (p: ExpenditurePreview, email = COORD) =>
	post(actions.confirmImport, email, { _form: 'import', sha256: p.sha256, kind: p.kind, fileName: p.fileName });

function previewOf(r: Awaited<ReturnType<typeof check>>): { preview: ExpenditurePreview; already: string | null } {
	if (r.kind !== 'value' || !r.value || typeof r.value !== 'object' || !('importPreview' in r.value)) throw new Error(JSON.stringify(r));
	const v = r.value as { importPreview: ExpenditurePreview; already: string | null };
	return { preview: v.importPreview, already: v.already };
}

const csv = (text: string, name = 'gasto.csv') => new File([text], name);
async function xlsx(rows: ExcelJS.CellValue[][], name = 'gasto.xlsx') {
	const wb = new ExcelJS.Workbook();
	const sheet = wb.addWorksheet('Ledger');
	for (const r of rows) sheet.addRow(r);
	return new File([new Uint8Array(await wb.xlsx.writeBuffer())], name);
}

const imported = async () =>
	db
		.selectFrom('expenditure')
		.innerJoin('budget_line', 'budget_line.id', 'expenditure.budget_line_id')
		.select(['expenditure.amount_minor', 'expenditure.period_id', 'expenditure.import_sha256', 'expenditure.note', 'budget_line.code'])
		.where('budget_line.programme_id', '=', patss.id)
		.where('expenditure.source', '=', 'imported')
		.execute();
const auditRows = () => db.selectFrom('audit_log').selectAll().where('entity', '=', 'expenditure_import').execute();

describe('importing expenditure', () => {
	it('refuses the check to a donor (403) and writes nothing', async () => {
		const r = await check(csv('Línea presupuestaria;Periodo;Importe\nBL-01;x;1'), DONOR);
		expect(r).toMatchObject({ kind: 'error', status: 403 });
		expect(await imported()).toHaveLength(0);
	});

	it('reports two bad rows by row and column and writes nothing; the fixed file imports whole, exactly and audited', async () => {
		const p0 = periods[0]!;
		const p1 = periods[1]!;
		const bad = [
			'Budget line;Date;Period;Amount;Currency;Description',
			`BL-01;${p0.start_date};;1.234,56;USD;Salarios`,
			`BL-99;${p0.start_date};;100;;Desconocida`,
			`BL-02;;${p1.label};cien;;Consultoría`,
			`BL-03;;${p1.label};-50.10;;Reembolso de taller`
		].join('\n');
		const first = previewOf(await check(csv(bad)));
		expect(first.preview.counts).toMatchObject({ rows: 4, good: 2, refused: 2, refunds: 1 });
		const byLine = new Map(first.preview.rows.map((r) => [r.line, r]));
		expect(byLine.get(3)!.errors).toEqual([{ column: 'line', message: expect.stringContaining('BL-99') }]);
		expect(byLine.get(4)!.errors.map((e) => e.column)).toEqual(['amount']);
		expect(await imported()).toHaveLength(0);
		// Confirming a file with refused rows writes nothing.
		const refused = formFailure(await confirm(first.preview));
		expect(refused.status).toBe(400);
		expect(await imported()).toHaveLength(0);

		const fixed = bad.replace('BL-99', 'BL-04').replace('cien', '100');
		const { preview } = previewOf(await check(csv(fixed)));
		expect(preview.counts).toMatchObject({ rows: 4, good: 4, refused: 0 });
		expect(preview.totalMinor).toBe(123456 + 10000 + 10000 - 5010);
		const r = await confirm(preview);
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		const rows = await imported();
		expect(rows.map((x) => [x.code, x.amount_minor]).sort()).toEqual(
			[
				['BL-01', 123456],
				['BL-02', 10000],
				['BL-03', -5010],
				['BL-04', 10000]
			].sort()
		);
		expect(rows.every((x) => x.import_sha256 === sha256Hex(Buffer.from(fixed)))).toBe(true);
		expect(rows.find((x) => x.code === 'BL-01')!.period_id).toBe(p0.id);
		expect(rows.find((x) => x.code === 'BL-03')!.note).toBe('Reembolso de taller');
		const audits = await auditRows();
		expect(audits).toHaveLength(1);
		expect(audits[0]!.entity_id).toBe(preview.sha256);
		expect(JSON.parse(audits[0]!.after!)).toMatchObject({ saved: 4, totalMinor: preview.totalMinor, refunds: 1 });

		// The finance read model counts the imported rows in their line's spent figure.
		const finance = await loadFinance(db, patss, { internal: true } as never, { asOf: patss.effectiveEndDate });
		const bl03 = finance.lines.find((l) => l.code === 'BL-03')!;
		expect(finance.cells[bl03.id]![p1.id]!.importedMinor).toBe(-5010);

		// The same bytes again: said at the check, refused at confirm, nothing counted twice.
		const again = previewOf(await check(csv(fixed, 'renombrado.csv')));
		expect(again.already).toMatch(/ya se importó|already imported/);
		const twice = formFailure(await confirm(again.preview));
		expect(twice.status).toBe(409);
		expect(await imported()).toHaveLength(4);
		expect(await auditRows()).toHaveLength(1);
	});

	it('reports formulas, text and floats in workbook amounts, dates outside the programme and another currency by row', async () => {
		const before = (await imported()).length;
		const p0 = periods[0]!;
		const file = await xlsx([
			['Línea presupuestaria', 'Fecha', 'Importe', 'Moneda'],
			['BL-01', new Date(`${p0.start_date}T00:00:00Z`), { formula: 'A1*2', result: 4 }, 'USD'],
			['BL-01', new Date(`${p0.start_date}T00:00:00Z`), 'mucho', 'USD'],
			['BL-01', new Date(`${p0.start_date}T00:00:00Z`), 0.1 + 0.2, 'USD'],
			['BL-01', '1999-01-01', 10, 'USD'],
			['BL-01', new Date(`${p0.start_date}T00:00:00Z`), 10, 'EUR'],
			['BL-01', new Date(`${p0.start_date}T00:00:00Z`), 12.5, 'usd']
		]);
		const { preview } = previewOf(await check(file));
		const errors = new Map(preview.rows.map((r) => [r.line, r.errors.map((e) => e.column)]));
		expect(errors.get(2)).toEqual(['amount']);
		expect(errors.get(3)).toEqual(['amount']);
		expect(errors.get(4)).toEqual(['amount']);
		expect(errors.get(5)).toEqual(['date']);
		expect(errors.get(6)).toEqual(['currency']);
		expect(errors.get(7)).toEqual([]);
		expect(preview.counts).toMatchObject({ good: 1, refused: 5 });
		expect(preview.rows.find((r) => r.line === 2)!.errors[0]!.message).toMatch(/fórmula/);
		expect((await imported()).length).toBe(before);
	});

	it('refuses a locked period by row, and a period locked between check and confirm at confirm', async () => {
		const before = (await imported()).length;
		const p2 = periods[2]!;
		await db.updateTable('reporting_period').set({ locked: 1 }).where('id', '=', p2.id).execute();
		const locked = previewOf(await check(csv(`Budget line,Period,Amount\nBL-01,${p2.label},10`)));
		expect(locked.preview.rows[0]!.errors.map((e) => e.column)).toEqual(['period']);
		await db.updateTable('reporting_period').set({ locked: 0 }).where('id', '=', p2.id).execute();

		const { preview } = previewOf(await check(csv(`Budget line,Period,Amount\nBL-01,${p2.label},11`)));
		expect(preview.counts.refused).toBe(0);
		await db.updateTable('reporting_period').set({ locked: 1 }).where('id', '=', p2.id).execute();
		const r = formFailure(await confirm(preview));
		expect(r.status).toBe(400);
		await db.updateTable('reporting_period').set({ locked: 0 }).where('id', '=', p2.id).execute();
		expect((await imported()).length).toBe(before);
	});

	it('refuses whole files with a message: another programme, a renamed file, a missing header, too many rows', async () => {
		const before = (await imported()).length;
		const message = async (file: File) => {
			const f = formFailure(await check(file));
			expect(f.status).toBe(400);
			return f.data.formError ?? '';
		};
		expect(await message(csv(`Programa;Línea presupuestaria;Periodo;Importe\nUE-PER-DESEMPLEO;BL-01;${periods[0]!.label};5`))).toMatch(
			/otro programa/
		);
		expect(await message(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])], 'gasto.csv'))).toMatch(/CSV/);
		expect(await message(csv('Línea presupuestaria;Importe\nBL-01;5'))).toMatch(/Fecha|Periodo/);
		const many = ['Línea presupuestaria;Periodo;Importe', ...Array.from({ length: 100_000 }, () => `BL-01;${periods[0]!.label};1`)].join(
			'\n'
		);
		expect(await message(csv(many))).toMatch(/filas/);
		expect((await imported()).length).toBe(before);
	});

	it('says an out-of-bound amount is out of range with its bound, takes a "code" header for the line and names the accepted headers when one is missing', async () => {
		const before = (await imported()).length;
		const p0 = periods[0]!;
		const { preview } = previewOf(
			await check(csv(`code;Fecha;Monto\nBL-01;${p0.start_date};99999999999999\nBL-01;${p0.start_date};1000,10`))
		);
		const tooBig = preview.rows.find((r) => r.line === 2)!;
		expect(tooBig.errors.map((e) => e.column)).toEqual(['amount']);
		expect(tooBig.errors[0]!.message).toMatch(/fuera del rango/);
		expect(tooBig.errors[0]!.message.replace(/\s/g, ' ')).toContain('1.000.000.000 US$');
		expect(tooBig.errors[0]!.message).not.toMatch(/No es un importe/);
		expect(preview.rows.find((r) => r.line === 3)!).toMatchObject({ code: 'BL-01', amountMinor: 100010, errors: [] });
		const { preview: codigo } = previewOf(await check(csv(`Código;Periodo;Importe\nBL-02;${p0.label};5`)));
		expect(codigo.counts).toMatchObject({ good: 1, refused: 0 });
		const missing = formFailure(await check(csv(`Cuenta;Periodo;Importe\nBL-01;${p0.label};5`)));
		expect(missing.status).toBe(400);
		expect(missing.data.formError).toMatch(/Línea presupuestaria \/ Budget line \/ code \/ código/);
		expect((await imported()).length).toBe(before);
	});
});
