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

async function download(handler: typeof getTemplate, url: string, email = COORD, name: string): Promise<string> {
	const r = await outcome(async () => call(handler, makeEvent({ user: await sessionUser(db, email), params: { slug: 'patss' }, url })));
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
