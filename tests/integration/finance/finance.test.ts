import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { openConfigured } from '$lib/server/db/connection';
import type { Programme } from '$lib/model';
import { loadFinance } from '$lib/server/finance/finance-read';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { actions, load } from '../../../src/routes/programmes/[slug]/finance/+page.server';
import { load as loadDashboardPage } from '../../../src/routes/programmes/[slug]/dashboard/+page.server';
import { buildSnapshot } from '$lib/server/reports/snapshot';
import { composeReport } from '$lib/reports/compose';
import { readFinance } from '$lib/server/api/read-finance';
import { financeResponseSchema } from '$lib/server/api/finance-schema';
import { jsonSchemaOf } from '$lib/server/api/schemas';
import { freshDatabase } from '../../helpers/db';
import { formFailure, loadAs, postAs } from '../../helpers/actions';

const COORD = 'coord.patss@avance.test';
const DONOR = 'donor.iess@avance.test';
const EVALUATOR = 'evaluator@avance.test';

let db: Db;
let patss: Programme;
let peru: Programme;
let periods: { id: number; label: string; start_date: string; end_date: string; locked: number }[];
let outputs: { id: number; module_id: number }[];
let moduleIds: number[];

type Handler = (event: never) => unknown;
const post = (action: Handler, email: string, form: Record<string, string>, slug = 'patss') =>
	postAs(db, action, email, { params: { slug }, form });
const count = async (table: 'budget_line' | 'budget_allocation' | 'budget_phasing' | 'expenditure' | 'audit_log') =>
	Number(
		(
			await db
				.selectFrom(table)
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.executeTakeFirstOrThrow()
		).n
	);

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = (await getProgrammeBySlug(db, 'patss'))!;
	peru = (await getProgrammeBySlug(db, 'peru-desempleo-ue'))!;
	periods = await db
		.selectFrom('reporting_period')
		.select(['id', 'label', 'start_date', 'end_date', 'locked'])
		.where('programme_id', '=', patss.id)
		.orderBy('start_date')
		.execute();
	const modules = await db.selectFrom('module').select('id').where('programme_id', '=', patss.id).orderBy('sort_order').execute();
	moduleIds = modules.map((m) => m.id);
	outputs = await db.selectFrom('output').select(['id', 'module_id']).where('module_id', 'in', moduleIds).orderBy('id').execute();
});

const lineForm = (overrides: Record<string, string> = {}) => ({
	_form: 'newLine',
	code: 'FIN-1',
	title: 'Expertos en actuaría',
	category: 'experts',
	amount: '100,000.10',
	[`share_o${outputs[0]!.id}`]: '60',
	[`share_m${moduleIds[1]!}`]: '25.5',
	[`phase_${periods[0]!.id}`]: '40000',
	...overrides
});

describe('budget lines', () => {
	it('lets a coordinator add a line with its shares and phasing, exactly and audited', async () => {
		const audit = await count('audit_log');
		const r = await post(actions.createLine, COORD, lineForm());
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		const line = await db.selectFrom('budget_line').selectAll().where('code', '=', 'FIN-1').executeTakeFirstOrThrow();
		expect(line.amount_minor).toBe(10000010);
		expect(line.programme_id).toBe(patss.id);
		const shares = await db
			.selectFrom('budget_allocation')
			.select(['module_id', 'output_id', 'share_bp'])
			.where('budget_line_id', '=', line.id)
			.execute();
		expect(shares).toEqual(
			expect.arrayContaining([
				{ module_id: null, output_id: outputs[0]!.id, share_bp: 6000 },
				{ module_id: moduleIds[1]!, output_id: null, share_bp: 2550 }
			])
		);
		expect(await count('audit_log')).toBe(audit + 1);
		const entry = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('entity', '=', 'budget_line')
			.orderBy('id', 'desc')
			.executeTakeFirstOrThrow();
		expect(JSON.parse(entry.after!)).toMatchObject({ code: 'FIN-1', amountMinor: 10000010 });
	});

	it('refuses shares over 100 %, a taken code, text or formulas in the amount, writing nothing', async () => {
		const before = [await count('budget_line'), await count('budget_allocation'), await count('audit_log')];
		const over = formFailure(await post(actions.createLine, COORD, lineForm({ code: 'FIN-2', [`share_m${moduleIds[1]!}`]: '40.01' })));
		expect(over.status).toBe(400);
		expect(over.data.errors.shares?.[0]).toContain('100');
		expect(over.data.values.code).toBe('FIN-2');
		const taken = formFailure(await post(actions.createLine, COORD, lineForm()));
		expect(taken.data.errors.code).toBeDefined();
		for (const amount of ['=SUM(A1:A3)', 'cien', '1.005.5', '-5', '99999999999999']) {
			const bad = formFailure(await post(actions.createLine, COORD, lineForm({ code: 'FIN-3', amount })));
			expect(bad.status).toBe(400);
			expect(bad.data.errors.amount).toBeDefined();
		}
		const phasing = formFailure(await post(actions.createLine, COORD, lineForm({ code: 'FIN-4', amount: '100' })));
		expect(phasing.data.errors.amount).toBeDefined();
		expect([await count('budget_line'), await count('budget_allocation'), await count('audit_log')]).toEqual(before);
	});

	it('refuses an output of another programme', async () => {
		const peruOutput = await db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select('output.id')
			.where('module.programme_id', '=', peru.id)
			.executeTakeFirstOrThrow();
		// A crafted field for another programme's output is not in the form: it is ignored, never written.
		await post(actions.createLine, COORD, lineForm({ code: 'FIN-5', [`share_o${peruOutput.id}`]: '10' }));
		const shares = await db
			.selectFrom('budget_allocation')
			.innerJoin('budget_line', 'budget_line.id', 'budget_allocation.budget_line_id')
			.select('budget_allocation.output_id')
			.where('budget_line.code', '=', 'FIN-5')
			.execute();
		expect(shares.map((s) => s.output_id)).not.toContain(peruOutput.id);
	});

	it('refuses donors and evaluators who try to write', async () => {
		for (const email of [DONOR, EVALUATOR]) {
			const r = await post(actions.createLine, email, lineForm({ code: 'FIN-X' }));
			expect(r).toMatchObject({ kind: 'error', status: 403 });
		}
	});
});

describe('the expenditure grid', () => {
	const lineId = async (code: string) =>
		(await db.selectFrom('budget_line').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

	it('saves a period’s figures, refunds included, and updates them with their version', async () => {
		const id = await lineId('FIN-1');
		const open = periods.find((p) => !p.locked)!;
		const r = await post(actions.saveGrid, COORD, { _form: 'grid', periodId: String(open.id), [`spent_${id}`]: '0.1', [`v_${id}`]: '0' });
		expect(r).toMatchObject({ kind: 'redirect', status: 303 });
		const row = await db.selectFrom('expenditure').selectAll().where('budget_line_id', '=', id).executeTakeFirstOrThrow();
		expect(row).toMatchObject({ amount_minor: 10, source: 'entered', version: 1 });
		await post(actions.saveGrid, COORD, { _form: 'grid', periodId: String(open.id), [`spent_${id}`]: '-0.3', [`v_${id}`]: '1' });
		expect(
			(await db.selectFrom('expenditure').select('amount_minor').where('id', '=', row.id).executeTakeFirstOrThrow()).amount_minor
		).toBe(-30);
		// A stale version (someone saved first) is refused.
		const stale = formFailure(
			await post(actions.saveGrid, COORD, { _form: 'grid', periodId: String(open.id), [`spent_${id}`]: '5', [`v_${id}`]: '1' })
		);
		expect(stale.status).toBe(409);
		await post(actions.saveGrid, COORD, { _form: 'grid', periodId: String(open.id), [`spent_${id}`]: '50000', [`v_${id}`]: '2' });
	});

	it('refuses changes in a locked period', async () => {
		const id = await lineId('FIN-1');
		const period = periods.at(-1)!;
		await db.updateTable('reporting_period').set({ locked: 1 }).where('id', '=', period.id).execute();
		try {
			const before = await count('expenditure');
			const r = formFailure(
				await post(actions.saveGrid, COORD, { _form: 'grid', periodId: String(period.id), [`spent_${id}`]: '10', [`v_${id}`]: '0' })
			);
			expect(r.status).toBe(400);
			expect(r.data.errors.periodId?.[0]).toBeDefined();
			expect(await count('expenditure')).toBe(before);
		} finally {
			await db.updateTable('reporting_period').set({ locked: period.locked }).where('id', '=', period.id).execute();
		}
	});

	it('refuses a period of another programme', async () => {
		const id = await lineId('FIN-1');
		const peruPeriod = await db.selectFrom('reporting_period').select('id').where('programme_id', '=', peru.id).executeTakeFirstOrThrow();
		const r = formFailure(
			await post(actions.saveGrid, COORD, { _form: 'grid', periodId: String(peruPeriod.id), [`spent_${id}`]: '10', [`v_${id}`]: '0' })
		);
		expect(r.status).toBe(400);
	});
});

describe('the finance read model', () => {
	it('gives the same figures on the tab as the rules, and donors ended periods only', async () => {
		const id = (await db.selectFrom('budget_line').select('id').where('code', '=', 'FIN-1').executeTakeFirstOrThrow()).id;
		const first = periods[0]!;
		const later = periods.at(-1)!;
		await db
			.insertInto('expenditure')
			.values({ budget_line_id: id, period_id: later.id, amount_minor: 70000, source: 'entered' })
			.execute();
		// Judged in the middle of the last period: it has not ended.
		const asOf = later.start_date;
		const team = await loadFinance(db, patss, { id: 1, internal: true, canReview: true }, { asOf });
		const donor = await loadFinance(db, patss, { id: 1, internal: false, canReview: false }, { asOf });
		expect(team.countedPeriodIds).toContain(later.id);
		expect(donor.countedPeriodIds).not.toContain(later.id);
		const lastPeriod = team.lines.reduce((sum, l) => {
			const cell = team.cells[l.id]?.[later.id];
			return sum + (cell?.entered?.amountMinor ?? 0) + (cell?.importedMinor ?? 0);
		}, 0);
		expect(lastPeriod).toBeGreaterThanOrEqual(70000);
		expect(team.programme.spentMinor - donor.programme.spentMinor).toBe(lastPeriod);
		expect(donor.planUntil <= later.start_date).toBe(true);
		const out = team.modules.flatMap((m) => m.outputs).find((o) => o.id === outputs[0]!.id)!;
		// FIN-1 and FIN-5 (100,000.10 each) give it 60 % each.
		expect(out.figures.budgetMinor).toBe(2 * 6000006);
		expect(team.programme.deliveryRate).toBeCloseTo(team.programme.spentMinor / team.programme.budgetMinor, 12);
		const page = await loadAs<{ finance: typeof team }>(db, load, DONOR, { params: { slug: 'patss' } });
		expect(page.kind).toBe('value');
		expect(first.id).toBeGreaterThan(0);
	});

	it('reads in the same number of statements however many lines there are', async () => {
		let statements = 0;
		const counting = openConfigured({ onQuery: () => statements++ });
		const measure = async () => {
			statements = 0;
			await loadFinance(counting, patss, { id: 1, internal: true, canReview: true }, {});
			return statements;
		};
		const before = await measure();
		for (let i = 0; i < 20; i++) await post(actions.createLine, COORD, lineForm({ code: `LOAD-${i}`, amount: '100000' }));
		expect(await measure()).toBe(before);
	});
});

describe('the dashboard', () => {
	it('shows the same delivery rate as the Finance tab, per reader', async () => {
		for (const email of [COORD, DONOR]) {
			const tab = await loadAs<{ finance: Awaited<ReturnType<typeof loadFinance>> }>(db, load, email, { params: { slug: 'patss' } });
			const dash = await loadAs<{ finance: Awaited<ReturnType<typeof loadFinance>> | null }>(db, loadDashboardPage, email, {
				params: { slug: 'patss' }
			});
			if (tab.kind !== 'value' || dash.kind !== 'value') throw new Error('expected pages');
			expect(dash.value.finance).not.toBeNull();
			expect(dash.value.finance!.programme).toEqual(tab.value.finance.programme);
			expect(dash.value.finance!.modules.map((m) => m.figures)).toEqual(tab.value.finance.modules.map((m) => m.figures));
		}
	});
});

describe('the report snapshot', () => {
	it('carries the same figures as the Finance tab at the cut-off, cited from the efficiency narrative', async () => {
		const cutOff = periods.at(-2)!.end_date;
		const snapshot = await buildSnapshot(
			db,
			patss,
			{
				id: 999999,
				programmeId: patss.id,
				layout: 'oecd_dac',
				titleEs: 'Informe',
				titleEn: 'Report',
				windowStart: patss.startDate,
				cutOff,
				languages: ['es', 'en'],
				periodIds: []
			},
			[
				{
					key: 'efficiency',
					rating: null,
					narrativeEs: 'La ejecución fue de [[finance:delivery]].',
					narrativeEn: 'Delivery stood at [[finance:delivery]].',
					justificationEs: '',
					justificationEn: ''
				}
			],
			{
				number: 1,
				supersedes: null,
				previousHash: null,
				issuedAt: '2026-12-07T00:00:00Z',
				issuedBy: 'Evaluadora',
				origin: 'http://localhost'
			}
		);
		const donorView = await loadFinance(db, patss, { id: 0, internal: false, canReview: false }, { cutOff });
		expect(snapshot.finance).toBeTruthy();
		expect(snapshot.finance!.programme).toMatchObject({
			deliveryRate: donorView.programme.deliveryRate,
			spentMinor: donorView.programme.spentMinor,
			budgetMinor: donorView.programme.budgetMinor
		});
		// The last period ends after the cut-off: its expenditure is not in the report.
		expect(donorView.countedPeriodIds).not.toContain(periods.at(-1)!.id);
		expect(snapshot.records['finance:delivery']).toMatchObject({ kind: 'finance' });
		const doc = composeReport(snapshot, 'en');
		const efficiency = doc.sections.find((x) => x.key === 'efficiency')!;
		expect(efficiency.evidence.map((e) => e.key)).toContain('financial_summary');
		const json = JSON.stringify(efficiency);
		expect(json).toContain('"key":"finance:delivery"');
		expect(json).not.toContain('unresolved');
	});
});

describe('the seed', () => {
	it('gives El Salvador its documented USD 462,640 as a real line, the others illustrative budgets', async () => {
		const salvador = (await getProgrammeBySlug(db, 'el-salvador-pps'))!;
		const view = await loadFinance(db, salvador, { id: 0, internal: true, canReview: false }, {});
		// The documented amount is the original; the budget in force today follows the seeded (illustrative) revisions.
		expect(view.originalBudgetMinor).toBe(462_640_00);
		expect(view.programme.budgetMinor).toBe(view.lines[0]!.amountMinor);
		expect(view.lines.map((l) => l.isIllustrative)).toEqual([false]);
		// Its expenditure is illustrative, and the page says so.
		expect(view.illustrative).toBe(true);
		const patssView = await loadFinance(db, patss, { id: 0, internal: true, canReview: false }, {});
		expect(patssView.lines.filter((l) => l.code.startsWith('BL-')).every((l) => l.isIllustrative)).toBe(true);
	});
});

describe('the read API', () => {
	it('answers the Finance tab’s figures, exact amounts as text, valid against its schema', async () => {
		const ctx = { origin: 'http://localhost', lang: 'en' as const, url: new URL('http://localhost/api/v1/programmes/patss/finance') };
		for (const viewer of [
			{ id: 0, internal: true, canReview: true },
			{ id: 0, internal: false, canReview: false }
		]) {
			const answer = financeResponseSchema.parse(await readFinance(db, { programme: patss, viewer }, ctx));
			const view = await loadFinance(db, patss, viewer, {});
			expect(answer.data.programme.deliveryRate).toBe(view.programme.deliveryRate);
			expect(answer.data.programme.spentToDate).toBe(
				`${Math.floor(view.programme.spentMinor / 100)}.${String(view.programme.spentMinor % 100).padStart(2, '0')}`
			);
			expect(answer.data.endedPeriodsOnly).toBe(!viewer.internal);
		}
		expect(jsonSchemaOf('finance', 'http://localhost')).toMatchObject({
			$id: 'http://localhost/api/v1/schema/finance.json',
			type: 'object'
		});
	});
});
