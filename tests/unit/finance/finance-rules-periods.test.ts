import { describe, expect, it } from 'vitest';
import { computeFinance, parseAmount, plannedInPeriod, plannedToDate, spendRates } from '$lib/finance-rules';

// The rules the exports added (issue 20): the plan falling in each period (IATI budgets) and the
// rates of any sums (the IPTT's per-line delivery and burn), read from the same rules as the
// programme, module and output figures.

const programme = { startDate: '2025-01-01', endDate: '2026-12-31' } as const;
const periods = [
	{ id: 1, startDate: '2025-01-01', endDate: '2025-06-30' },
	{ id: 2, startDate: '2025-07-01', endDate: '2025-12-31' },
	{ id: 3, startDate: '2026-01-01', endDate: '2026-06-30' },
	{ id: 4, startDate: '2026-07-01', endDate: '2026-12-31' }
] as const;

describe('the plan of one period', () => {
	it('is the phasing of that period when the line is phased', () => {
		const line = {
			amountMinor: 100_000,
			phasing: new Map([
				[2, 30_000],
				[3, 70_000]
			])
		};
		expect(periods.map((p) => plannedInPeriod(line, programme, periods, p))).toEqual([0, 30_000, 70_000, 0]);
	});

	it('splits an unphased line by days over the programme, and the periods add up to the whole line', () => {
		const line = { amountMinor: 73_000_01, phasing: new Map<number, number>() };
		const parts = periods.map((p) => plannedInPeriod(line, programme, periods, p));
		expect(parts.reduce((a, b) => a + b, 0)).toBe(line.amountMinor);
		// 181 of 730 days in the first half of 2025.
		expect(parts[0]).toBe(Math.round((line.amountMinor * 181) / 730));
		expect(parts.every((x) => Number.isInteger(x))).toBe(true);
	});

	it('agrees with the plan to date at every period end', () => {
		const line = { amountMinor: 999_999, phasing: new Map<number, number>() };
		let sum = 0;
		for (const p of periods) {
			sum += plannedInPeriod(line, programme, periods, p);
			const dayAfter = new Date(Date.parse(`${p.endDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
			expect(sum).toBe(plannedToDate(line, programme, periods, dayAfter));
		}
	});
});

describe('the rates of any sums', () => {
	it('are spent over budget and spent over planned, null without a denominator', () => {
		expect(spendRates({ budget: 200, planned: 100, spent: 50 })).toEqual({ deliveryRate: 0.25, burnRate: 0.5 });
		expect(spendRates({ budget: 0, planned: 0, spent: 50 })).toEqual({ deliveryRate: null, burnRate: null });
		// A refund larger than the spending gives a negative rate, shown as such, not hidden.
		expect(spendRates({ budget: 100, planned: 100, spent: -10 }).deliveryRate).toBe(-0.1);
	});

	it('give the programme figures the same rates computeFinance gives', () => {
		const result = computeFinance({
			programme,
			periods,
			lines: [{ id: 1, amountMinor: parseAmount('1000')!, phasing: new Map(), allocations: [] }],
			expenditure: [{ lineId: 1, periodId: 1, amountMinor: parseAmount('123.45')! }],
			planUntil: '2025-07-01',
			modules: [],
			outputs: [],
			indicators: [],
			assessments: new Map()
		});
		const p = result.programme;
		expect(spendRates({ budget: p.budgetMinor, planned: p.plannedMinor, spent: p.spentMinor })).toEqual({
			deliveryRate: p.deliveryRate,
			burnRate: p.burnRate
		});
		expect(p.deliveryRate).toBe(12_345 / 100_000);
	});
});
