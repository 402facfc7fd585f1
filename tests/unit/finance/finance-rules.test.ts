import { describe, expect, it } from 'vitest';
import {
	computeFinance,
	costOfChange,
	minorToDecimal,
	parseAmount,
	parseShare,
	plannedToDate,
	resultsProgress,
	shareOf,
	sharesWithinLine,
	SPENDING_AHEAD_MARGIN,
	type FinanceInput
} from '$lib/finance-rules';
import { assessIndicator } from '$lib/indicator-status';

describe('amounts', () => {
	it('reads amounts as exact minor units in either notation', () => {
		expect(parseAmount('0.1')).toBe(10);
		expect(parseAmount('0.2')).toBe(20);
		expect(parseAmount('1234,56')).toBe(123456);
		expect(parseAmount('1,234.56')).toBe(123456);
		expect(parseAmount('1.234,56')).toBe(123456);
		expect(parseAmount('462,640')).toBe(46264000);
		expect(parseAmount('-12.5')).toBe(-1250);
		expect(parseAmount('(30)')).toBe(-3000);
	});
	it('adds 0.1 and 0.2 to exactly 0.30', () => {
		expect(minorToDecimal(parseAmount('0.1')! + parseAmount('0.2')!)).toBe('0.30');
		expect(minorToDecimal(-5)).toBe('-0.05');
	});
	it('refuses text, formulas, a third decimal and amounts past the bound', () => {
		for (const bad of ['', 'abc', '=SUM(A1)', '1.234.5', '1.0055', '0.005', '12e3', '1,23,4', '9999999999999'])
			expect(parseAmount(bad)).toBeNull();
	});
	it('reads shares as basis points within (0, 100] %', () => {
		expect(parseShare('12.5')).toBe(1250);
		expect(parseShare('100')).toBe(10000);
		expect(parseShare('0')).toBeNull();
		expect(parseShare('100.01')).toBeNull();
		expect(parseShare('abc')).toBeNull();
	});
	it('rounds a share half away from zero, refunds too', () => {
		expect(shareOf(101, 5000)).toBe(51);
		expect(shareOf(-101, 5000)).toBe(-51);
		expect(shareOf(46264000, 3333)).toBe(15419791);
	});
	it('accepts shares summing to at most the whole line', () => {
		expect(sharesWithinLine([6000, 4000])).toBe(true);
		expect(sharesWithinLine([6000, 4001])).toBe(false);
		expect(sharesWithinLine([])).toBe(true);
	});
});

const programme = { startDate: '2024-01-01', endDate: '2025-12-31' };
const periods = [
	{ id: 1, startDate: '2024-01-01', endDate: '2024-12-31' },
	{ id: 2, startDate: '2025-01-01', endDate: '2025-12-31' }
];

describe('planned to date', () => {
	it('follows the straight line over the programme without phasing', () => {
		expect(plannedToDate({ amountMinor: 1000, phasing: new Map() }, programme, periods, '2025-01-01')).toBe(Math.round((1000 * 366) / 731));
		expect(plannedToDate({ amountMinor: 1000, phasing: new Map() }, programme, periods, '2030-01-01')).toBe(1000);
		expect(plannedToDate({ amountMinor: 1000, phasing: new Map() }, programme, periods, '2023-01-01')).toBe(0);
	});
	it('follows the phasing: whole ended periods, the one under way pro rata', () => {
		const line = {
			amountMinor: 1000,
			phasing: new Map([
				[1, 300],
				[2, 700]
			])
		};
		expect(plannedToDate(line, programme, periods, '2025-01-01')).toBe(300);
		expect(plannedToDate(line, programme, periods, '2026-01-01')).toBe(1000);
		expect(plannedToDate(line, programme, periods, '2025-07-02')).toBe(300 + Math.round((700 * 182) / 365));
	});
});

describe('results progress and cost per unit', () => {
	it('averages the status module progress, each capped at 1', () => {
		const assessments = new Map([
			[1, { progress: 1.6, latestActual: 10 }],
			[2, { progress: 0.4, latestActual: 4 }],
			[3, { progress: null, latestActual: null }]
		]);
		expect(resultsProgress([1, 2, 3], assessments)).toEqual({ value: 0.7, count: 2 });
		expect(resultsProgress([3], assessments)).toEqual({ value: null, count: 0 });
	});
	it('takes the status module own progress of an indicator', () => {
		const a = assessIndicator({
			indicator: { measure: 'number', direction: 'increase', aggregation: 'cumulative', baselineValue: 0, targetValue: 100 },
			programme,
			periods,
			targets: new Map([[1, 50]]),
			approved: new Map([[1, 20]]),
			asOf: '2025-02-01'
		});
		expect(resultsProgress([9], new Map([[9, a]])).value).toBeCloseTo(a.progress!);
	});
	it('gives cost per unit of change only when something was spent and achieved', () => {
		expect(costOfChange(100000, { id: 1, direction: 'increase', baselineValue: 10 }, 50)).toEqual({
			indicatorId: 1,
			change: 40,
			costMinor: 2500
		});
		expect(costOfChange(100000, { id: 1, direction: 'decrease', baselineValue: 50 }, 30)?.change).toBe(20);
		expect(costOfChange(100000, { id: 1, direction: 'increase', baselineValue: 10 }, 10)).toBeNull();
		expect(costOfChange(0, { id: 1, direction: 'increase', baselineValue: 0 }, 10)).toBeNull();
		expect(costOfChange(100, { id: 1, direction: 'increase', baselineValue: 0 }, null)).toBeNull();
	});
});

function input(overrides: Partial<FinanceInput> = {}): FinanceInput {
	return {
		programme,
		periods,
		lines: [
			{
				id: 10,
				amountMinor: 100000,
				phasing: new Map([
					[1, 40000],
					[2, 60000]
				]),
				allocations: [
					{ moduleId: null, outputId: 100, shareBp: 6000 },
					{ moduleId: 20, outputId: null, shareBp: 2500 }
				]
			},
			{ id: 11, amountMinor: 50000, phasing: new Map(), allocations: [] }
		],
		expenditure: [
			{ lineId: 10, periodId: 1, amountMinor: 50000 },
			{ lineId: 10, periodId: 1, amountMinor: -2000 },
			{ lineId: 11, periodId: 1, amountMinor: 10000 }
		],
		planUntil: '2025-01-01',
		modules: [{ id: 20 }, { id: 21 }],
		outputs: [{ id: 100, moduleId: 20 }],
		indicators: [
			{ id: 1, moduleId: null, outputId: 100, measure: 'number', direction: 'increase', baselineValue: 0 },
			{ id: 2, moduleId: 21, outputId: null, measure: 'percentage', direction: 'increase', baselineValue: 0 }
		],
		assessments: new Map([
			[1, { progress: 0.5, latestActual: 12 }],
			[2, { progress: 0.9, latestActual: 40 }]
		]),
		...overrides
	};
}

describe('computeFinance', () => {
	const r = computeFinance(input());
	it('sums budget, plan and spending (refunds included) for the programme', () => {
		expect(r.programme.budgetMinor).toBe(150000);
		expect(r.programme.spentMinor).toBe(58000);
		expect(r.programme.plannedMinor).toBe(40000 + Math.round((50000 * 366) / 731));
		expect(r.programme.deliveryRate).toBe(58000 / 150000);
		expect(r.programmeLevelMinor).toBe(150000 - 60000 - 25000);
	});
	it('gives an output its share and rolls it up into its module', () => {
		const o = r.outputs.get(100)!;
		expect(o).toMatchObject({ budgetMinor: 60000, plannedMinor: 24000, spentMinor: 28800 });
		expect(o.burnRate).toBe(28800 / 24000);
		expect(o.resultsProgress).toBe(0.5);
		const m = r.modules.get(20)!;
		expect(m).toMatchObject({ budgetMinor: 85000, plannedMinor: 34000, spentMinor: 40800 });
	});
	it('flags spending ahead of results only beyond the margin', () => {
		expect(r.outputs.get(100)!.spendingAhead).toBe(true);
		// Burn 1.10 against progress 1.00: within the margin.
		const near = computeFinance(
			input({
				expenditure: [{ lineId: 10, periodId: 1, amountMinor: 44000 }],
				assessments: new Map([[1, { progress: 1, latestActual: 12 }]])
			})
		);
		expect(near.outputs.get(100)!.burnRate! - 1).toBeLessThan(SPENDING_AHEAD_MARGIN);
		expect(near.outputs.get(100)!.spendingAhead).toBe(false);
		expect(r.modules.get(21)!.spendingAhead).toBe(false);
		expect(r.modules.get(21)!.burnRate).toBeNull();
	});
	it('computes cost per unit for number indicators of an output', () => {
		expect(r.costPerUnit.get(1)).toEqual({ indicatorId: 1, change: 12, costMinor: 2400 });
		expect(r.costPerUnit.has(2)).toBe(false);
	});
	it('has no delivery rate without a budget', () => {
		const empty = computeFinance(input({ lines: [], expenditure: [] }));
		expect(empty.programme.deliveryRate).toBeNull();
		expect(empty.programme.spendingAhead).toBe(false);
	});
});
