import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import type { Db } from '$lib/server/db/connection';
import type { Viewer } from '$lib/server/core/viewer';
import { exportIptt } from '$lib/server/exchange/export-files';
import { loadFinance } from '$lib/server/finance/finance-read';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// The IPTT as an outside tool reads it (issue 26 item 6): openpyxl, the library pandas opens
// workbooks with, finds one key per row in the hidden first column (typed by level, so a module
// and an indicator with the same id never share one), a row for a module and an output that have
// no indicators of their own, and the print setup (landscape, fit to width, repeated titles) on
// every sheet.

const AS_OF = '2026-11-21';
const es = createI18n(() => 'es');
const fileUrl = (id: number) => `http://localhost/programmes/patss/files/${id}`;
const READ = join(import.meta.dirname, '../../helpers/xlsx-read.py');
const dir = mkdtempSync(join(tmpdir(), 'avance-openpyxl-'));

interface SheetRead {
	name: string;
	orientation: string | null;
	fitToPage: boolean;
	fitToWidth: number | null;
	fitToHeight: number | null;
	printTitleRows: string | null;
	printTitleCols: string | null;
	columnAHidden: boolean;
	rows: unknown[][];
}

let db: Db;
let coordinator: Viewer;
let programmeId: number;
let emptyModule: number;
let emptyOutput: number;
let sheets: SheetRead[];

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	const patss = await seeded(db, 'patss');
	coordinator = { id: await userId(db, 'coord.patss@avance.test'), internal: true, canReview: true };
	programmeId = patss.programme.id;
	// A module just added to the logframe, with one output and no indicator anywhere under it yet.
	emptyModule = (
		await db
			.insertInto('module')
			.values({ programme_id: patss.programme.id, code: 'M9', title: 'Módulo sin indicadores', sort_order: 99 })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	emptyOutput = (
		await db
			.insertInto('output')
			.values({ module_id: emptyModule, code: 'M9.1', title: 'Producto sin indicadores', sort_order: 1 })
			.returning('id')
			.executeTakeFirstOrThrow()
	).id;
	const file = await exportIptt(db, patss.programme, coordinator, { i18n: es, asOf: AS_OF, fileUrl });
	const path = join(dir, 'iptt.xlsx');
	writeFileSync(path, file.bytes);
	sheets = JSON.parse(execFileSync('/usr/bin/python3', [READ, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the IPTT read by openpyxl', { timeout: 30_000 }, () => {
	it('has one key per row in the hidden first column, typed by level', async () => {
		const iptt = sheets.find((s) => s.name === 'IPTT')!;
		expect(iptt.columnAHidden).toBe(true);
		expect(iptt.rows[0]![0]).toBe('record');
		const keys = iptt.rows.slice(3).map((r) => String(r[0]));
		expect(keys.length).toBeGreaterThan(10);
		expect(new Set(keys).size).toBe(keys.length);
		for (const key of keys) expect(key).toMatch(/^(programme|module:\d+|output:\d+|indicator:\d+)$/);
		const indicators = await db.selectFrom('indicator').select('id').where('programme_id', '=', programmeId).execute();
		expect(keys.filter((k) => k.startsWith('indicator:')).sort()).toEqual(indicators.map((i) => `indicator:${i.id}`).sort());
		// The other sheets key their rows the same way, never a bare number.
		for (const sheet of sheets.filter((s) => s.name !== 'IPTT' && s.rows[0]?.[0] === 'record')) {
			const rowKeys = sheet.rows.slice(2).map((r) => String(r[0]));
			expect(new Set(rowKeys).size, sheet.name).toBe(rowKeys.length);
			for (const key of rowKeys) expect(key, sheet.name).toMatch(/^[a-z_]+(:\d+)?$/);
		}
	});

	it('keeps a row for a module and an output without indicators of their own', () => {
		const iptt = sheets.find((s) => s.name === 'IPTT')!;
		const moduleRow = iptt.rows.find((r) => r[0] === `module:${emptyModule}`);
		const outputRow = iptt.rows.find((r) => r[0] === `output:${emptyOutput}`);
		expect(moduleRow?.[1]).toBe('M9 — Módulo sin indicadores');
		expect(outputRow?.[1]).toBe('M9.1 — Producto sin indicadores');
		expect(iptt.rows.indexOf(outputRow!)).toBe(iptt.rows.indexOf(moduleRow!) + 1);
	});

	it('prints every sheet landscape on the page width, the header rows repeated on each page', () => {
		expect(sheets.map((s) => s.name)).toEqual(['IPTT', 'Fuentes', 'Notas', 'Cambios', 'Finanzas', 'Acerca de']);
		for (const sheet of sheets) {
			expect({ name: sheet.name, orientation: sheet.orientation, fitToPage: sheet.fitToPage, fitToWidth: sheet.fitToWidth }).toEqual({
				name: sheet.name,
				orientation: 'landscape',
				fitToPage: true,
				fitToWidth: 1
			});
			// As many pages down as the rows need.
			expect(sheet.fitToHeight, sheet.name).toBe(0);
		}
		const titles = Object.fromEntries(sheets.map((s) => [s.name, [s.printTitleRows, s.printTitleCols]]));
		expect(titles['IPTT']).toEqual(['$2:$3', '$B:$C']);
		for (const name of ['Fuentes', 'Notas', 'Cambios', 'Finanzas']) expect(titles[name]![0], name).toBe('$2:$2');
	});

	it("fills each period's planned column of the finance sheet: the lines' plan per period, summed for the programme, and the planned disbursements", async () => {
		for (const slug of ['el-salvador-pps', 'peru-desempleo-ue']) {
			const { programme } = await seeded(db, slug);
			// A donor's file: ended periods only, so planned to date runs to the end of the last one shown.
			const viewer: Viewer = { id: coordinator.id, internal: false, canReview: false };
			const file = await exportIptt(db, programme, viewer, { i18n: es, asOf: AS_OF, fileUrl });
			const path = join(dir, `${slug}.xlsx`);
			writeFileSync(path, file.bytes);
			const read: SheetRead[] = JSON.parse(
				execFileSync('/usr/bin/python3', [READ, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
			);
			const sheet = read.find((s) => s.name === 'Finanzas')!;
			// Row 1 holds the typed keys, row 2 the headers people read.
			const header = sheet.rows[1]!.map(String);
			const keys = sheet.rows[0]!.map(String);
			const plannedCols = keys.flatMap((k, i) => (/^p\d+\.planned$/.test(k) ? [i] : []));
			const plannedToDate = keys.indexOf('planned');
			for (const i of plannedCols) expect(header[i]).toMatch(/: previsto$/);
			expect(plannedCols.length, slug).toBeGreaterThan(1);
			expect(plannedToDate, slug).toBeGreaterThan(0);
			const finance = await loadFinance(db, programme, viewer, { asOf: AS_OF });
			const lineRows = sheet.rows.filter((r) => String(r[0]).startsWith('budget_line:'));
			expect(lineRows.length, slug).toBe(finance.lines.length);
			const cents = (v: unknown) => Math.round(Number(v) * 100);
			for (const row of lineRows) {
				const line = finance.lines.find((l) => `budget_line:${l.id}` === row[0])!;
				// Every period shown has a figure, and they add up to the planned-to-date column.
				for (const i of plannedCols) expect(row[i], `${slug} ${line.code} ${header[i]}`).not.toBeNull();
				const sum = plannedCols.reduce((a, i) => a + cents(row[i]), 0);
				expect(sum, `${slug} ${line.code}`).toBe(cents(row[plannedToDate]));
				expect(sum, `${slug} ${line.code}`).toBe(line.plannedMinor);
			}
			const programmeRow = sheet.rows.find((r) => r[0] === 'programme')!;
			for (const i of plannedCols)
				expect(cents(programmeRow[i]), `${slug} ${header[i]}`).toBe(lineRows.reduce((a, r) => a + cents(r[i]), 0));
			// The planned disbursements row carries the Finance tab's list, period by period.
			const disbursements = sheet.rows.find((r) => r[0] === 'planned_disbursements');
			if (finance.plannedDisbursements.length === 0) expect(disbursements, slug).toBeUndefined();
			else {
				expect(disbursements![2]).toBe('Desembolsos previstos');
				for (const d of finance.plannedDisbursements) {
					const label = finance.periods.find((p) => p.id === d.periodId)!.label;
					expect(cents(disbursements![header.indexOf(`${label}: previsto`)]), `${slug} ${label}`).toBe(d.amountMinor);
				}
			}
		}
	});
});
