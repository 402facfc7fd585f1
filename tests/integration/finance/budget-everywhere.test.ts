import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import type { Programme } from '$lib/model';
import { programmeBudgetMinor } from '$lib/finance-rules';
import { todayIso } from '$lib/server/core/dates';
import { budgetTotals } from '$lib/server/finance/budget-totals';
import { loadFinance } from '$lib/server/finance/finance-read';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { load as loadPortfolio } from '../../../src/routes/+page.server';
import { load as loadOverview } from '../../../src/routes/programmes/[slug]/+page.server';
import { freshDatabase } from '../../helpers/db';
import { loadAs } from '../../helpers/actions';

// One budget figure wherever "Budget" prints (review 4, F5/F20): the portfolio card, the overview,
// the dashboard and the report cover said "—" / "Budget not recorded" beside a delivery rate
// measured against the budget lines. Now each prints the lines' total in force, by one rule
// (programmeBudgetMinor), and the fact sheet's figure only where a programme has no lines.

let db: Db;
let patss: Programme;

beforeAll(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = (await getProgrammeBySlug(db, 'patss'))!;
	// A revision in force today, so the total in force differs from the lines' original amounts.
	const line = await db
		.selectFrom('budget_line')
		.select(['id', 'amount_minor'])
		.where('programme_id', '=', patss.id)
		.orderBy('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('budget_revision')
		.values({ budget_line_id: line.id, effective_on: patss.startDate, amount_minor: line.amount_minor + 12_345_00, reason: 'Prueba' })
		.execute();
}, 300_000);

describe('the programme budget', () => {
	it('is the budget lines’ total in force, else the fact sheet’s', () => {
		expect(programmeBudgetMinor(462_640_00, null)).toBe(462_640_00);
		expect(programmeBudgetMinor(null, undefined)).toBeNull();
		expect(programmeBudgetMinor(null, 0)).toBeNull();
		expect(programmeBudgetMinor(462_640_00, 500_000_00)).toBe(500_000_00);
	});

	it('is the same on the portfolio, the overview and in the finance read model the dashboard and reports use', async () => {
		const finance = await loadFinance(db, patss, { internal: true, canReview: true, id: 0 });
		const original = await db
			.selectFrom('budget_line')
			.select((eb) => eb.fn.sum<number>('amount_minor').as('n'))
			.where('programme_id', '=', patss.id)
			.executeTakeFirstOrThrow();
		expect(finance.programme.budgetMinor).toBe(Number(original.n) + 12_345_00);
		expect((await budgetTotals(db, [patss.id], todayIso())).get(patss.id)).toBe(finance.programme.budgetMinor);

		const portfolio = await loadAs<{ portfolio: { programme: { id: number }; budgetMinor: number | null }[] }>(
			db,
			loadPortfolio,
			'admin@avance.test'
		);
		if (portfolio.kind !== 'value') throw new Error(JSON.stringify(portfolio));
		expect(portfolio.value.portfolio.find((e) => e.programme.id === patss.id)?.budgetMinor).toBe(finance.programme.budgetMinor);

		const overview = await loadAs<{ budgetMinor: number | null }>(db, loadOverview, 'coord.patss@avance.test', {
			params: { slug: 'patss' }
		});
		if (overview.kind !== 'value') throw new Error(JSON.stringify(overview));
		expect(overview.value.budgetMinor).toBe(finance.programme.budgetMinor);
	});
});
