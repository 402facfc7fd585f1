import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { actions, load } from '../../../src/routes/programmes/[slug]/import/+page.server';
import { GET as getTemplate } from '../../../src/routes/programmes/[slug]/import/template/+server';
import { GET as getAnnotated } from '../../../src/routes/programmes/[slug]/import/annotated/+server';
import { actions as indicatorActions } from '../../../src/routes/programmes/[slug]/indicators/[id]/+page.server';
import type { ValuePreview } from '$lib/server/exchange/import-values';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { seeded } from '../../helpers/programme';

// The import of period values end to end through the route's real actions: template → fill →
// check (errors by row and column) → confirm (one transaction, drafts or submitted, audited with
// the file's SHA-256) → the same rows the value form stores; the same file again is detected;
// whole-file refusals write nothing.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
const COORD2 = 'coord2.patss@avance.test';
const ROUTE = '/programmes/[slug]/import';
const URL = 'http://localhost/programmes/patss/import';

beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

async function template(email: string, period: string | number, slug = 'patss'): Promise<ExcelJS.Workbook> {
	const r = await outcome(async () =>
		call(
			getTemplate,
			makeEvent({
				user: await sessionUser(db, email),
				params: { slug },
				url: `http://localhost/programmes/${slug}/import/template?period=${period}`
			})
		)
	);
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(await (r.value as Response).arrayBuffer());
	return wb;
}

const sheetOf = (wb: ExcelJS.Workbook) => wb.worksheets.find((s) => s.name !== 'avance')!;

function headerIndex(sheet: ExcelJS.Worksheet): Record<string, number> {
	const idx: Record<string, number> = {};
	sheet.getRow(1).eachCell((cell, c) => (idx[String(cell.value)] = c));
	return idx;
}

function rowFor(sheet: ExcelJS.Worksheet, code: string): ExcelJS.Row {
	const col = headerIndex(sheet)['Código']!;
	let found: ExcelJS.Row | undefined;
	sheet.eachRow((row) => {
		if (row.getCell(col).value === code) found = row;
	});
	if (!found) throw new Error(`no row for ${code}`);
	return found;
}

function setCells(sheet: ExcelJS.Worksheet, code: string, cells: Record<string, ExcelJS.CellValue>) {
	const idx = headerIndex(sheet);
	const row = rowFor(sheet, code);
	for (const [name, value] of Object.entries(cells)) row.getCell(idx[name]!).value = value;
	return row.number;
}

const fileOf = async (wb: ExcelJS.Workbook, name = 'valores.xlsx') => new File([new Uint8Array(await wb.xlsx.writeBuffer())], name);

async function check(email: string, file: File, extra: Record<string, string> = {}, slug = 'patss') {
	return postAs(db, actions.check, email, {
		params: { slug },
		url: `http://localhost/programmes/${slug}/import?/check`,
		route: ROUTE,
		form: { file, decimal: ',', intent: 'draft', ...extra }
	});
}

function previewOf(r: Awaited<ReturnType<typeof check>>): { preview: ValuePreview; already: string | null } {
	if (r.kind !== 'value' || !r.value || typeof r.value !== 'object' || !('preview' in r.value)) throw new Error(JSON.stringify(r));
	return r.value as { preview: ValuePreview; already: string | null };
}

async function confirm(email: string, preview: ValuePreview) {
	return postAs(db, actions.confirm, email, {
		params: { slug: 'patss' },
		url: `${URL}?/confirm`,
		route: ROUTE,
		form: { sha256: preview.sha256, kind: preview.kind, fileName: preview.fileName, decimal: preview.decimal, intent: preview.intent }
	});
}

const valueCount = async () =>
	Number(
		(
			await db
				.selectFrom('indicator_value')
				.select((eb) => eb.fn.countAll().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

const openValue = (code: string, period: string) =>
	db
		.selectFrom('indicator_value')
		.selectAll()
		.where('indicator_id', '=', patss.indicatorId(code))
		.where('period_id', '=', patss.periodId(period))
		.where('status', 'in', ['draft', 'submitted', 'returned'])
		.executeTakeFirst();

describe('importing period values', () => {
	it('refuses the page and its actions to a donor or an evaluator, and opens it to coordinators', async () => {
		expect(await loadAs(db, load, 'donor.iess@avance.test', { params: { slug: 'patss' }, url: URL })).toMatchObject({
			kind: 'error',
			status: 403
		});
		expect(await loadAs(db, load, 'evaluator@avance.test', { params: { slug: 'patss' }, url: URL })).toMatchObject({
			kind: 'error',
			status: 403
		});
		const wb = await template(COORD, patss.periodId('2022-S1'));
		expect(await check('donor.iess@avance.test', await fileOf(wb))).toMatchObject({ kind: 'error', status: 403 });
		const page = await loadAs<{ defaultDecimal: string }>(db, load, COORD, { params: { slug: 'patss' }, url: URL });
		expect(page.kind === 'value' && page.value.defaultDecimal).toBe(',');
	});

	it('round-trips a template: the filled rows are stored as the value form stores them, errors come by row and column, the import is audited', async () => {
		const wb = await template(COORD, patss.periodId('2022-S1'));
		const sheet = sheetOf(wb);
		const good = setCells(sheet, '5.1-3', { 'Valor real': 150, Mujeres: 80, Hombres: 70 });
		const before = await valueCount();
		const checked = previewOf(await check(COORD, await fileOf(wb)));
		expect(checked.already).toBeNull();
		const row = checked.preview.rows.find((r) => r.line === good)!;
		expect(row).toMatchObject({ code: '5.1-3', period: '2022-S1', verdict: 'save' });
		expect(checked.preview.counts.save).toBe(1);
		expect(checked.preview.counts.refused).toBe(0);
		expect(await valueCount()).toBe(before);

		const done = await confirm(COORD, checked.preview);
		expect(done).toMatchObject({ kind: 'redirect', status: 303, location: '/programmes/patss/import?notice=imported' });
		const stored = (await openValue('5.1-3', '2022-S1'))!;
		expect([stored.status, stored.value, stored.women, stored.men, stored.not_stated, stored.narrative]).toEqual([
			'draft',
			150,
			80,
			70,
			null,
			''
		]);
		expect(await valueCount()).toBe(before + 1);

		// The value form, given the same figures for another period-less twin, stores the same row.
		const viaForm = await outcome(async () =>
			call(
				indicatorActions.save,
				makeEvent({
					user: await sessionUser(db, COORD),
					params: { slug: 'patss', id: String(patss.indicatorId('5.1-3')) },
					url: 'http://localhost/x',
					form: {
						periodId: String(patss.periodId('2022-S1')),
						value: '150',
						women: '80',
						men: '70',
						notStated: '',
						narrative: '',
						evidenceUrl: '',
						correctionReason: '',
						valueVersion: String(stored.version),
						intent: 'draft'
					}
				})
			)
		);
		expect(viaForm).toMatchObject({ kind: 'redirect' });
		const again = (await openValue('5.1-3', '2022-S1'))!;
		expect([again.value, again.women, again.men, again.not_stated, again.narrative, again.status]).toEqual([
			stored.value,
			stored.women,
			stored.men,
			stored.not_stated,
			stored.narrative,
			stored.status
		]);

		const audit = await db.selectFrom('audit_log').selectAll().where('entity', '=', 'value_import').execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]!.entity_id).toBe(checked.preview.sha256);
		expect(JSON.parse(audit[0]!.after!)).toMatchObject({ sha256: checked.preview.sha256, saved: 1 });
		const valueAudit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'indicator_value')
			.where('entity_id', '=', String(stored.id))
			.execute();
		expect(valueAudit.map((a) => a.action)).toContain('create');
	});

	it('reports each bad row by column: sums, percentages, formulas, dates and text in number cells, merged cells; saves only the good rows', async () => {
		const wb = await template(COORD, patss.periodId('2022-S1'));
		const sheet = sheetOf(wb);
		const idx = headerIndex(sheet);
		const sum = setCells(sheet, '5.1-3', { 'Valor real': 150, Mujeres: 80, Hombres: 60 });
		const formula = rowFor(sheet, 'M1-1').number;
		sheet.getRow(formula).getCell(idx['Valor real']!).value = { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue;
		const rows: number[] = [];
		sheet.eachRow((r, n) => {
			if (n > 1 && n !== sum && n !== formula) rows.push(n);
		});
		const measureCol = idx['Medida']!;
		const numberRows = rows.filter((n) => sheet.getRow(n).getCell(measureCol).value === 'Número');
		const percentRows = rows.filter((n) => sheet.getRow(n).getCell(measureCol).value === 'Porcentaje');
		const [dateRow, textRow, mergedRow, goodRow] = numberRows;
		sheet.getRow(dateRow!).getCell(idx['Valor real']!).value = new Date('2022-03-01');
		sheet.getRow(textRow!).getCell(idx['Valor real']!).value = 'doce';
		sheet.getRow(mergedRow!).getCell(idx['Valor real']!).value = 5;
		sheet.mergeCells(mergedRow!, idx['Valor real']!, mergedRow!, idx['Nota']!);
		const bySex = sheet.getRow(goodRow!).getCell(idx['Por sexo']!).value === 'sí';
		sheet.getRow(goodRow!).getCell(idx['Valor real']!).value = 12;
		if (bySex) {
			sheet.getRow(goodRow!).getCell(idx['Mujeres']!).value = 6;
			sheet.getRow(goodRow!).getCell(idx['Hombres']!).value = 6;
		}
		if (percentRows[0]) sheet.getRow(percentRows[0]).getCell(idx['Valor real']!).value = 140;

		const before = await valueCount();
		const { preview } = previewOf(await check(COORD, await fileOf(wb)));
		const errorsOf = (line: number) => preview.rows.find((r) => r.line === line)?.errors ?? [];
		expect(errorsOf(sum)).toEqual([{ column: 'actual', message: expect.stringContaining('150') }]);
		expect(errorsOf(formula)).toEqual([{ column: 'actual', message: expect.stringMatching(/fórmula/) }]);
		expect(errorsOf(dateRow!)).toEqual([{ column: 'actual', message: expect.stringMatching(/fecha/) }]);
		expect(errorsOf(textRow!)).toEqual([{ column: 'actual', message: expect.stringMatching(/texto/) }]);
		expect(errorsOf(mergedRow!).some((e) => /combinada/.test(e.message))).toBe(true);
		if (percentRows[0]) expect(errorsOf(percentRows[0])).toEqual([{ column: 'actual', message: expect.any(String) }]);
		expect(preview.rows.find((r) => r.line === goodRow)?.verdict).toBe('save');
		expect(await valueCount()).toBe(before);

		// The annotated workbook marks the cells in error, with a note saying why.
		const r = await outcome(async () =>
			call(
				getAnnotated,
				makeEvent({
					user: await sessionUser(db, COORD),
					params: { slug: 'patss' },
					url: `http://localhost/programmes/patss/import/annotated?sha256=${preview.sha256}&kind=xlsx&decimal=,&intent=draft`
				})
			)
		);
		if (r.kind !== 'value') throw new Error(JSON.stringify(r));
		const annotated = new ExcelJS.Workbook();
		await annotated.xlsx.load(await (r.value as Response).arrayBuffer());
		const marked = sheetOf(annotated).getRow(sum).getCell(idx['Valor real']!);
		expect((marked.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
		expect(JSON.stringify(marked.note)).toContain('150');

		await confirm(COORD, preview);
		expect(await valueCount()).toBe(before + 1);
	});

	it('prints a milestone’s period target as "sí"/"no", as its actual reads (review of issue 22, finding 27)', async () => {
		const period = patss.periodId('2021-S2');
		const milestones = await db
			.selectFrom('indicator_target')
			.innerJoin('indicator', 'indicator.id', 'indicator_target.indicator_id')
			.select(['indicator.code', 'indicator_target.value'])
			.where('indicator.programme_id', '=', patss.programme.id)
			.where('indicator.measure', '=', 'milestone')
			.where('indicator_target.period_id', '=', period)
			.execute();
		expect(milestones.length, 'the seed has milestone targets in 2021-S2').toBeGreaterThan(0);
		const sheet = sheetOf(await template(COORD, period));
		const idx = headerIndex(sheet);
		const targetColumn = Object.keys(idx).find((h) => h.startsWith('Meta'))!;
		for (const m of milestones) expect(rowFor(sheet, m.code).getCell(idx[targetColumn]!).value).toBe(m.value >= 1 ? 'sí' : 'no');
	});

	it('detects the same file uploaded again, and refuses to import it twice', async () => {
		const wb = await template(COORD, patss.periodId('2022-S1'));
		setCells(sheetOf(wb), '5.1-3', { 'Valor real': 150, Mujeres: 80, Hombres: 70 });
		const file = await fileOf(wb);
		const first = previewOf(await check(COORD, file));
		await confirm(COORD, first.preview);
		const second = previewOf(await check(COORD, file));
		expect(second.already).toMatch(/ya se importó/);
		const r = formFailure(await confirm(COORD, second.preview));
		expect(r.status).toBe(409);
		expect(await db.selectFrom('audit_log').selectAll().where('entity', '=', 'value_import').execute()).toHaveLength(1);
	});

	it('keeps the four-eyes rule: an imported value is submitted at most, and its importer cannot approve it', async () => {
		const wb = await template(COORD, patss.periodId('2022-S1'));
		setCells(sheetOf(wb), '5.1-3', { 'Valor real': 150, Mujeres: 80, Hombres: 70 });
		const { preview } = previewOf(await check(COORD, await fileOf(wb), { intent: 'submit' }));
		expect(preview.counts.save).toBe(1);
		await confirm(COORD, preview);
		const value = (await openValue('5.1-3', '2022-S1'))!;
		expect(value.status).toBe('submitted');
		const approve = async (email: string) =>
			outcome(async () =>
				call(
					indicatorActions.approve,
					makeEvent({
						user: await sessionUser(db, email),
						params: { slug: 'patss', id: String(patss.indicatorId('5.1-3')) },
						url: 'http://localhost/x',
						form: { valueId: String(value.id), valueVersion: String(value.version) }
					})
				)
			);
		expect(formFailure(await approve(COORD)).status).toBe(403);
		expect(await approve(COORD2)).toMatchObject({ kind: 'redirect' });
	});

	it('reads a CSV with the decimal separator the user states', async () => {
		const header = 'Programa;Periodo;Código;Valor real;Mujeres;Hombres;Nota\n';
		const csv = `\uFEFF${header}${patss.programme.code};2022-S1;5.1-3;1.234,0;1.000;234;\n`;
		const { preview } = previewOf(await check(COORD, new File([csv], 'valores.csv'), { decimal: ',' }));
		expect(preview.rows[0]).toMatchObject({ verdict: 'save', figures: '1234 · 1000/234' });
		const wrong = previewOf(await check(COORD, new File([csv], 'valores.csv'), { decimal: '.' }));
		expect(wrong.preview.rows[0]!.errors.map((e) => e.column)).toEqual(['actual']);
	});

	describe('refuses the whole file, writing nothing', () => {
		const refusal = async (file: File, slug = 'patss', email = COORD) => {
			const before = await valueCount();
			const f = formFailure(await check(email, file, {}, slug));
			expect(await valueCount()).toBe(before);
			return f;
		};

		it('for another programme’s template, a wrong template version, a missing header', async () => {
			const peru = await template('coord.peru@avance.test', 'all', 'peru-desempleo-ue');
			expect((await refusal(await fileOf(peru))).data.formError).toMatch(/otro programa/);

			const wb = await template(COORD, patss.periodId('2022-S1'));
			wb.getWorksheet('avance')!.getRow(2).getCell(2).value = 99;
			expect((await refusal(await fileOf(wb))).data.formError).toMatch(/otra versión/);

			const csv = `Programa;Periodo;Código;Valor real\n${patss.programme.code};2022-S1;5.1-3;1\n`;
			expect((await refusal(new File([csv], 'x.csv'))).data.formError).toMatch(/Faltan columnas.*Mujeres/);

			const pasted = `Programa;Periodo;Código;Valor real;Mujeres;Hombres;Nota\nPER/99/01/EUR;2022-S1;5.1-3;1;;;\n`;
			expect((await refusal(new File([pasted], 'x.csv'))).data.formError).toMatch(/otro programa/);
		});

		it('for .xls, .xlsm, a renamed file, a zip bomb, 100,000 rows', async () => {
			const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
			expect((await refusal(new File([ole], 'old.xls'))).status).toBe(400);
			expect((await refusal(new File([ole], 'renamed.xlsx'))).data.formError).toMatch(/\.xls/);
			const wb = await template(COORD, patss.periodId('2022-S1'));
			expect((await refusal(await fileOf(wb, 'macros.xlsm'))).data.formError).toMatch(/xlsm/);
			expect((await refusal(new File(['%PDF-1.4 not a workbook'], 'report.xlsx'))).data.formError).toMatch(/no es un libro/);
			expect((await refusal(new File([new Uint8Array(bomb())], 'bomb.xlsx'))).data.formError).toMatch(/descomprimido/);
			const rows =
				'Programa;Periodo;Código;Valor real;Mujeres;Hombres;Nota\n' + `${patss.programme.code};2022-S1;5.1-3;1;;;\n`.repeat(100_000);
			expect((await refusal(new File([rows], 'big.csv'))).data.formError).toMatch(/más de 10/);
		});
	});
});

/** A zip whose one entry claims 100 bytes and inflates to 50 MB. */
function bomb(): Buffer {
	const data = deflateRawSync(Buffer.alloc(50 * 1024 * 1024));
	const name = Buffer.from('xl/workbook.xml');
	const local = Buffer.alloc(30);
	local.writeUInt32LE(0x04034b50, 0);
	local.writeUInt16LE(8, 8);
	local.writeUInt32LE(data.length, 18);
	local.writeUInt32LE(100, 22);
	local.writeUInt16LE(name.length, 26);
	const central = Buffer.alloc(46);
	central.writeUInt32LE(0x02014b50, 0);
	central.writeUInt16LE(8, 10);
	central.writeUInt32LE(data.length, 20);
	central.writeUInt32LE(100, 24);
	central.writeUInt16LE(name.length, 28);
	central.writeUInt32LE(0, 42);
	const cdOffset = local.length + name.length + data.length;
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(1, 8);
	end.writeUInt16LE(1, 10);
	end.writeUInt32LE(central.length + name.length, 12);
	end.writeUInt32LE(cdOffset, 16);
	return Buffer.concat([local, name, data, central, name, end]);
}
