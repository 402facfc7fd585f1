import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import type { Programme } from '$lib/model';
import { actions } from '../../../src/routes/programmes/[slug]/import/+page.server';
import { GET as getTemplate } from '../../../src/routes/programmes/[slug]/import/logframe-template/+server';
import type { LogframePreview } from '$lib/server/exchange/import-logframe';
import { createProgramme, programmeCreateSchema } from '$lib/server/programmes/fact-sheet';
import { createPeriod } from '$lib/server/programmes/periods';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { formFailure, postAs } from '../../helpers/actions';

// The logframe import: a new programme's modules, outputs, activities and indicators with their
// baselines, end targets and period milestones from one workbook, matched by code, a changed
// baseline or milestone only with a reason, nothing deleted, all in one transaction.

let db: Db;
let programme: Programme;
const ADMIN = 'admin@avance.test';
const ROUTE = '/programmes/[slug]/import';

beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	const actor = { id: await userId(db, ADMIN) };
	programme = await createProgramme(
		db,
		actor,
		programmeCreateSchema.parse({
			code: 'GTM/26/01/RBS',
			slug: 'guatemala-pps',
			shortName: 'Guatemala PPS',
			title: 'Piso de protección social en Guatemala',
			country: 'Guatemala',
			fundingModality: 'rbsa',
			currency: 'USD',
			startDate: '2026-01-01',
			endDate: '2027-12-31',
			status: 'active',
			genderMarker: '1',
			contentLanguage: 'es'
		})
	);
	await createPeriod(db, actor, programme, { label: '2026-S2', startDate: '2026-07-01', endDate: '2026-12-31' });
	await createPeriod(db, actor, programme, { label: '2027-S2', startDate: '2027-07-01', endDate: '2027-12-31' });
});

async function template(): Promise<ExcelJS.Workbook> {
	const r = await outcome(async () =>
		call(getTemplate, makeEvent({ user: await sessionUser(db, ADMIN), params: { slug: programme.slug }, url: 'http://localhost/x' }))
	);
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(await (r.value as Response).arrayBuffer());
	return wb;
}

/** The data-validation ranges each sheet of an .xlsx declares, as Excel reads them (the raw XML). */
function validationRanges(bytes: Buffer): Record<string, string[]> {
	const script = [
		'import json, re, sys, zipfile',
		'import io',
		'z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))',
		'print(json.dumps({n: re.findall(r\'<dataValidation [^>]*sqref="([^"]+)"\', z.read(n).decode()) for n in z.namelist() if n.startswith("xl/worksheets/sheet")}))'
	].join('\n');
	return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: bytes }).toString());
}

function fill(wb: ExcelJS.Workbook) {
	wb.getWorksheet('Módulos')!.addRow(['M1', 'Cobertura ampliada', 'Más personas protegidas']);
	wb.getWorksheet('Productos')!.addRow(['M1', '1.1', 'Registro social actualizado', '']);
	wb.getWorksheet('Actividades')!.addRow([
		'1.1',
		'1.1.1',
		'Taller de registro',
		new Date('2026-03-01'),
		new Date('2026-04-30'),
		'planned',
		0,
		'MTPS'
	]);
	const ind = wb.getWorksheet('Indicadores')!;
	// module, output, code, title, definition, unit, measure, direction, aggregation, baseline, date, note, target, MoV, frequency, responsible, bySex, decimals, reason, 2026-S2, 2027-S2
	ind.addRow([
		'M1',
		null,
		'M1-1',
		'Personas cubiertas',
		'',
		'personas',
		'number',
		'increase',
		'cumulative',
		0,
		new Date('2026-01-01'),
		'',
		1000,
		'Registro',
		'semiannual',
		'MTPS',
		'sí',
		0,
		'',
		400,
		1000
	]);
	ind.addRow([
		null,
		'1.1',
		'1.1-1',
		'Registro en línea',
		'',
		'',
		'Hito (sí/no)',
		'increase',
		'latest',
		null,
		null,
		'',
		null,
		'',
		'annual',
		'',
		'no',
		null,
		'',
		null,
		1
	]);
}

const activitiesOf = () =>
	db
		.selectFrom('activity')
		.innerJoin('output', 'output.id', 'activity.output_id')
		.innerJoin('module', 'module.id', 'output.module_id')
		.selectAll('activity')
		.where('module.programme_id', '=', programme.id)
		.execute();

const fileOf = async (wb: ExcelJS.Workbook) => new File([new Uint8Array(await wb.xlsx.writeBuffer())], 'marco.xlsx');

async function check(file: File, email = ADMIN) {
	const r = await postAs(db, actions.checkLogframe, email, {
		params: { slug: programme.slug },
		url: 'http://localhost/x?/checkLogframe',
		route: ROUTE,
		form: { file }
	});
	return r;
}
const previewOf = (r: Awaited<ReturnType<typeof check>>) => {
	if (r.kind !== 'value' || !r.value || typeof r.value !== 'object' || !('logframe' in r.value)) throw new Error(JSON.stringify(r));
	return r.value as { logframe: LogframePreview; already: string | null };
};
const confirm = (p: LogframePreview) =>
	postAs(db, actions.confirmLogframe, ADMIN, {
		params: { slug: programme.slug },
		url: 'http://localhost/x?/confirmLogframe',
		route: ROUTE,
		form: { sha256: p.sha256, fileName: p.fileName }
	});

describe('importing a logframe', () => {
	it('creates a new programme’s modules, outputs, activities, indicators and milestones in one go, audited with the file hash', async () => {
		const wb = await template();
		fill(wb);
		const file = await fileOf(wb);
		const { logframe } = previewOf(await check(file));
		expect(logframe.counts).toEqual({ create: 5, update: 0, unchanged: 0, refused: 0 });
		expect(await db.selectFrom('module').selectAll().where('programme_id', '=', programme.id).execute()).toHaveLength(0);
		expect(await confirm(logframe)).toMatchObject({ kind: 'redirect', status: 303 });

		const indicators = await db.selectFrom('indicator').selectAll().where('programme_id', '=', programme.id).orderBy('code').execute();
		expect(indicators.map((i) => [i.code, i.measure, i.target_value, i.disaggregated_by_sex, i.output_id !== null])).toEqual([
			['1.1-1', 'milestone', 1, 0, true],
			['M1-1', 'number', 1000, 1, false]
		]);
		const targets = await db
			.selectFrom('indicator_target')
			.innerJoin('reporting_period', 'reporting_period.id', 'indicator_target.period_id')
			.select(['indicator_target.indicator_id', 'reporting_period.label', 'indicator_target.value'])
			.where('indicator_target.indicator_id', '=', indicators[1]!.id)
			.orderBy('reporting_period.label')
			.execute();
		expect(targets.map((t) => [t.label, t.value])).toEqual([
			['2026-S2', 400],
			['2027-S2', 1000]
		]);
		const activity = (await activitiesOf())[0]!;
		expect([activity.code, activity.planned_start, activity.planned_end]).toEqual(['1.1.1', '2026-03-01', '2026-04-30']);
		expect(await db.selectFrom('audit_log').selectAll().where('entity', '=', 'logframe_import').execute()).toHaveLength(1);

		// The same file again: detected, and refused on confirm.
		const again = previewOf(await check(file));
		expect(again.logframe.sha256).toBe(logframe.sha256);
		expect(again.already).toMatch(/ya se importó/);
		expect(formFailure(await confirm(again.logframe)).status).toBe(409);
	});

	it('matches rows by code on a second import: a changed baseline or milestone needs a reason, nothing is deleted', async () => {
		const first = await template();
		fill(first);
		await confirm(previewOf(await check(await fileOf(first))).logframe);

		const wb = await template();
		const ind = wb.getWorksheet('Indicadores')!;
		let row: ExcelJS.Row | undefined;
		ind.eachRow((r) => {
			if (r.getCell(3).value === 'M1-1') row = r;
		});
		row!.getCell(10).value = 50; // baseline
		row!.getCell(21).value = 900; // 2027-S2 milestone
		// Rows left out of the file (the activity) are not deleted.
		wb.getWorksheet('Actividades')!.spliceRows(2, 1);
		const refused = previewOf(await check(await fileOf(wb))).logframe;
		const m11 = refused.rows.find((r) => r.code === 'M1-1')!;
		expect(m11.action).toBe('refused');
		expect(m11.errors.map((e) => e.column)).toEqual(['reason']);
		expect(formFailure(await confirm(refused)).status).toBe(400);

		row!.getCell(19).value = 'Línea de base corregida con la encuesta 2026';
		const ok = previewOf(await check(await fileOf(wb))).logframe;
		expect(ok.counts).toMatchObject({ update: 1, refused: 0 });
		await confirm(ok);
		const updated = await db
			.selectFrom('indicator')
			.selectAll()
			.where('code', '=', 'M1-1')
			.where('programme_id', '=', programme.id)
			.executeTakeFirstOrThrow();
		expect(updated.baseline_value).toBe(50);
		const audit = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'indicator')
			.where('entity_id', '=', String(updated.id))
			.execute();
		expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'update', 'set_targets']));
		expect(audit.find((a) => a.action === 'update')!.reason).toMatch(/encuesta/);
		expect(await activitiesOf()).toHaveLength(1);
	});

	it('reports unknown parents and bad values by row and column, and refuses another programme’s workbook', async () => {
		const wb = await template();
		wb.getWorksheet('Productos')!.addRow(['M9', '9.1', 'Huérfano', '']);
		wb.getWorksheet('Indicadores')!.addRow([
			'M1',
			null,
			'X-1',
			'Porcentaje',
			'',
			'',
			'percentage',
			'increase',
			'latest',
			120,
			null,
			'',
			90,
			'',
			'annual',
			'',
			'no',
			null,
			'',
			null,
			null
		]);
		const { logframe } = previewOf(await check(await fileOf(wb)));
		const orphan = logframe.rows.find((r) => r.code === '9.1')!;
		expect(orphan.errors.map((e) => e.column)).toEqual(['module']);
		const pct = logframe.rows.find((r) => r.code === 'X-1')!;
		expect(pct.errors.map((e) => e.column).sort()).toEqual(['baselineValue', 'module']);

		wb.getWorksheet('avance')!.getRow(3).getCell(2).value = 'ECU/18/01/IES';
		const other = formFailure(await check(await fileOf(wb)));
		expect(other.data.formError).toMatch(/otro programa/);
		expect(await db.selectFrom('module').selectAll().where('programme_id', '=', programme.id).execute()).toHaveLength(0);
	});

	it('refuses a falling series of running totals as the targets form does (review of issue 22, finding 16)', async () => {
		const wb = await template();
		fill(wb);
		// M1-1 is an increasing cumulative count: 400 then 300 reads as typed per period.
		const ind = wb.getWorksheet('Indicadores')!;
		let line = 0;
		ind.eachRow((r, n) => {
			if (r.getCell(3).value === 'M1-1') line = n;
		});
		ind.getRow(line).getCell(21).value = 300;
		const { logframe } = previewOf(await check(await fileOf(wb)));
		const row = logframe.rows.find((r) => r.code === 'M1-1')!;
		expect(row.errors).toEqual([
			{ column: 'period:2027-S2', message: 'Esta meta es menor que una anterior: un total acumulado no retrocede.' }
		]);
		expect(row.action).toBe('refused');
		// A rising series goes through.
		ind.getRow(line).getCell(21).value = 1000;
		const fixed = previewOf(await check(await fileOf(wb))).logframe.rows.find((r) => r.code === 'M1-1')!;
		expect(fixed.errors).toEqual([]);
	});

	it('is for coordinators and admins only', async () => {
		const wb = await template();
		expect(
			await postAs(db, actions.checkLogframe, 'evaluator@avance.test', {
				params: { slug: 'patss' },
				url: 'http://localhost/x',
				form: { file: await fileOf(wb) }
			})
		).toMatchObject({ kind: 'error', status: 403 });
	});
});

describe('the template’s drop-down lists (review of issue 22, finding 12)', () => {
	it('declares each column’s list once, to the same last row on a sheet, never as overlapping ranges', async () => {
		const r = await outcome(async () =>
			call(getTemplate, makeEvent({ user: await sessionUser(db, ADMIN), params: { slug: programme.slug }, url: 'http://localhost/x' }))
		);
		if (r.kind !== 'value') throw new Error(JSON.stringify(r));
		const ranges = validationRanges(Buffer.from(await (r.value as Response).arrayBuffer()));
		const validated = Object.values(ranges).filter((list) => list.length > 0);
		expect(validated.length).toBeGreaterThanOrEqual(2);
		for (const list of validated) {
			const spans = list
				.flatMap((sqref) => sqref.split(' '))
				.map((ref) => /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref)!)
				.map((m) => ({ column: m[1]!, from: Number(m[2]), to: Number(m[4] ?? m[2]) }));
			const columns = new Set(spans.map((s) => s.column));
			// One range per column, from row 2, all ending on the same row of the sheet.
			expect(spans).toHaveLength(columns.size);
			expect(new Set(spans.map((s) => s.from))).toEqual(new Set([2]));
			expect(new Set(spans.map((s) => s.to)).size).toBe(1);
		}
	});
});
