import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import { minorToDecimal, percent } from '$lib/finance-rules';
import type { Programme } from '$lib/model';
import type { Db } from '$lib/server/db/connection';
import type { Viewer } from '$lib/server/core/viewer';
import { exportIati, exportIptt } from '$lib/server/exchange/export-files';
import { validateIati } from '$lib/server/exchange/iati-validate';
import { loadFinance } from '$lib/server/finance/finance-read';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { freshDatabase, userId } from '../../helpers/db';
import { checkCodelists } from '../../helpers/iati-codelists';

// The finance figures in the two files that leave the app (issue 20 item 4): the IPTT workbook's
// finance sheet and the IATI file's budgets and expenditure transactions say what the finance
// read model (the Finance tab's, the dashboard's, the API's) says for the same reader; a donor's
// workbook and the IATI file count ended periods only; the IATI file stays valid against 2.03.

/** Set to the first day of the programme's last period: the periods before it are ended, that one is not. */
let AS_OF: string;
const es = createI18n(() => 'es');
const en = createI18n(() => 'en');
const fileUrl = (id: number) => `http://localhost/files/${id}`;

let db: Db;
let patss: Programme;
let coordinator: Viewer;
let donor: Viewer;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	await db
		.updateTable('programme')
		.set({ iati_identifier: 'XM-DAC-41302-ECU-18-01-IES', iati_reporting_org: 'XM-DAC-41302' })
		.where('slug', '=', 'patss')
		.execute();
	patss = (await getProgrammeBySlug(db, 'patss'))!;
	coordinator = { id: await userId(db, 'coord.patss@avance.test'), internal: true, canReview: true };
	donor = { id: await userId(db, 'donor.iess@avance.test'), internal: false, canReview: false };
	// A figure of a period not yet ended, typed by the team: donors and IATI must not see it.
	const open = await db
		.selectFrom('reporting_period')
		.select(['id', 'start_date'])
		.where('programme_id', '=', patss.id)
		.orderBy('start_date', 'desc')
		.executeTakeFirstOrThrow();
	AS_OF = open.start_date;
	const line = await db.selectFrom('budget_line').select('id').where('programme_id', '=', patss.id).orderBy('id').executeTakeFirstOrThrow();
	await db
		.deleteFrom('expenditure')
		.where('budget_line_id', '=', line.id)
		.where('period_id', '=', open.id)
		.where('source', '=', 'entered')
		.execute();
	await db
		.insertInto('expenditure')
		.values({ budget_line_id: line.id, period_id: open.id, amount_minor: 777_777, source: 'entered', created_by: coordinator.id })
		.execute();
}, 60_000);

async function financeSheet(viewer: Viewer, i18n = es) {
	const file = await exportIptt(db, patss, viewer, { i18n, asOf: AS_OF, fileUrl });
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(file.bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
	const sheet = workbook.getWorksheet(i18n.t('finance.iptt.sheet'))!;
	expect(sheet).toBeDefined();
	const keys = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
	const rows = new Map<string, Record<string, unknown>>();
	sheet.eachRow((row, n) => {
		if (n < 3) return;
		const record: Record<string, unknown> = {};
		keys.forEach((k, i) => (record[k] = row.getCell(i + 1).value));
		rows.set(String(record.record), record);
	});
	return { keys, rows };
}

// Each test builds whole workbooks or an IATI file and validates it: seconds on a shared machine.
describe('the IPTT finance sheet', { timeout: 30_000 }, () => {
	it("shows every line and every module and output with the finance read model's figures, under typed row keys", async () => {
		const view = await loadFinance(db, patss, coordinator, { asOf: AS_OF });
		const { keys, rows } = await financeSheet(coordinator);
		expect(keys.slice(0, 5)).toEqual(['record', 'code', 'title', 'category', 'budget']);
		expect(keys).toEqual(expect.arrayContaining(['planned', 'spent', 'delivery', 'burn', 'results', 'ahead']));
		for (const line of view.lines) {
			const row = rows.get(`budget_line:${line.id}`)!;
			expect(row.code).toBe(line.code);
			expect(row.budget).toBe(line.amountMinor / 100);
			expect(row.spent).toBe(line.spentMinor / 100);
			expect(row.planned).toBe(line.plannedMinor / 100);
			for (const p of view.periods) {
				const cell = view.cells[line.id]?.[p.id];
				if (cell) expect(row[`p${p.id}.spent`]).toBe(((cell.entered?.amountMinor ?? 0) + cell.importedMinor) / 100);
			}
		}
		const programme = rows.get('programme')!;
		expect(programme.spent).toBe(view.programme.spentMinor / 100);
		expect(Math.round(programme.delivery as number)).toBe(percent(view.programme.deliveryRate));
		for (const m of view.modules) {
			expect(rows.get(`module:${m.id}`)!.budget).toBe(m.figures.budgetMinor / 100);
			for (const o of m.outputs) {
				const row = rows.get(`output:${o.id}`)!;
				expect(row.spent).toBe(o.figures.spentMinor / 100);
				expect(row.ahead).toBe(o.figures.spendingAhead ? '▲ Sí' : 'No');
			}
		}
		// The seeded budgets are illustrative, and the sheet says so.
		expect(rows.get('note')!.title).toBe(es.t('finance.illustrative'));
	});

	it("counts only ended periods in a donor's workbook, and writes headers in the reader's language", async () => {
		const team = await financeSheet(coordinator);
		const donorSheet = await financeSheet(donor, en);
		const view = await loadFinance(db, patss, donor, { asOf: AS_OF });
		expect(view.endedOnly).toBe(true);
		expect(donorSheet.rows.get('programme')!.spent).toBe(view.programme.spentMinor / 100);
		// The team's file counts the period under way too: exactly its cells more, the typed 7,777.77 among them.
		const teamView = await loadFinance(db, patss, coordinator, { asOf: AS_OF });
		const underWay = teamView.periods.filter((p) => !p.ended).map((p) => p.id);
		const underWaySpent = teamView.lines.reduce(
			(sum, l) =>
				sum +
				underWay.reduce(
					(s, p) => s + (teamView.cells[l.id]?.[p]?.entered?.amountMinor ?? 0) + (teamView.cells[l.id]?.[p]?.importedMinor ?? 0),
					0
				),
			0
		);
		expect(underWaySpent).toBeGreaterThanOrEqual(777_777);
		expect(teamView.programme.spentMinor).toBe(view.programme.spentMinor + underWaySpent);
		expect(team.rows.get('programme')!.spent).toBe(teamView.programme.spentMinor / 100);
		const all = [...donorSheet.rows.values()].flatMap((r) => Object.values(r));
		expect(all).not.toContain(7777.77);
		expect(donorSheet.keys.filter((k) => k.endsWith('.spent')).length).toBe(view.countedPeriodIds.length);
	});
});

describe('the IATI budget and transactions', { timeout: 30_000 }, () => {
	it('are valid against the 2.03 schema and carry the ended periods’ expenditure, line by line, as transaction type 4', async () => {
		const result = await exportIati(db, patss, { asOf: AS_OF, fileUrl });
		expect(result.kind).toBe('ok');
		if (result.kind !== 'ok') return;
		const xml = result.bytes as string;
		expect(await validateIati(xml)).toEqual({ valid: true, errors: [] });
		// The money's codes too, against the official codelists (the XSD cannot check them).
		const codes = checkCodelists(xml);
		expect(codes.unknown).toEqual([]);
		for (const list of ['BudgetType', 'BudgetStatus', 'TransactionType', 'Currency']) expect(codes.checked, list).toContain(list);
		const view = await loadFinance(db, patss, { id: 0, internal: false, canReview: false }, { asOf: AS_OF });
		const transactions = [...xml.matchAll(/<transaction ref="[^"]+">(.*?)<\/transaction>/g)].map((m) => m[1]!);
		const expected = view.lines.flatMap((l) => Object.keys(view.cells[l.id] ?? {}));
		expect(transactions.length).toBe(expected.length);
		expect(transactions.every((t) => t.includes('<transaction-type code="4"/>'))).toBe(true);
		const total = transactions.reduce((sum, t) => sum + Math.round(Number(/<value [^>]*>(-?[\d.]+)<\/value>/.exec(t)![1]) * 100), 0);
		expect(total).toBe(view.programme.spentMinor);
		expect(xml).not.toContain(minorToDecimal(777_777 + 0));
		// Budgets: one per period, original and committed, summing to what the lines plan over the periods.
		const budgets = [
			...xml.matchAll(/<budget type="1" status="2">.*?<value currency="USD" value-date="[\d-]+">([\d.]+)<\/value><\/budget>/g)
		];
		expect(budgets.length).toBeGreaterThan(0);
		expect(budgets.length).toBeLessThanOrEqual(view.periods.length);
		// The element order the schema asks: budgets and transactions before the results.
		expect(xml.indexOf('<budget ')).toBeLessThan(xml.indexOf('<transaction '));
		expect(xml.indexOf('<transaction ')).toBeLessThan(xml.indexOf('<result '));
	});
});
