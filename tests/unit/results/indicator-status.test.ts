import { describe, expect, it } from 'vitest';
import {
	aggregateSeries,
	assessIndicator,
	expectedAt,
	needsNarrative,
	progressRatio,
	statusIfApproved,
	type StatusIndicator,
	type StatusInput
} from '$lib/indicator-status';

// A two-year programme with four half-year periods.
const programme = { startDate: '2020-01-01', endDate: '2021-12-31' };
const periods = [
	{ id: 1, startDate: '2020-01-01', endDate: '2020-06-30' },
	{ id: 2, startDate: '2020-07-01', endDate: '2020-12-31' },
	{ id: 3, startDate: '2021-01-01', endDate: '2021-06-30' },
	{ id: 4, startDate: '2021-07-01', endDate: '2021-12-31' }
];
const number = (overrides: Partial<StatusIndicator> = {}): StatusIndicator => ({
	measure: 'number',
	direction: 'increase',
	aggregation: 'latest',
	baselineValue: 0,
	targetValue: 100,
	...overrides
});
function input(indicator: StatusIndicator, approved: [number, number | null][], extra: Partial<StatusInput> = {}): StatusInput {
	return { indicator, programme, periods, targets: new Map(), approved: new Map(approved), asOf: '2022-06-01', ...extra };
}

describe('expected value and progress', () => {
	it('draws a straight line from baseline at programme start to the end target at programme end', () => {
		const ind = number({ baselineValue: 20, targetValue: 120 });
		const line = (date: string) => expectedAt(ind, programme, periods, new Map(), date);
		expect(line('2020-01-01')).toBe(20);
		expect(line('2021-12-31')).toBe(120);
		expect(line('2021-01-01')).toBeCloseTo(70, 0);
		expect(line('2030-01-01')).toBe(120);
	});

	// Half-year periods of a programme running 2022–2026, as the Peru EU project's PE-6 (workshops,
	// cumulative): milestones 4 by 2023-S2, 7 by 2024-S2, 10 by 2025-S2, end target 12.
	const halfYears = Array.from({ length: 10 }, (_, i) => {
		const year = 2022 + Math.floor(i / 2);
		return i % 2 === 0
			? { id: i + 1, startDate: `${year}-01-01`, endDate: `${year}-06-30` }
			: { id: i + 1, startDate: `${year}-07-01`, endDate: `${year}-12-31` };
	});
	const span = { startDate: '2022-01-01', endDate: '2026-12-31' };

	it('runs through the milestones: no period expects more than the next milestone (PE-6)', () => {
		const targets = new Map([
			[4, 4],
			[6, 7],
			[8, 10],
			[10, 12]
		]);
		const ind = number({ baselineValue: 0, targetValue: 12 });
		const expected = halfYears.map((p) => expectedAt(ind, span, halfYears, targets, p.endDate)!);
		// 2023-S1 (period 3) lies between the baseline and the 2023-S2 milestone: below 4, not 5.27.
		expect(expected[2]).toBeGreaterThan(0);
		expect(expected[2]).toBeLessThan(4);
		expect(expected[3]).toBe(4);
		expect(expected[4]).toBeGreaterThan(4);
		expect(expected[4]).toBeLessThan(7);
		// Never zig-zags: each period expects at least what the one before it did.
		for (let i = 1; i < expected.length; i++) expect(expected[i]).toBeGreaterThanOrEqual(expected[i - 1]!);
		expect(expected.at(-1)).toBe(12);
	});

	it('expects less than the first milestone before it (PATSS 5.1-3: 250 by 2021-S1, not 386 in 2020-S2)', () => {
		const years = [
			{ id: 1, startDate: '2019-01-01', endDate: '2019-06-30' },
			{ id: 2, startDate: '2019-07-01', endDate: '2019-12-31' },
			{ id: 3, startDate: '2020-01-01', endDate: '2020-06-30' },
			{ id: 4, startDate: '2020-07-01', endDate: '2020-12-31' },
			{ id: 5, startDate: '2021-01-01', endDate: '2021-06-30' },
			{ id: 6, startDate: '2021-07-01', endDate: '2021-12-31' },
			{ id: 7, startDate: '2022-01-01', endDate: '2022-03-31' }
		];
		const targets = new Map([
			[5, 250],
			[6, 450],
			[7, 600]
		]);
		const ind = number({ baselineValue: 0, targetValue: 600 });
		const at = (id: number) => expectedAt(ind, { startDate: '2018-10-01', endDate: '2022-03-31' }, years, targets, years[id - 1]!.endDate)!;
		expect(at(4)).toBeLessThan(250);
		expect(at(5)).toBe(250);
		expect(at(6)).toBe(450);
		expect(at(7)).toBe(600);
	});

	it('runs through the milestones of a decreasing indicator too', () => {
		const ind = number({ direction: 'decrease', baselineValue: 40, targetValue: 20 });
		const targets = new Map([[2, 30]]);
		const at = (date: string) => expectedAt(ind, programme, periods, targets, date)!;
		expect(at(periods[0]!.endDate)).toBeLessThan(40);
		expect(at(periods[0]!.endDate)).toBeGreaterThan(30);
		expect(at(periods[1]!.endDate)).toBe(30);
		expect(at(periods[2]!.endDate)).toBeLessThan(30);
		expect(at(periods[2]!.endDate)).toBeGreaterThan(20);
		expect(at('2021-12-31')).toBe(20);
	});

	it('expects nothing without milestones or an end target, and holds the last milestone after it', () => {
		const open = number({ targetValue: null });
		expect(expectedAt(open, programme, periods, new Map(), '2021-01-01')).toBeNull();
		expect(expectedAt(open, programme, periods, new Map([[2, 50]]), '2021-12-31')).toBe(50);
	});

	it('measures progress as (actual − baseline) / (expected − baseline), for both directions', () => {
		expect(progressRatio(60, 20, 70, 'increase')).toBeCloseTo(0.8);
		// Decrease: baseline 40, expected 30; getting down to 32 is 80 % of the way.
		expect(progressRatio(32, 40, 30, 'decrease')).toBeCloseTo(0.8);
		// Going the wrong way is negative progress.
		expect(progressRatio(45, 40, 30, 'decrease')).toBeLessThan(0);
	});

	it('treats meeting an expectation of no change as full progress', () => {
		expect(progressRatio(5, 5, 5, 'increase')).toBe(1);
		expect(progressRatio(4, 5, 5, 'increase')).toBe(0);
	});
});

describe('status of a number indicator (increase)', () => {
	it('is on track at progress ≥ 0.85, using the period milestone when there is one', () => {
		const targets = new Map([[4, 80]]);
		// Milestone 80 for the last period; actual 70 → 0.875.
		expect(assessIndicator(input(number(), [[4, 70]], { targets })).status).toBe('on_track');
	});

	it('is at risk between 0.60 and 0.85 and off track below 0.60', () => {
		const targets = new Map([[4, 80]]);
		expect(assessIndicator(input(number(), [[4, 60]], { targets })).status).toBe('at_risk');
		expect(assessIndicator(input(number(), [[4, 40]], { targets })).status).toBe('off_track');
	});

	it('uses the straight line when the period has no milestone', () => {
		// As of mid-2021, the last ended period is period 3 (ends 2021-06-30); expected ≈ 74.9.
		const a = assessIndicator(input(number(), [[3, 70]], { asOf: '2021-07-15' }));
		expect(a.periodId).toBe(3);
		expect(a.expected).toBeCloseTo(74.9, 0);
		expect(a.status).toBe('on_track');
	});

	it('is achieved when the end target is met, whatever the milestone', () => {
		const a = assessIndicator(input(number(), [[4, 100]], { targets: new Map([[4, 150]]) }));
		expect(a.status).toBe('achieved');
		expect(a.achievement).toBe(1);
	});

	it('judges at the latest ended period with an approved value, and marks the missing update as overdue', () => {
		const a = assessIndicator(input(number(), [[2, 50]]));
		expect(a.periodId).toBe(2);
		expect(a.status).toBe('on_track');
		expect(a.updateOverdue).toEqual({ periodId: 4 });
	});

	it('has no data only when no ended period has an approved value', () => {
		const a = assessIndicator(input(number(), []));
		expect(a.status).toBe('no_data');
		expect(a.updateOverdue).toEqual({ periodId: 4 });
		expect(assessIndicator(input(number(), [[4, 90]])).updateOverdue).toBeNull();
	});

	it('shows 460 of 600 on track, not "no data", when the last period is not reported yet (PATSS 5.1-3)', () => {
		const targets = new Map([
			[2, 250],
			[3, 450],
			[4, 600]
		]);
		const ind = number({ aggregation: 'cumulative', targetValue: 600 });
		const a = assessIndicator(
			input(
				ind,
				[
					[2, 260],
					[3, 200]
				],
				{ targets }
			)
		);
		expect([a.status, a.periodId, a.actual, a.updateOverdue]).toEqual(['on_track', 3, 460, { periodId: 4 }]);
	});

	it('has not started before the first period ends', () => {
		expect(assessIndicator(input(number(), [], { asOf: '2020-03-01' })).status).toBe('not_started');
	});

	it('still judges approved values when the only milestone is in a later period', () => {
		// Annual periods, a milestone in the last one only; three values reported so far, far behind.
		const years = [
			{ id: 1, startDate: '2020-01-01', endDate: '2020-12-31' },
			{ id: 2, startDate: '2021-01-01', endDate: '2021-12-31' },
			{ id: 3, startDate: '2022-01-01', endDate: '2022-12-31' },
			{ id: 4, startDate: '2023-01-01', endDate: '2023-12-31' }
		];
		const a = assessIndicator({
			indicator: number(),
			programme: { startDate: '2020-01-01', endDate: '2023-12-31' },
			periods: years,
			targets: new Map([[4, 100]]),
			approved: new Map([
				[1, 1],
				[2, 2],
				[3, 3]
			]),
			asOf: '2023-06-01'
		});
		expect(a.periodId).toBe(3);
		expect(a.status).toBe('off_track');
	});

	it('judges only the periods that carry milestones when some do (e.g. an annual indicator)', () => {
		const targets = new Map([
			[2, 40],
			[4, 100]
		]);
		// As of 2021-09: periods 1–3 ended; the due ones are those with milestones: period 2.
		const a = assessIndicator(input(number(), [[2, 36]], { targets, asOf: '2021-09-01' }));
		expect(a.periodId).toBe(2);
		expect(a.status).toBe('on_track');
	});
});

describe('status of a decreasing indicator', () => {
	const decreasing = number({ direction: 'decrease', baselineValue: 40, targetValue: 20 });

	it('is on track when the value falls as expected, achieved at or below the target', () => {
		const targets = new Map([[3, 30]]);
		expect(assessIndicator(input(decreasing, [[3, 31]], { targets, asOf: '2021-07-15' })).status).toBe('on_track');
		expect(assessIndicator(input(decreasing, [[3, 20]], { targets, asOf: '2021-07-15' })).status).toBe('achieved');
	});

	it('is off track when the value rises instead', () => {
		const targets = new Map([[3, 30]]);
		expect(assessIndicator(input(decreasing, [[3, 42]], { targets, asOf: '2021-07-15' })).status).toBe('off_track');
		expect(assessIndicator(input(decreasing, [[3, 33]], { targets, asOf: '2021-07-15' })).status).toBe('at_risk');
	});
});

describe('the three aggregations', () => {
	it('cumulative: sums the approved period values', () => {
		const ind = number({ aggregation: 'cumulative', targetValue: 350 });
		const targets = new Map([[4, 350]]);
		const a = assessIndicator(
			input(
				ind,
				[
					[1, 100],
					[2, 100],
					[3, 100],
					[4, 50]
				],
				{ targets }
			)
		);
		expect(a.actual).toBe(350);
		expect(a.status).toBe('achieved');
		const partial = assessIndicator(
			input(
				ind,
				[
					[1, 100],
					[2, 50],
					[4, 100]
				],
				{ targets }
			)
		);
		expect(partial.actual).toBe(250);
		expect(partial.status).toBe('at_risk'); // 250/350 ≈ 0.71
	});

	it('cumulative: a reached target stays reached even if the last period is not reported yet', () => {
		const ind = number({ aggregation: 'cumulative', targetValue: 200 });
		expect(
			assessIndicator(
				input(ind, [
					[1, 150],
					[2, 60]
				])
			).status
		).toBe('achieved');
	});

	it('per-period: compares each period on its own and ignores earlier values', () => {
		const ind = number({ aggregation: 'per_period', targetValue: 50 });
		const targets = new Map([
			[3, 50],
			[4, 50]
		]);
		const a = assessIndicator(
			input(
				ind,
				[
					[3, 55],
					[4, 20]
				],
				{ targets }
			)
		);
		expect(a.actual).toBe(20);
		expect(a.status).toBe('off_track');
		expect(a.periods.find((p) => p.periodId === 3)?.status).toBe('achieved');
	});

	it('latest: uses the most recent approved value', () => {
		const ind = number({ aggregation: 'latest' });
		const a = assessIndicator(
			input(
				ind,
				[
					[1, 90],
					[4, 80]
				],
				{ targets: new Map([[4, 90]]) }
			)
		);
		expect(a.actual).toBe(80);
		expect(a.latestValue).toBe(80);
		expect(a.status).toBe('on_track');
	});
});

describe('milestone indicators', () => {
	const milestone = number({ measure: 'milestone', baselineValue: 0, targetValue: 1 });
	const due = new Map([[3, 1]]);

	it('are achieved once an approved value says yes', () => {
		expect(assessIndicator(input(milestone, [[2, 1]], { targets: due })).status).toBe('achieved');
	});

	it('are not yet due before their milestone period ends', () => {
		expect(assessIndicator(input(milestone, [[1, 0]], { targets: due, asOf: '2021-03-01' })).status).toBe('not_yet');
	});

	it('do not count a "no" before the milestone period as overdue', () => {
		const a = assessIndicator(input(milestone, [[1, 0]], { targets: due, asOf: '2022-01-01' }));
		expect(a.periods.find((p) => p.periodId === 1)?.status).toBe('not_yet');
		expect(statusIfApproved(input(milestone, [], { targets: due, asOf: '9999-12-31' }), 2, 0)).toBe('not_yet');
		expect(statusIfApproved(input(milestone, [], { targets: due, asOf: '9999-12-31' }), 3, 0)).toBe('overdue');
	});

	it('are overdue once their milestone period has ended without a yes', () => {
		expect(assessIndicator(input(milestone, [[3, 0]], { targets: due, asOf: '2021-08-01' })).status).toBe('overdue');
	});
});

describe('qualitative indicators and narratives', () => {
	it('are reported once an approved entry exists, no data otherwise', () => {
		const q = number({ measure: 'qualitative', targetValue: null });
		expect(assessIndicator(input(q, [[2, null]])).status).toBe('reported');
		expect(assessIndicator(input(q, [])).status).toBe('no_data');
	});

	it('asks for a narrative when a value would leave the indicator at risk or off track', () => {
		const base = input(number(), [], { targets: new Map([[4, 80]]) });
		expect(statusIfApproved(base, 4, 70)).toBe('on_track');
		expect(needsNarrative(statusIfApproved(base, 4, 70))).toBe(false);
		expect(needsNarrative(statusIfApproved(base, 4, 55))).toBe(true);
		expect(needsNarrative(statusIfApproved(base, 4, 10))).toBe(true);
	});
});

describe('aggregating a series the indicator’s way (totals, women and men alike)', () => {
	it('runs a sum for a cumulative indicator, skipping periods without a value', () => {
		expect(aggregateSeries('cumulative', [null, 140, 110, null])).toEqual([null, 140, 250, 250]);
	});
	it('keeps the latest value for a latest-value indicator, and each period alone otherwise', () => {
		expect(aggregateSeries('latest', [5, null, 7])).toEqual([5, 5, 7]);
		expect(aggregateSeries('per_period', [5, null, 7])).toEqual([5, null, 7]);
	});
});
