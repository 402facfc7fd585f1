import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { actions } from '../../../src/routes/programmes/[slug]/import/+page.server';
import { GET as getTemplate } from '../../../src/routes/programmes/[slug]/import/template/+server';
import { GET as getLogframeTemplate } from '../../../src/routes/programmes/[slug]/import/logframe-template/+server';
import { GET as getAnnotated } from '../../../src/routes/programmes/[slug]/import/annotated/+server';
import type { ValuePreview } from '$lib/server/exchange/import-values';
import type { LogframePreview } from '$lib/server/exchange/import-logframe';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { postAs } from '../../helpers/actions';
import { seeded } from '../../helpers/programme';

// The Excel round trip (issue 22 item 5): a template, or the annotated error workbook, opened and
// saved by another writer imports again. openpyxl (Debian's python3-openpyxl, through
// tests/helpers/xlsx-edit.py) names its note parts differently from Excel, which exceljs could not
// read ("not a valid .xlsx"); LibreOffice Calc (`soffice --convert-to xlsx`) rewrites the whole
// file; exceljs is the app's own writer. Each file goes through the route's real check and confirm.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
const ADMIN = 'admin@avance.test';
const ROUTE = '/programmes/[slug]/import';
const dir = mkdtempSync(join(tmpdir(), 'avance-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
});

const EDIT = join(import.meta.dirname, '../../helpers/xlsx-edit.py');

interface Edit {
	sheet?: string;
	header: string;
	value: string | number;
	set?: Record<string, string | number | null>;
	note?: Record<string, string>;
}

let saved = 0;
/** The file as openpyxl saves it after the edits; answers the saved file and its notes. */
function openpyxl(file: string, edits: Edit[]): { file: string; notes: [string, string, string][] } {
	const out = join(dir, `openpyxl-${++saved}-${basename(file)}`);
	const notes = execFileSync('/usr/bin/python3', [EDIT, file, out, JSON.stringify(edits)], { encoding: 'utf8' });
	return { file: out, notes: JSON.parse(notes) };
}

/** The files as LibreOffice Calc saves them (one run: each start costs seconds). */
function libreOffice(...files: string[]): string[] {
	const out = join(dir, `lo-${files.length}-${basename(files[0]!)}`);
	execFileSync(
		'soffice',
		[
			'--headless',
			'--norestore',
			`-env:UserInstallation=file://${join(dir, 'profile')}`,
			'--convert-to',
			'xlsx',
			'--outdir',
			out,
			...files
		],
		{ encoding: 'utf8', stdio: 'pipe' }
	);
	return files.map((f) => join(out, basename(f)));
}

async function download(
	handler: (event: never) => unknown,
	url: string,
	email = COORD,
	name: string,
	locale: 'es' | 'en' = 'es'
): Promise<string> {
	const r = await outcome(async () =>
		call(handler, makeEvent({ user: await sessionUser(db, email), params: { slug: 'patss' }, url, locale }))
	);
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	const file = join(dir, name);
	writeFileSync(file, new Uint8Array(await (r.value as Response).arrayBuffer()));
	return file;
}

const upload = (file: string, name = 'valores.xlsx') => new File([new Uint8Array(readFileSync(file))], name);

async function checkValues(file: string) {
	const r = await postAs(db, actions.check, COORD, {
		params: { slug: 'patss' },
		url: 'http://localhost/programmes/patss/import?/check',
		route: ROUTE,
		form: { file: upload(file), decimal: ',', intent: 'draft' }
	});
	if (r.kind !== 'value' || !r.value || typeof r.value !== 'object' || !('preview' in r.value)) throw new Error(JSON.stringify(r));
	return (r.value as { preview: ValuePreview }).preview;
}

async function confirmValues(preview: ValuePreview) {
	return postAs(db, actions.confirm, COORD, {
		params: { slug: 'patss' },
		url: 'http://localhost/programmes/patss/import?/confirm',
		route: ROUTE,
		form: { sha256: preview.sha256, kind: preview.kind, fileName: preview.fileName, decimal: preview.decimal, intent: preview.intent }
	});
}

async function checkLogframe(file: string) {
	const r = await postAs(db, actions.checkLogframe, ADMIN, {
		params: { slug: 'patss' },
		url: 'http://localhost/programmes/patss/import?/checkLogframe',
		route: ROUTE,
		form: { file: upload(file, 'marco.xlsx') }
	});
	if (r.kind !== 'value' || !r.value || typeof r.value !== 'object' || !('logframe' in r.value)) throw new Error(JSON.stringify(r));
	return (r.value as { logframe: LogframePreview }).logframe;
}

const openValue = (code: string, period: string) =>
	db
		.selectFrom('indicator_value')
		.selectAll()
		.where('indicator_id', '=', patss.indicatorId(code))
		.where('period_id', '=', patss.periodId(period))
		.where('status', 'in', ['draft', 'submitted', 'returned'])
		.executeTakeFirst();

const refused = (p: ValuePreview | LogframePreview) =>
	p.rows.filter((r) => ('verdict' in r ? r.verdict : r.action) === 'refused').map((r) => [r.line, r.errors]);

describe('the Excel round trip of period values', () => {
	it('imports the annotated error workbook fixed and saved by openpyxl (its notes kept), by LibreOffice and by exceljs', async () => {
		const period = patss.periodId('2022-S1');
		const template = await download(
			getTemplate,
			`http://localhost/programmes/patss/import/template?period=${period}`,
			COORD,
			'plantilla.xlsx'
		);
		// Women and men above the total: the row comes back in the annotated workbook with a note.
		const filled = openpyxl(template, [{ header: 'Código', value: '5.1-3', set: { 'Valor real': 150, Mujeres: 100, Hombres: 70 } }]);
		const first = await checkValues(filled.file);
		expect(first.counts.refused).toBe(1);
		const annotated = await download(
			getAnnotated,
			`http://localhost/programmes/patss/import/annotated?sha256=${first.sha256}&kind=xlsx&decimal=,&intent=draft`,
			COORD,
			'anotado.xlsx'
		);

		// openpyxl: the coordinator fixes the cell the note points at and saves; the notes stay in the file.
		const fixed = openpyxl(annotated, [{ header: 'Código', value: '5.1-3', set: { Mujeres: 80 }, note: { Nota: 'revisado' } }]);
		expect(fixed.notes.some(([, , text]) => /150/.test(text))).toBe(true);
		expect(fixed.notes.some(([, , text]) => text.startsWith('revisado'))).toBe(true);
		const viaOpenpyxl = await checkValues(fixed.file);
		expect(refused(viaOpenpyxl)).toEqual([]);
		expect(viaOpenpyxl.counts.save).toBe(1);

		// A still-wrong openpyxl file (with the old notes) is annotated again, its notes readable.
		const stillWrong = openpyxl(annotated, [{ header: 'Código', value: '5.1-3', set: { Mujeres: 95 } }]);
		const again = await checkValues(stillWrong.file);
		expect(again.counts.refused).toBe(1);
		const reannotated = await download(
			getAnnotated,
			`http://localhost/programmes/patss/import/annotated?sha256=${again.sha256}&kind=xlsx&decimal=,&intent=draft`,
			COORD,
			'anotado-2.xlsx'
		);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(readFileSync(reannotated) as unknown as ArrayBuffer);
		const notes: string[] = [];
		wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cell.note && notes.push(JSON.stringify(cell.note))));
		expect(notes.some((n) => n.includes('165'))).toBe(true);

		// LibreOffice: the fixed openpyxl file and the app's own annotated workbook, re-saved by Calc.
		const [fixedByCalc, annotatedByCalc] = libreOffice(fixed.file, annotated);
		const viaCalc = await checkValues(fixedByCalc!);
		expect(refused(viaCalc)).toEqual([]);
		expect(viaCalc.counts.save).toBe(1);
		expect((await checkValues(annotatedByCalc!)).counts.refused).toBe(1);

		// exceljs: the annotated workbook fixed by the app's own writer.
		const own = new ExcelJS.Workbook();
		await own.xlsx.load(readFileSync(annotated) as unknown as ArrayBuffer);
		const sheet = own.worksheets.find((s) => s.state === 'visible')!;
		const head: Record<string, number> = {};
		sheet.getRow(1).eachCell((cell, c) => (head[String(cell.value)] = c));
		sheet.eachRow((row) => {
			if (row.getCell(head['Código']!).value === '5.1-3') row.getCell(head['Mujeres']!).value = 80;
		});
		const ownFile = join(dir, 'exceljs.xlsx');
		writeFileSync(ownFile, new Uint8Array(await own.xlsx.writeBuffer()));
		const viaExceljs = await checkValues(ownFile);
		expect(refused(viaExceljs)).toEqual([]);
		expect(viaExceljs.counts.save).toBe(1);

		// The openpyxl file is stored as the value form stores it.
		expect(await confirmValues(viaOpenpyxl)).toMatchObject({ kind: 'redirect' });
		expect(await openValue('5.1-3', '2022-S1')).toMatchObject({ value: 150, women: 80, men: 70, status: 'draft' });
	}, 120_000);
});

describe('the Excel round trip of the logframe', () => {
	it('reads the whole PATSS logframe back unchanged from openpyxl (with a note added), LibreOffice and exceljs, and sees one edit', async () => {
		const template = await download(getLogframeTemplate, 'http://localhost/programmes/patss/import/logframe-template', ADMIN, 'marco.xlsx');
		const asIs = await checkLogframe(template);
		expect(refused(asIs)).toEqual([]);
		expect(asIs.counts).toMatchObject({ create: 0, update: 0, refused: 0 });
		const total = asIs.counts.unchanged;
		expect(total).toBeGreaterThan(10);

		const noted = openpyxl(template, [
			{ sheet: 'Módulos', header: 'Código', value: asIs.rows[0]!.code, note: { Título: 'ver con el equipo' } }
		]);
		expect(noted.notes).toHaveLength(1);
		const viaOpenpyxl = await checkLogframe(noted.file);
		expect(refused(viaOpenpyxl)).toEqual([]);
		expect(viaOpenpyxl.counts).toMatchObject({ create: 0, update: 0, unchanged: total });

		const [viaCalcFile, notedByCalc] = libreOffice(template, noted.file);
		for (const file of [viaCalcFile!, notedByCalc!]) {
			const viaCalc = await checkLogframe(file);
			expect(refused(viaCalc)).toEqual([]);
			expect(viaCalc.counts).toMatchObject({ create: 0, update: 0, unchanged: total });
		}

		const edited = openpyxl(notedByCalc!, [
			{ sheet: 'Módulos', header: 'Código', value: asIs.rows[0]!.code, set: { Título: 'Un título nuevo' } }
		]);
		const changed = await checkLogframe(edited.file);
		expect(refused(changed)).toEqual([]);
		expect(changed.counts).toMatchObject({ update: 1, unchanged: total - 1 });
	}, 120_000);
});

async function workbookOf(file: string): Promise<ExcelJS.Workbook> {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
	return wb;
}

/** The row of `code` on a sheet, by header. */
function rowOf(sheet: ExcelJS.Worksheet, code: string, codeHeader: string) {
	const head: Record<string, number> = {};
	sheet.getRow(1).eachCell((cell, c) => (head[String(cell.value)] = c));
	let found: ExcelJS.Row | undefined;
	sheet.eachRow((row) => {
		if (row.getCell(head[codeHeader]!).value === code) found = row;
	});
	if (!found) throw new Error(`no row ${code}`);
	return (header: string) => found!.getCell(head[header]!);
}

const instructionsOf = (wb: ExcelJS.Workbook, name: string) => {
	const lines: string[] = [];
	wb.getWorksheet(name)!.eachRow((row) => lines.push(row.values ? (row.values as unknown[]).filter(Boolean).join(' | ') : ''));
	return lines.join('\n');
};

describe('templates in the reader’s language', () => {
	it('values: milestone cells read sí/no (yes/no in English), an instructions sheet explains running totals, a wrong answer lists the options', async () => {
		const period = patss.periodId('2022-S1');
		const url = `http://localhost/programmes/patss/import/template?period=${period}`;
		const es = await download(getTemplate, url, COORD, 'valores-es.xlsx', 'es');
		const en = await download(getTemplate, url, COORD, 'values-en.xlsx', 'en');
		const wbEs = await workbookOf(es);
		const wbEn = await workbookOf(en);
		expect(rowOf(wbEs.getWorksheet('Valores')!, '1.4-1', 'Código')('Valor real').dataValidation.formulae).toEqual(['"sí,no"']);
		expect(rowOf(wbEn.getWorksheet('Values')!, '1.4-1', 'Code')('Actual').dataValidation.formulae).toEqual(['"yes,no"']);
		expect(instructionsOf(wbEs, 'Instrucciones')).toMatch(/total acumulado que debe alcanzarse al final de ese periodo/);
		expect(instructionsOf(wbEn, 'Instructions')).toMatch(/running total to reach by the end of that period/);

		const wrong = openpyxl(es, [{ header: 'Código', value: '1.4-1', set: { 'Valor real': 'quizá' } }]);
		const refusedRow = (await checkValues(wrong.file)).rows.find((r) => r.code === '1.4-1')!;
		expect(refusedRow.errors).toEqual([{ column: 'actual', message: 'Elija una de estas opciones: sí, no, 1, 0.' }]);
		// The Spanish label and the code are both read.
		for (const answer of ['sí', 1]) {
			const right = openpyxl(es, [{ header: 'Código', value: '1.4-1', set: { 'Valor real': answer } }]);
			const row = (await checkValues(right.file)).rows.find((r) => r.code === '1.4-1')!;
			expect(row.errors).toEqual([]);
		}
	}, 60_000);

	it('logframe: list cells and dropdowns in Spanish or English, codes accepted, no direction for milestones, errors list the options', async () => {
		const url = 'http://localhost/programmes/patss/import/logframe-template';
		const es = await download(getLogframeTemplate, url, ADMIN, 'marco-es.xlsx', 'es');
		const wbEs = await workbookOf(es);
		const indicators = wbEs.getWorksheet('Indicadores')!;
		const imp1 = rowOf(indicators, 'IMP-1', 'Código');
		expect([imp1('Medida').value, imp1('Dirección').value, imp1('Agregación').value, imp1('Frecuencia').value]).toEqual([
			'Número',
			'Aumentar',
			'Acumulado',
			expect.any(String)
		]);
		expect(imp1('Medida').dataValidation.formulae).toEqual(['"Número,Porcentaje,Hito (sí/no),Cualitativo"']);
		expect(imp1('Dirección').dataValidation.formulae).toEqual(['"Aumentar,Disminuir"']);
		expect(rowOf(indicators, '1.4-1', 'Código')('Dirección').value).toBeNull();
		expect(rowOf(indicators, 'M1-3', 'Código')('Dirección').value).toBeNull();
		expect(instructionsOf(wbEs, 'Instrucciones')).toMatch(/total acumulado[\s\S]*Número, Porcentaje, Hito \(sí\/no\), Cualitativo/);
		const wbEn = await workbookOf(await download(getLogframeTemplate, url, ADMIN, 'logframe-en.xlsx', 'en'));
		const imp1En = rowOf(wbEn.getWorksheet('Indicators')!, 'IMP-1', 'Code');
		expect([imp1En('Measure').value, imp1En('Direction').value]).toEqual(['Number', 'Increase']);

		// Codes and English labels are read too; a blank direction is fine for a milestone, not for a number.
		const edited = openpyxl(es, [
			{
				sheet: 'Indicadores',
				header: 'Código',
				value: 'IMP-1',
				set: { Medida: 'number', Dirección: 'Increase', Agregación: 'cumulative' }
			},
			{ sheet: 'Indicadores', header: 'Código', value: '1.4-1', set: { Medida: 'milestone', Dirección: null } }
		]);
		const ok = await checkLogframe(edited.file);
		expect(refused(ok)).toEqual([]);
		expect(ok.counts.update).toBe(0);

		const bad = openpyxl(es, [
			{ sheet: 'Indicadores', header: 'Código', value: 'IMP-1', set: { Dirección: null, Frecuencia: 'a veces' } },
			{ sheet: 'Indicadores', header: 'Código', value: 'IMP-2', set: { Medida: 'importe' } }
		]);
		const errors = (await checkLogframe(bad.file)).rows.filter((r) => r.errors.length);
		expect(errors.find((r) => r.code === 'IMP-1')!.errors).toEqual([
			{ column: 'direction', message: 'Elija una de estas opciones: Aumentar (increase), Disminuir (decrease).' },
			{
				column: 'frequency',
				message: expect.stringMatching(/^Elija una de estas opciones: Mensual \(monthly\), Trimestral \(quarterly\), Semestral/)
			}
		]);
		expect(errors.find((r) => r.code === 'IMP-2')!.errors).toEqual([
			{
				column: 'measure',
				message:
					'Elija una de estas opciones: Número (number), Porcentaje (percentage), Hito (sí/no) (milestone), Cualitativo (qualitative).'
			}
		]);
	}, 60_000);
});

describe('the logframe’s key flag, framework codes, women/men milestones and English texts', () => {
	it('are in the template and imported, audited; women + men above the milestone are refused', async () => {
		const template = await download(getLogframeTemplate, 'http://localhost/programmes/patss/import/logframe-template', ADMIN, 'marco.xlsx');
		const imp1 = rowOf((await workbookOf(template)).getWorksheet('Indicadores')!, 'IMP-1', 'Código');
		expect([imp1('Clave (sí/no)').value, imp1('Meta ODS').value]).toEqual(['sí', '1.3']);
		expect(imp1('2022-S1').value).toBe(15000);
		// The library code still follows the period milestones; women and men come last.
		const headers = ((await workbookOf(template)).getWorksheet('Indicadores')!.getRow(1).values as unknown[]).slice(1);
		expect(headers.indexOf('Código en la biblioteca')).toBe(headers.indexOf('2022-S1') + 1);
		expect(headers.slice(-2)).toEqual(['2022-S1 · mujeres', '2022-S1 · hombres']);

		const set = {
			'Clave (sí/no)': 'no',
			'Meta ODS': '8.5',
			'Resultado P&B de la OIT': 'Resultado 8',
			'Código del marco UE (GERF)': 'GERF 2.12',
			'Título en inglés': 'People reached by the technical assistance',
			'2022-S1 · mujeres': 7000,
			'2022-S1 · hombres': 6000,
			'Motivo del cambio': 'Meta desagregada por sexo'
		};
		const tooMany = openpyxl(template, [
			{ sheet: 'Indicadores', header: 'Código', value: 'IMP-1', set: { ...set, '2022-S1 · mujeres': 9500 } }
		]);
		expect((await checkLogframe(tooMany.file)).rows.find((r) => r.code === 'IMP-1')!.errors).toEqual([
			{ column: 'women:2022-S1', message: 'Mujeres + hombres (15.500) supera la meta total (15.000).' }
		]);

		const file = openpyxl(template, [{ sheet: 'Indicadores', header: 'Código', value: 'IMP-1', set }]);
		const preview = await checkLogframe(file.file);
		expect(refused(preview)).toEqual([]);
		expect(preview.counts.update).toBe(1);
		const r = await postAs(db, actions.confirmLogframe, ADMIN, {
			params: { slug: 'patss' },
			url: 'http://localhost/programmes/patss/import?/confirmLogframe',
			route: ROUTE,
			form: { sha256: preview.sha256, fileName: preview.fileName }
		});
		expect(r).toMatchObject({ kind: 'redirect' });
		const id = patss.indicatorId('IMP-1');
		expect(
			await db
				.selectFrom('indicator')
				.select(['is_key', 'sdg_target', 'ilo_outcome', 'eu_logframe_code'])
				.where('id', '=', id)
				.executeTakeFirst()
		).toEqual({
			is_key: 0,
			sdg_target: '8.5',
			ilo_outcome: 'Resultado 8',
			eu_logframe_code: 'GERF 2.12'
		});
		expect(
			await db
				.selectFrom('indicator_target')
				.select(['value', 'women', 'men'])
				.where('indicator_id', '=', id)
				.where('period_id', '=', patss.periodId('2022-S1'))
				.executeTakeFirst()
		).toEqual({ value: 15000, women: 7000, men: 6000 });
		expect(
			await db
				.selectFrom('translation')
				.select('text')
				.where('entity', '=', 'indicator')
				.where('entity_id', '=', id)
				.where('field', '=', 'title')
				.where('locale', '=', 'en')
				.executeTakeFirst()
		).toEqual({ text: 'People reached by the technical assistance' });
		expect(
			await db
				.selectFrom('audit_log')
				.select('action')
				.where('entity', '=', 'indicator')
				.where('entity_id', '=', String(id))
				.where('action', '=', 'translate')
				.execute()
		).toHaveLength(1);

		// Read back: the template now carries what was imported, and the same file is unchanged.
		const again = await download(getLogframeTemplate, 'http://localhost/programmes/patss/import/logframe-template', ADMIN, 'marco-2.xlsx');
		const after = rowOf((await workbookOf(again)).getWorksheet('Indicadores')!, 'IMP-1', 'Código');
		expect([after('Clave (sí/no)').value, after('2022-S1 · mujeres').value, after('Título en inglés').value]).toEqual([
			'no',
			7000,
			'People reached by the technical assistance'
		]);
		expect((await checkLogframe(again)).counts.update).toBe(0);
	}, 60_000);
});

describe('codes stay text through the round trip', () => {
	it('writes code columns as text cells, and "8.10" typed there comes back as "8.10" through openpyxl and LibreOffice', async () => {
		const template = await download(getLogframeTemplate, 'http://localhost/programmes/patss/import/logframe-template', ADMIN, 'codes.xlsx');
		const sheet = (await workbookOf(template)).getWorksheet('Indicadores')!;
		const imp1 = rowOf(sheet, 'IMP-1', 'Código');
		// The filled cells and the column (the rows a coordinator adds) carry the text format "@".
		for (const header of ['Código', 'Meta ODS', 'Resultado P&B de la OIT', 'Código del marco UE (GERF)'])
			expect([header, imp1(header).numFmt]).toEqual([header, '@']);
		expect(sheet.getColumn(imp1('Meta ODS').col).numFmt).toBe('@');
		expect(imp1('Línea de base').numFmt).not.toBe('@');

		// A spreadsheet stores what is typed in a text cell as text: "8.10", not the number 8.1.
		const typed = openpyxl(template, [{ sheet: 'Indicadores', header: 'Código', value: 'IMP-1', set: { 'Meta ODS': '8.10' } }]);
		const [viaCalc] = libreOffice(typed.file);
		const calcCell = rowOf((await workbookOf(viaCalc!)).getWorksheet('Indicadores')!, 'IMP-1', 'Código')('Meta ODS');
		expect([calcCell.value, calcCell.numFmt]).toEqual(['8.10', '@']);
		for (const file of [typed.file, viaCalc!]) {
			const preview = await checkLogframe(file);
			expect(refused(preview)).toEqual([]);
			expect(preview.rows.find((r) => r.code === 'IMP-1')!.action).toBe('update');
		}
		const preview = await checkLogframe(viaCalc!);
		const r = await postAs(db, actions.confirmLogframe, ADMIN, {
			params: { slug: 'patss' },
			url: 'http://localhost/programmes/patss/import?/confirmLogframe',
			route: ROUTE,
			form: { sha256: preview.sha256, fileName: preview.fileName }
		});
		expect(r).toMatchObject({ kind: 'redirect' });
		const saved = await db.selectFrom('indicator').select('sdg_target').where('id', '=', patss.indicatorId('IMP-1')).executeTakeFirst();
		expect(saved).toEqual({ sdg_target: '8.10' });
	}, 60_000);
});
