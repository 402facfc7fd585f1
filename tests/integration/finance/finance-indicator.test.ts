import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import type { Programme } from '$lib/model';
import type { Db } from '$lib/server/db/connection';
import { exportIptt } from '$lib/server/exchange/export-files';
import { loadFinance } from '$lib/server/finance/finance-read';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { actions } from '../../../src/routes/programmes/[slug]/finance/+page.server';
import { load as loadIndicator } from '../../../src/routes/programmes/[slug]/indicators/[id]/+page.server';
import { freshDatabase, userId } from '../../helpers/db';
import { loadAs, postAs } from '../../helpers/actions';

// Cost per unit of result on the indicator page, and budget-line titles in both languages
// (issue 20 item 4 and item 1): the indicator page shows the Finance tab's own figure for that
// indicator, for the same reader (donors: ended periods only), and nothing where it does not
// apply; a line's title saved in the other language shows in that language on the export, and a
// missing translation falls back to the original with its language mark.

const COORD = 'coord.patss@avance.test';
const DONOR = 'donor.iess@avance.test';

let db: Db;
let patss: Programme;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = (await getProgrammeBySlug(db, 'patss'))!;
}, 60_000);

type IndicatorPage = {
	cost: { currency: string; cost: { indicatorId: number; costMinor: number; change: number }; endedOnly: boolean } | null;
};
const page = async (email: string, id: number) => {
	const r = await loadAs<IndicatorPage>(db, loadIndicator, email, {
		params: { slug: 'patss', id: String(id) },
		url: `http://localhost/programmes/patss/indicators/${id}`
	});
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	return r.value;
};

describe('cost per unit on the indicator page', () => {
	it("shows the Finance tab's figure for the reader, and nothing for an indicator it does not apply to", async () => {
		// The seeded lines are shared between modules only; a line on the outputs whose number indicators have approved values gives them a cost.
		const outputs = await db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.select('indicator.output_id')
			.distinct()
			.where('indicator.programme_id', '=', patss.id)
			.where('indicator.measure', '=', 'number')
			.where('indicator.output_id', 'is not', null)
			.where('indicator_value.status', '=', 'approved')
			.execute();
		const ended = await db
			.selectFrom('reporting_period')
			.select('id')
			.where('programme_id', '=', patss.id)
			.orderBy('start_date')
			.executeTakeFirstOrThrow();
		for (const [i, o] of outputs.entries()) {
			const { id } = await db
				.insertInto('budget_line')
				.values({ programme_id: patss.id, code: `OUT-${i}`, title: `Producto ${i}`, category: 'training', amount_minor: 5_000_000 })
				.returning('id')
				.executeTakeFirstOrThrow();
			await db
				.insertInto('budget_allocation')
				.values({ budget_line_id: id, module_id: null, output_id: o.output_id, share_bp: 10_000 })
				.execute();
			await db
				.insertInto('expenditure')
				.values({ budget_line_id: id, period_id: ended.id, amount_minor: 1_234_567, source: 'entered' })
				.execute();
		}
		const team = await loadFinance(db, patss, { id: await userId(db, COORD), internal: true, canReview: true });
		const donor = await loadFinance(db, patss, { id: await userId(db, DONOR), internal: false, canReview: false });
		expect(team.costPerUnit.length).toBeGreaterThan(0);
		const c = team.costPerUnit[0]!;
		expect((await page(COORD, c.indicatorId)).cost).toMatchObject({ currency: team.currency, cost: c, endedOnly: false });
		const donorCost = donor.costPerUnit.find((x) => x.indicatorId === c.indicatorId) ?? null;
		const donorPage = (await page(DONOR, c.indicatorId)).cost;
		expect(donorPage?.cost ?? null).toEqual(donorCost);
		if (donorPage) expect(donorPage.endedOnly).toBe(true);

		const without = await db
			.selectFrom('indicator')
			.select('id')
			.where('programme_id', '=', patss.id)
			.where((eb) => eb.or([eb('measure', '<>', 'number'), eb('output_id', 'is', null)]))
			.executeTakeFirstOrThrow();
		expect((await page(COORD, without.id)).cost).toBeNull();
	});
});

describe('budget-line titles in both languages', () => {
	it('saves the other language beside the original, in one transaction, and exports each reader’s language with the fallback mark', async () => {
		const lines = await db
			.selectFrom('budget_line')
			.select(['id', 'code', 'title', 'version', 'category', 'amount_minor'])
			.where('programme_id', '=', patss.id)
			.orderBy('id')
			.execute();
		const [first, second] = [lines[0]!, lines[1]!];
		const view = await loadFinance(db, patss, { id: 1, internal: true, canReview: true });
		const line = view.lines.find((l) => l.id === first.id)!;
		const form: Record<string, string> = {
			_form: `line-${first.id}`,
			id: String(first.id),
			version: String(first.version),
			code: first.code,
			title: first.title,
			titleTranslation: 'Project staff',
			category: first.category,
			amount: (first.amount_minor / 100).toFixed(2)
		};
		for (const a of line.allocations) form[a.outputId !== null ? `share_o${a.outputId}` : `share_m${a.moduleId}`] = String(a.shareBp / 100);
		for (const [periodId, amount] of Object.entries(line.phasing)) form[`phase_${periodId}`] = (amount / 100).toFixed(2);
		const r = await postAs(db, actions.updateLine, COORD, {
			params: { slug: 'patss' },
			route: '/programmes/[slug]/finance',
			url: 'http://localhost/programmes/patss/finance',
			form
		});
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		const stored = await db
			.selectFrom('translation')
			.selectAll()
			.where('entity', '=', 'budget_line')
			.where('entity_id', '=', first.id)
			.execute();
		expect(stored).toMatchObject([{ field: 'title', locale: 'en', text: 'Project staff' }]);

		const titles = async (locale: 'es' | 'en') => {
			const file = await exportIptt(
				db,
				patss,
				{ id: 1, internal: true, canReview: true },
				{ i18n: createI18n(() => locale), fileUrl: String }
			);
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load(file.bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
			const sheet = wb.getWorksheet(locale === 'es' ? 'Finanzas' : 'Finance')!;
			const out = new Map<string, unknown>();
			sheet.eachRow((row) => out.set(String(row.getCell(1).value), row.getCell(3).value));
			return out;
		};
		const en = await titles('en');
		expect(en.get(`budget_line:${first.id}`)).toBe('Project staff');
		expect(en.get(`budget_line:${second.id}`)).toBe(`${second.title} (es)`);
		expect((await titles('es')).get(`budget_line:${first.id}`)).toBe(first.title);
	}, 60_000);
});
