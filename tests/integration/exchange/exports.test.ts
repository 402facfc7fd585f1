import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import type { Programme } from '$lib/model';
import { observeQueries, type Db } from '$lib/server/db/connection';
import type { Viewer } from '$lib/server/core/viewer';
import { exportIati, exportIptt, exportResultsCsv } from '$lib/server/exchange/export-files';
import { validateIati } from '$lib/server/exchange/iati-validate';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { loadResultsTree } from '$lib/server/results/results-page';
import { GET as getIptt } from '../../../src/routes/programmes/[slug]/export/iptt.xlsx/+server';
import { GET as getCsv } from '../../../src/routes/programmes/[slug]/export/results.csv/+server';
import { GET as getIati } from '../../../src/routes/programmes/[slug]/export/iati.xml/+server';
import { load as loadResults } from '../../../src/routes/programmes/[slug]/results/+page.server';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';

// The three exports against the seeded demo: they say what the results page says, donors get
// approved values only, the statement count does not grow with the programme, and an IATI file
// is served only when it is valid against the 2.03 schema.

const AS_OF = '2026-11-21';
const es = createI18n(() => 'es');
const en = createI18n(() => 'en');
const fileUrl = (id: number) => `http://localhost/programmes/patss/files/${id}`;
const DRAFT_VALUE = 987654;

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
let coordinator: Viewer;
let donor: Viewer;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	coordinator = { id: await userId(db, 'coord.patss@avance.test'), internal: true, canReview: true };
	donor = { id: await userId(db, 'donor.iess@avance.test'), internal: false, canReview: false };
	// A value still in the workflow, with a figure found nowhere else: donors must never see it.
	const period = await db
		.selectFrom('reporting_period')
		.select('id')
		.where('programme_id', '=', patss.programme.id)
		.orderBy('start_date', 'desc')
		.executeTakeFirstOrThrow();
	const indicator = await db
		.selectFrom('indicator')
		.select('id')
		.where('programme_id', '=', patss.programme.id)
		.where('measure', '=', 'number')
		.executeTakeFirstOrThrow();
	await db.deleteFrom('indicator_value').where('indicator_id', '=', indicator.id).where('period_id', '=', period.id).execute();
	await db
		.insertInto('indicator_value')
		.values({ indicator_id: indicator.id, period_id: period.id, value: DRAFT_VALUE, status: 'draft', entered_by: coordinator.id })
		.execute();
});

afterEach(() => vi.restoreAllMocks());

async function readWorkbook(bytes: Buffer | string) {
	const workbook = new ExcelJS.Workbook();
	// exceljs declares its own Buffer (an ArrayBuffer); Node's Buffer is what it reads.
	await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
	return workbook;
}

/** Every cell value of a sheet, flattened (to look for a figure anywhere). */
function allValues(sheet: ExcelJS.Worksheet): unknown[] {
	const out: unknown[] = [];
	sheet.eachRow({ includeEmpty: false }, (row) => row.eachCell((cell) => out.push(cell.value)));
	return out;
}

async function statements(fn: () => Promise<unknown>): Promise<number> {
	let n = 0;
	observeQueries(() => n++);
	try {
		await fn();
	} finally {
		observeQueries(undefined);
	}
	return n;
}

async function setIati(programme: Programme, identifier: string | null, org: string | null): Promise<Programme> {
	await db.updateTable('programme').set({ iati_identifier: identifier, iati_reporting_org: org }).where('id', '=', programme.id).execute();
	return (await getProgrammeBySlug(db, programme.slug))!;
}

describe('the IPTT workbook', () => {
	it('shows each indicator with the status, baseline and end target of the results page, as words and numbers', async () => {
		const file = await exportIptt(db, patss.programme, donor, { i18n: es, asOf: AS_OF, fileUrl });
		const tree = await loadResultsTree(db, patss.programme, donor, { asOf: AS_OF });
		const summaries = [
			...tree.programmeIndicators,
			...tree.modules.flatMap((m) => [...m.indicators, ...m.outputs.flatMap((o) => o.indicators)])
		];
		const workbook = await readWorkbook(file.bytes);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['IPTT', 'Fuentes', 'Notas', 'Cambios', 'Finanzas', 'Acerca de']);
		const sheet = workbook.getWorksheet('IPTT')!;
		const keys = (sheet.getRow(1).values as unknown[]).slice(1);
		const col = (key: string) => keys.indexOf(key) + 1;
		const rows = new Map<string, ExcelJS.Row>();
		sheet.eachRow((row, n) => {
			if (
				n > 3 &&
				typeof row.getCell(col('code')).value === 'string' &&
				String(row.getCell(1).value).startsWith('indicator:') &&
				row.outlineLevel === 1
			)
				rows.set(row.getCell(col('code')).value as string, row);
		});
		expect(rows.size).toBe(summaries.length);
		for (const s of summaries) {
			const row = rows.get(s.code)!;
			expect(row.getCell(col('status')).value, s.code).toBe(es.td(`status.${s.status}`));
			expect(row.getCell(col('baseline')).value, s.code).toBe(s.baselineValue);
			expect(row.getCell(col('end_target')).value, s.code).toBe(s.targetValue);
			expect(row.getCell(col('update_overdue')).value ?? null, s.code).toBe(s.updateOverduePeriod);
			// The latest approved value the page shows is the actual of its period (a running total for a cumulative indicator).
			if (s.latestPeriodLabel && s.measure !== 'qualitative') {
				const periodId = patss.periodId(s.latestPeriodLabel);
				expect(row.getCell(col(`p${periodId}.actual`)).value, s.code).toBe(s.latestValue);
			}
		}
	});

	it('has hidden id columns, frozen panes, merged level rows and number formats with the indicator decimals', async () => {
		const file = await exportIptt(db, patss.programme, coordinator, { i18n: es, asOf: AS_OF, fileUrl });
		const sheet = (await readWorkbook(file.bytes)).getWorksheet('IPTT')!;
		expect(sheet.getColumn(1).hidden).toBe(true);
		expect(sheet.getRow(1).hidden).toBe(true);
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 3 });
		const merges = (sheet.model as unknown as { merges: string[] }).merges;
		// One band per period over its five columns, and one merged row per level that has indicators.
		const periods = await db.selectFrom('reporting_period').select('id').where('programme_id', '=', patss.programme.id).execute();
		expect(merges.filter((m) => /^[A-Z]+2:[A-Z]+2$/.test(m))).toHaveLength(periods.length);
		expect(merges.filter((m) => !/^[A-Z]+2:/.test(m)).length).toBeGreaterThan(3);
		let numeric = 0;
		sheet.eachRow((row, n) => {
			if (n <= 3 || row.outlineLevel !== 1) return;
			row.eachCell((cell, c) => {
				if (c > 12 && typeof cell.value === 'number' && cell.numFmt) numeric++;
				// A figure is never text.
				if (c > 12) expect(typeof cell.value === 'string' && /^\d/.test(cell.value)).toBe(false);
			});
		});
		expect(numeric).toBeGreaterThan(50);
	});

	it('keys every row by kind, keeps a row for every module and output, and prints landscape on the page width', async () => {
		const file = await exportIptt(db, patss.programme, coordinator, { i18n: es, asOf: AS_OF, fileUrl });
		const sheet = (await readWorkbook(file.bytes)).getWorksheet('IPTT')!;
		const keys: string[] = [];
		sheet.eachRow((row, n) => {
			if (n > 3) keys.push(String(row.getCell(1).value));
		});
		expect(new Set(keys).size).toBe(keys.length);
		const modules = await db.selectFrom('module').select('id').where('programme_id', '=', patss.programme.id).execute();
		const outputs = await db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select('output.id')
			.where('module.programme_id', '=', patss.programme.id)
			.execute();
		for (const m of modules) expect(keys).toContain(`module:${m.id}`);
		for (const o of outputs) expect(keys).toContain(`output:${o.id}`);
		expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
		expect(sheet.pageSetup.printTitlesRow).toBe('2:3');
	});

	it('gives a donor approved values only, even when asking for open ones, and lets the team add them marked as such', async () => {
		const forDonor = await exportIptt(db, patss.programme, donor, { i18n: es, asOf: AS_OF, fileUrl, includeOpen: true });
		const donorBook = await readWorkbook(forDonor.bytes);
		expect(donorBook.worksheets.flatMap(allValues)).not.toContain(DRAFT_VALUE);
		expect((donorBook.getWorksheet('IPTT')!.getRow(1).values as unknown[]).some((k) => String(k).endsWith('.open'))).toBe(false);

		const plain = await readWorkbook((await exportIptt(db, patss.programme, coordinator, { i18n: es, asOf: AS_OF, fileUrl })).bytes);
		expect(plain.worksheets.flatMap(allValues)).not.toContain(DRAFT_VALUE);

		const withOpen = await readWorkbook(
			(await exportIptt(db, patss.programme, coordinator, { i18n: es, asOf: AS_OF, fileUrl, includeOpen: true })).bytes
		);
		const sheet = withOpen.getWorksheet('IPTT')!;
		const values = allValues(sheet);
		expect(values).toContain(DRAFT_VALUE);
		expect(values).toContain('Borrador');
		expect(withOpen.getWorksheet('Acerca de')!.getColumn(2).values).toContain(es.t('export.about.withOpen'));
	});

	it('writes the change log in words, not JSON, and the hash of the data on the about sheet', async () => {
		const file = await exportIptt(db, patss.programme, coordinator, { i18n: en, asOf: AS_OF, fileUrl });
		const workbook = await readWorkbook(file.bytes);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['IPTT', 'Sources', 'Notes', 'Change log', 'Finance', 'About']);
		const changes = workbook.getWorksheet('Change log')!;
		const text = allValues(changes).map(String);
		expect(text.length).toBeGreaterThan(7);
		expect(text.some((t) => t.includes('{') || t.includes('"'))).toBe(false);
		const about = workbook.getWorksheet('About')!;
		expect(about.getColumn(2).values).toContain(file.hash);
		expect(file.hash).toMatch(/^[0-9a-f]{64}$/);
		// Same data, same hash (the workbook's own bytes differ on every run).
		expect((await exportIptt(db, patss.programme, coordinator, { i18n: en, asOf: AS_OF, fileUrl })).hash).toBe(file.hash);
	});

	it('reads the same number of statements, for each of the three files, with 60 more indicators and their values', async () => {
		const slv = (await getProgrammeBySlug(db, 'el-salvador-pps'))!;
		const iati = await setIati(slv, 'XM-DAC-41302-SLV-16-03-RBS', 'XM-DAC-41302');
		const reads = [
			() => exportIptt(db, slv, coordinator, { i18n: es, asOf: AS_OF, fileUrl }),
			() => exportResultsCsv(db, slv, donor, { i18n: es, asOf: AS_OF, fileUrl }),
			() => exportIati(db, iati, { asOf: AS_OF, fileUrl })
		];
		const before: number[] = [];
		for (const read of reads) before.push(await statements(read));
		const output = await db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['output.id', 'output.module_id'])
			.where('module.programme_id', '=', slv.id)
			.executeTakeFirstOrThrow();
		const added = await db
			.insertInto('indicator')
			.values(
				Array.from({ length: 60 }, (_, i) => ({
					programme_id: slv.id,
					module_id: output.module_id,
					output_id: output.id,
					code: `Z-${i}`,
					title: `Extra ${i}`,
					measure: 'number' as const,
					target_value: 10,
					disaggregated_by_sex: 1
				}))
			)
			.returning('id')
			.execute();
		const period = await db.selectFrom('reporting_period').select('id').where('programme_id', '=', slv.id).executeTakeFirstOrThrow();
		await db
			.insertInto('indicator_value')
			.values(added.map((a) => ({ indicator_id: a.id, period_id: period.id, value: 5, women: 2, men: 3, status: 'approved' as const })))
			.execute();
		const after: number[] = [];
		for (const read of reads) after.push(await statements(read));
		expect(after).toEqual(before);
		// The assessment (4), modules, outputs, values, evidence, translations, and the change log for the workbook;
		// then the finance read model on the same assessment: its logframe (3) and budget lines, shares and expenditure (3),
		// and the budget revisions and planned disbursements (issue 20, 2).
		expect(before).toEqual([18, 17, 17]);
	});
});

describe('the results CSV', () => {
	it('starts with a BOM, has one row per indicator × period, headers in the requester language', async () => {
		const file = await exportResultsCsv(db, patss.programme, donor, { i18n: en, asOf: AS_OF, fileUrl, includeOpen: true });
		const text = file.bytes as string;
		expect(text.startsWith('\uFEFFCode,Indicator,Level')).toBe(true);
		const lines = text.slice(1).trimEnd().split('\r\n');
		const periods = await db.selectFrom('reporting_period').select('id').where('programme_id', '=', patss.programme.id).execute();
		const indicators = await db.selectFrom('indicator').select('id').where('programme_id', '=', patss.programme.id).execute();
		expect(lines.length).toBe(1 + periods.length * indicators.length);
		expect(text).not.toContain(String(DRAFT_VALUE));
		// Its figures are the page's: the latest approved value of each indicator in its period's row.
		const tree = await loadResultsTree(db, patss.programme, donor, { asOf: AS_OF });
		const summaries = [
			...tree.programmeIndicators,
			...tree.modules.flatMap((m) => [...m.indicators, ...m.outputs.flatMap((o) => o.indicators)])
		];
		const header = lines[0]!.split(',');
		const checked = summaries.filter((s) => s.latestPeriodLabel && s.latestValue !== null);
		expect(checked.length).toBeGreaterThan(10);
		for (const s of checked) {
			const line = lines.find((l) => l.startsWith(`${s.code},`) && l.includes(`,${s.latestPeriodLabel},`))!;
			// Titles may hold commas (quoted): read the actual from the end, where the columns are fixed.
			const cells = line.split(',');
			const fromEnd = header.length - header.indexOf('Actual');
			expect(Number(cells[cells.length - fromEnd]), s.code).toBe(s.latestValue);
			expect(line, s.code).toContain(en.td(`status.${s.status}`));
		}
	});
});

describe('the IATI file', () => {
	it('is valid against the IATI 2.03 schema and holds approved values only', async () => {
		const programme = await setIati(patss.programme, 'XM-DAC-41302-ECU-18-01-IES', 'XM-DAC-41302');
		const result = await exportIati(db, programme, { asOf: AS_OF, fileUrl });
		expect(result.kind).toBe('ok');
		if (result.kind !== 'ok') return;
		const xml = result.bytes as string;
		expect(await validateIati(xml)).toEqual({ valid: true, errors: [] });
		expect(xml).toContain('<iati-identifier>XM-DAC-41302-ECU-18-01-IES</iati-identifier>');
		expect(xml).not.toContain(String(DRAFT_VALUE));
		expect(xml).toMatch(/<dimension name="sex" value="female"\/>/);
		expect(xml).toMatch(/<result type="2">/);
	});

	it('says so instead of producing an invalid file when the programme has no IATI identifier', async () => {
		const programme = await setIati(patss.programme, null, null);
		expect(await exportIati(db, programme, { asOf: AS_OF, fileUrl })).toEqual({ kind: 'blocked', reason: 'missing_identifier' });
		const user = await sessionUser(db, 'donor.iess@avance.test');
		const r = await outcome(() =>
			call(getIati, makeEvent({ user, params: { slug: 'patss' }, url: 'http://localhost/programmes/patss/export/iati.xml' }))
		);
		expect(r).toMatchObject({ kind: 'redirect', status: 303, location: '/programmes/patss/results?export=iati-missing#export' });
		const page = await outcome(() =>
			call(
				loadResults,
				makeEvent({ user, params: { slug: 'patss' }, url: 'http://localhost/programmes/patss/results?export=iati-missing' })
			)
		);
		expect(page).toMatchObject({ kind: 'value', value: { exchange: { iatiReady: false, problem: 'iati-missing' } } });
	});

	it('never serves a file that fails the schema: it logs the error and tells the user', async () => {
		await setIati(patss.programme, 'XM-DAC-41302-ECU-18-01-IES', 'XM-DAC-41302');
		// A period date the schema refuses (no 30 February): the file built from it is invalid.
		const period = await db
			.selectFrom('reporting_period')
			.select(['id', 'start_date'])
			.where('programme_id', '=', patss.programme.id)
			.executeTakeFirstOrThrow();
		await db.updateTable('reporting_period').set({ start_date: '2019-02-30' }).where('id', '=', period.id).execute();
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			const user = await sessionUser(db, 'donor.iess@avance.test');
			const r = await outcome(() =>
				call(getIati, makeEvent({ user, params: { slug: 'patss' }, url: 'http://localhost/programmes/patss/export/iati.xml' }))
			);
			expect(r).toMatchObject({ kind: 'redirect', status: 303, location: '/programmes/patss/results?export=iati-invalid#export' });
			expect(logged).toHaveBeenCalledOnce();
			expect(String(logged.mock.calls[0]![0])).toMatch(/failed schema validation[\s\S]*2019-02-30/);
		} finally {
			await db.updateTable('reporting_period').set({ start_date: period.start_date }).where('id', '=', period.id).execute();
		}
	});
});

describe('the export routes', () => {
	it('serve a donor of the programme and answer 404 to someone who is not a member', async () => {
		const donorUser = await sessionUser(db, 'donor.iess@avance.test');
		const res = (await call(
			getIptt,
			makeEvent({ user: donorUser, params: { slug: 'patss' }, url: 'http://localhost/programmes/patss/export/iptt.xlsx?open=1' })
		)) as Response;
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(/attachment; filename\*=UTF-8''patss-iptt-\d{4}-\d{2}-\d{2}\.xlsx/);
		const book = await readWorkbook(Buffer.from(await res.arrayBuffer()));
		expect(book.worksheets.flatMap(allValues)).not.toContain(DRAFT_VALUE);

		const coordinatorUser = await sessionUser(db, 'coord.patss@avance.test');
		const open = (await call(
			getCsv,
			makeEvent({ user: coordinatorUser, params: { slug: 'patss' }, url: 'http://localhost/programmes/patss/export/results.csv?open=1' })
		)) as Response;
		const csv = await open.text();
		expect(csv).toContain(`,${DRAFT_VALUE},Borrador`);
		expect(open.headers.get('x-data-sha256')).toMatch(/^[0-9a-f]{64}$/);

		const stranger = await sessionUser(db, 'donor.eu@avance.test');
		const r = await outcome(() =>
			call(getCsv, makeEvent({ user: stranger, params: { slug: 'patss' }, url: 'http://localhost/programmes/patss/export/results.csv' }))
		);
		expect(r).toMatchObject({ kind: 'error', status: 404 });
	});
});
