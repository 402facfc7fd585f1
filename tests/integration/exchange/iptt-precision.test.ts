import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import type { Db } from '$lib/server/db/connection';
import type { Viewer } from '$lib/server/core/viewer';
import { exportIptt } from '$lib/server/exchange/export-files';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';

// Issue 22: a target typed as 1.5 (million USD) on an indicator shown with 0 decimals printed "2"
// in the IPTT. Typed figures (baseline, end target, period milestones) keep the decimals they were
// entered with — measure-format.ts's display rule — while computed and reported figures keep the
// indicator's. Read from the workbook's cells, and as LibreOffice Calc shows them.

const es = createI18n(() => 'es');
let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
let coordinator: Viewer;
const dir = mkdtempSync(join(tmpdir(), 'avance-iptt-precision-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	coordinator = { id: await userId(db, 'coord.patss@avance.test'), internal: true, canReview: true };
});

/** The fields of one CSV line (quoted fields may hold commas and doubled quotes). */
function csvFields(line: string): string[] {
	const out: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i]!;
		if (quoted && ch === '"' && line[i + 1] === '"') {
			field += '"';
			i++;
		} else if (ch === '"') {
			quoted = !quoted;
		} else if (ch === ',' && !quoted) {
			out.push(field);
			field = '';
		} else {
			field += ch;
		}
	}
	out.push(field);
	return out;
}

describe('the IPTT keeps the precision a target was entered with', () => {
	it('writes 1.5 with one decimal, 0.25 with two, a milestone of 0.5 with one, and the actuals with the indicator’s 0', async () => {
		const id = patss.indicatorId('IMP-1');
		const period = patss.periodId('2022-S1');
		await db
			.updateTable('indicator')
			.set({ measure: 'number', decimals: 0, target_value: 1.5, baseline_value: 0.25 })
			.where('id', '=', id)
			.execute();
		await db
			.updateTable('indicator_target')
			.set({ value: 0.5, women: null, men: null })
			.where('indicator_id', '=', id)
			.where('period_id', '=', period)
			.execute();

		const file = await exportIptt(db, patss.programme, coordinator, {
			i18n: es,
			asOf: '2026-11-21',
			fileUrl: (n) => `http://localhost/files/${n}`
		});
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(file.bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
		const sheet = workbook.getWorksheet('IPTT')!;
		const keys = (sheet.getRow(1).values as unknown[]).slice(1);
		const col = (key: string) => keys.indexOf(key) + 1;
		let row: ExcelJS.Row | undefined;
		sheet.eachRow((r) => {
			if (r.getCell(1).value === `indicator:${id}`) row = r;
		});
		const cell = (key: string) => row!.getCell(col(key));
		expect([cell('end_target').value, cell('end_target').numFmt]).toEqual([1.5, '#,##0.0']);
		expect([cell('baseline').value, cell('baseline').numFmt]).toEqual([0.25, '#,##0.00']);
		expect([cell(`p${period}.target`).value, cell(`p${period}.target`).numFmt]).toEqual([0.5, '#,##0.0']);
		expect(cell(`p${period}.actual`).numFmt).toBe('#,##0');
		// A whole target keeps the indicator's format.
		const other = await db
			.selectFrom('indicator')
			.select(['id', 'target_value', 'decimals'])
			.where('programme_id', '=', patss.programme.id)
			.where('measure', '=', 'number')
			.where('decimals', '=', 0)
			.where('id', '!=', id)
			.where('target_value', 'is not', null)
			.executeTakeFirstOrThrow();
		let otherRow: ExcelJS.Row | undefined;
		sheet.eachRow((r) => {
			if (r.getCell(1).value === `indicator:${other.id}`) otherRow = r;
		});
		if (Number.isInteger(other.target_value)) expect(otherRow!.getCell(col('end_target')).numFmt).toBe('#,##0');

		// What a reader sees: LibreOffice Calc's text of the cells ("as shown" in its CSV).
		const xlsx = join(dir, 'iptt.xlsx');
		writeFileSync(xlsx, file.bytes);
		execFileSync(
			'soffice',
			['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'csv', '--outdir', dir, xlsx],
			{
				stdio: 'pipe'
			}
		);
		const line = readFileSync(join(dir, 'iptt.csv'), 'utf8')
			.split('\n')
			.find((l) => l.startsWith(`indicator:${id},`))!;
		const shown = csvFields(line);
		expect(shown[col('end_target') - 1]).toBe('1.5');
		expect(shown[col('baseline') - 1]).toBe('0.25');
		expect(shown[col(`p${period}.target`) - 1]).toBe('0.5');
	}, 60_000);
});
