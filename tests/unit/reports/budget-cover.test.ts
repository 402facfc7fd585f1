import { describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import { inlineText } from '$lib/reports/document';
import type { SnapshotFinance, SnapshotFinanceFigures } from '$lib/reports/snapshot-finance';
import { fixtureSnapshot } from '../../helpers/report-snapshot';

// The report cover prints the budget the financial summary measures delivery against (review 4, F5):
// the budget lines' total where the programme has lines, the fact sheet's otherwise — never
// "Budget not recorded" above a delivery rate.

const figures = (budgetMinor: number): SnapshotFinanceFigures => ({
	key: 'finance:delivery',
	budgetMinor,
	plannedMinor: 0,
	spentMinor: budgetMinor / 2,
	deliveryRate: 0.5,
	burnRate: null,
	resultsProgress: null,
	spendingAhead: false
});
const finance = (budgetMinor: number): SnapshotFinance => ({
	currency: 'USD',
	illustrative: false,
	margin: 0.15,
	programme: figures(budgetMinor),
	programmeLevelMinor: 0,
	modules: [],
	costPerUnit: []
});
const coverBudget = (snapshot: ReturnType<typeof fixtureSnapshot>) => {
	const doc = composeReport(snapshot, 'en');
	return inlineText(doc.cover.facts.find((f) => f.label === 'Budget')!.value);
};

describe('the budget on the cover', () => {
	it('is the lines’ total when the programme has budget lines, whatever the fact sheet says', () => {
		const snapshot = fixtureSnapshot();
		snapshot.programme.budget = null;
		snapshot.finance = finance(240_000_000);
		expect(coverBudget(snapshot)).toContain('2,400,000');
	});

	it('is the fact sheet’s without lines, and "not recorded" with neither', () => {
		const snapshot = fixtureSnapshot();
		snapshot.finance = null;
		snapshot.programme.budget = { amount: 462_640, currency: 'USD' };
		expect(coverBudget(snapshot)).toContain('462,640');
		snapshot.programme.budget = null;
		expect(coverBudget(snapshot)).toBe('Budget not recorded');
	});
});

describe('the "spending ahead of results" legend', () => {
	const notes = (snapshot: ReturnType<typeof fixtureSnapshot>) =>
		composeReport(snapshot, 'en')
			.sections.flatMap((s) => s.evidence)
			.flatMap((e) => e.blocks)
			.flatMap((b) => (b.type === 'note' ? [inlineText(b.inlines)] : []));

	it('says that nothing is flagged when no row is, and gives the legend only beside a flag (review 4, F9)', () => {
		const snapshot = fixtureSnapshot();
		snapshot.finance = finance(240_000_000);
		expect(notes(snapshot)).toContain(
			'No module or output spends ahead of its results (burn against plan more than 15 points above results progress).'
		);
		expect(notes(snapshot).some((n) => n.startsWith('“Spending ahead of results” marks'))).toBe(false);
		snapshot.finance.programme.spendingAhead = true;
		expect(notes(snapshot).some((n) => n.startsWith('“Spending ahead of results” marks'))).toBe(true);
	});
});
