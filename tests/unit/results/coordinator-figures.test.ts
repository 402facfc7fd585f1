import { describe, expect, it } from 'vitest';
import { createI18n } from '$lib/i18n/context';
import { enteredDecimals, formatEnteredValue, formatMeasureValue } from '$lib/i18n/measure-format';
import { assessIndicator, statusInput, type StatusIndicator } from '$lib/indicator-status';
import { fallingMilestones, milestonesAreRunningTotals, splitExceedsTotal } from '$lib/milestone-rules';
import { narrativeDueStatus } from '$lib/narrative-rule';
import { lagKnownOn, reviewFlag } from '$lib/risk-rules';

// Issue 22, "figures that mean what they say": how milestones of cumulative indicators are read,
// women + men milestones, dueness after an extension, and a target's displayed precision.

const en = createI18n(() => 'en');
const es = createI18n(() => 'es');

const semesters = ['2020-01-01', '2020-07-01', '2021-01-01', '2021-07-01', '2022-01-01', '2022-07-01'].map((start, i) => ({
	id: i + 1,
	startDate: start,
	endDate: `${start.slice(0, 4)}-${start.slice(5, 7) === '01' ? '06-30' : '12-31'}`
}));
const points = (values: (number | null)[]) => values.map((value, i) => ({ periodId: i + 1, startDate: semesters[i]!.startDate, value }));

describe('milestones of cumulative indicators', () => {
	const cumulative = { measure: 'number', direction: 'increase', aggregation: 'cumulative' } as const;

	it('reads them as running totals only for cumulative counts and rates', () => {
		expect(milestonesAreRunningTotals(cumulative)).toBe(true);
		expect(milestonesAreRunningTotals({ ...cumulative, aggregation: 'per_period' })).toBe(false);
		expect(milestonesAreRunningTotals({ ...cumulative, measure: 'milestone' })).toBe(false);
	});

	it('finds a series typed per period (20, 40, 20, 20, 10, 10) as falling, and a running one (20, 40, 60…) as not', () => {
		expect(fallingMilestones(cumulative, points([20, 40, 20, 20, 10, 10]))).toEqual([3, 4, 5, 6]);
		expect(fallingMilestones(cumulative, points([20, 40, 60, 80, 90, 100]))).toEqual([]);
		// Periods without a milestone are skipped, and order is by date, not by input order.
		expect(fallingMilestones(cumulative, [...points([20, null, 40, 30])].reverse())).toEqual([4]);
		// A decreasing cumulative indicator may not climb back; a per-period one may do anything.
		expect(fallingMilestones({ ...cumulative, direction: 'decrease' }, points([100, 80, 90]))).toEqual([3]);
		expect(fallingMilestones({ ...cumulative, aggregation: 'per_period' }, points([20, 40, 20]))).toEqual([]);
	});

	it('checks women + men against the milestone like a value: no more than the total for counts, rates never added', () => {
		expect(splitExceedsTotal('number', { value: 100, women: 60, men: 50 })).toBe(110);
		expect(splitExceedsTotal('number', { value: 100, women: 60, men: 40 })).toBeNull();
		expect(splitExceedsTotal('number', { value: 100, women: 30, men: 40 })).toBeNull();
		expect(splitExceedsTotal('percentage', { value: 10, women: 9, men: 11 })).toBeNull();
		expect(splitExceedsTotal('number', { value: 100, women: null, men: 150 })).toBeNull();
	});
});

describe('dueness after a no-cost extension', () => {
	const indicator: StatusIndicator = {
		measure: 'number',
		direction: 'increase',
		aggregation: 'cumulative',
		baselineValue: 0,
		targetValue: 100
	};
	// Planned to end 2021-12-31 with milestones each year; extended to 2022-12-31.
	const programme = { startDate: '2020-01-01', endDate: '2021-12-31', effectiveEndDate: '2022-12-31' };
	const targets = new Map([
		[2, 30],
		[4, 60]
	]);
	const approved = new Map([
		[2, 30],
		[4, 30]
	]);

	it('makes every period up to the new end due: a missing value in an extension period is an overdue update', () => {
		const a = assessIndicator(statusInput(programme, indicator, semesters, targets, approved, '2023-01-15'));
		expect(a.updateOverdue).toEqual({ periodId: 6 });
		// The expected line runs on from the last milestone to the end target at the new end.
		expect(a.periods.find((p) => p.periodId === 6)!.expected).toBeCloseTo(100, 6);
		expect(a.periods.find((p) => p.periodId === 5)!.expected).toBeGreaterThan(60);
	});

	it('judges the extension period once its value is approved', () => {
		const a = assessIndicator(statusInput(programme, indicator, semesters, targets, new Map([...approved, [6, 10]]), '2023-01-15'));
		expect(a.updateOverdue).toBeNull();
		expect(a.periodId).toBe(6);
		expect(a.actual).toBe(70);
	});

	it('leaves a programme that was never extended as before: periods between milestones are not due', () => {
		const planned = { ...programme, effectiveEndDate: '2022-12-31', endDate: '2022-12-31' };
		const a = assessIndicator(statusInput(planned, indicator, semesters, new Map([...targets, [6, 100]]), approved, '2022-10-01'));
		expect(a.updateOverdue).toBeNull();
	});

	it('asks for a narrative from the same rule the server applies', () => {
		// 60 of the 100 expected at the new end: 0.6 of the way, at risk, so a narrative is due.
		expect(narrativeDueStatus(programme, indicator, semesters, targets, approved, 6, 0, '')).toBe('at_risk');
		expect(narrativeDueStatus(programme, indicator, semesters, targets, approved, 6, 0, 'Explained.')).toBeNull();
		expect(narrativeDueStatus(programme, indicator, semesters, targets, approved, 6, 40, '')).toBeNull();
	});
});

describe('a figure someone typed keeps its precision', () => {
	it('counts the decimals it was entered with', () => {
		expect([enteredDecimals(2), enteredDecimals(1.5), enteredDecimals(0.125), enteredDecimals(15000), enteredDecimals(1 / 3)]).toEqual([
			0, 1, 3, 0, 6
		]);
	});

	it('shows a target of 1.5 (million USD) as 1.5 with 0 decimals, while computed figures keep the indicator’s rounding', () => {
		const usd = { measure: 'number', decimals: 0 } as const;
		expect(formatEnteredValue(en, 1.5, usd)).toBe('1.5');
		expect(formatEnteredValue(es, 1.5, usd)).toBe('1,5');
		expect(formatMeasureValue(en, 1.5, usd)).toBe('2');
		expect(formatEnteredValue(en, 15000, usd)).toBe(formatMeasureValue(en, 15000, usd));
		// More decimals than entered are never added; a rate keeps its own default.
		expect(formatEnteredValue(en, 7.25, { measure: 'percentage', decimals: 1 })).toBe(
			formatMeasureValue(en, 7.25, { measure: 'percentage', decimals: 2 })
		);
		expect(formatEnteredValue(en, 1, { measure: 'milestone' })).toBe(formatMeasureValue(en, 1, { measure: 'milestone' }));
	});
});

describe('the off-track flag of a risk compares with the day the lagging figure became known', () => {
	it('is the approval day when the value was approved after its period ended, else the period end', () => {
		expect(lagKnownOn('2022-06-30', '2022-08-15T10:00:00.000Z')).toBe('2022-08-15');
		expect(lagKnownOn('2022-06-30', '2022-06-20T10:00:00.000Z')).toBe('2022-06-30');
		expect(lagKnownOn('2022-06-30', null)).toBe('2022-06-30');
	});

	it('keeps a risk reviewed after the period ended but before the approval flagged', () => {
		const risk = { status: 'open' as const, nextReviewDate: null, lastReviewOn: '2022-07-10' };
		const known = lagKnownOn('2022-06-30', '2022-08-15T10:00:00.000Z');
		expect(reviewFlag({ ...risk, linked: [{ code: 'M1', status: 'off_track', judgedAt: known }] }, '2022-09-01', '2023-12-31')).toEqual({
			overdue: false,
			offTrack: ['M1']
		});
		// A review after the approval answers it.
		expect(
			reviewFlag(
				{ ...risk, lastReviewOn: '2022-08-20', linked: [{ code: 'M1', status: 'off_track', judgedAt: known }] },
				'2022-09-01',
				'2023-12-31'
			)
		).toBeNull();
	});
});
