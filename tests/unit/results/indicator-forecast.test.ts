import { describe, expect, it } from 'vitest';
import { countLikelihoods, forecastIndicator, isUnlikely, likelihoodOf, type ForecastProjected } from '$lib/indicator-forecast';
import type { StatusIndicator, StatusInput } from '$lib/indicator-status';
import { createI18n } from '$lib/i18n/context';
import { forecastLikelihoodText, forecastSentence } from '$lib/i18n/forecast-text';

// A two-year programme with four half-year periods; judged mid-2021, after two periods ended.
const programme = { startDate: '2020-01-01', endDate: '2021-12-31' };
const periods = [
	{ id: 1, startDate: '2020-01-01', endDate: '2020-06-30' },
	{ id: 2, startDate: '2020-07-01', endDate: '2020-12-31' },
	{ id: 3, startDate: '2021-01-01', endDate: '2021-06-30' },
	{ id: 4, startDate: '2021-07-01', endDate: '2021-12-31' }
];
const indicator = (over: Partial<StatusIndicator> = {}): StatusIndicator => ({
	measure: 'number',
	direction: 'increase',
	aggregation: 'cumulative',
	baselineValue: 0,
	targetValue: 100,
	...over
});
function input(ind: StatusIndicator, approved: [number, number | null][], over: Partial<StatusInput> = {}): StatusInput {
	return { indicator: ind, programme, periods, targets: new Map(), approved: new Map(approved), asOf: '2021-01-15', ...over };
}
const projected = (i: StatusInput) => {
	const f = forecastIndicator(i);
	if (f.kind !== 'projected') throw new Error(`expected a projection, got ${f.reason}`);
	return f;
};

describe('forecast: when there is one', () => {
	it('never forecasts from fewer than two approved values', () => {
		expect(forecastIndicator(input(indicator(), [[1, 20]]))).toEqual({ kind: 'none', reason: 'too_few_values', basedOn: 1 });
		expect(
			forecastIndicator(
				input(indicator(), [
					[1, 20],
					[2, null]
				])
			)
		).toEqual({ kind: 'none', reason: 'too_few_values', basedOn: 1 });
	});

	it('leaves out values of periods that have not ended by the date judged at', () => {
		// Period 3 ends 2021-06-30: not yet counted on 2021-01-15.
		expect(
			forecastIndicator(
				input(indicator(), [
					[1, 20],
					[3, 30]
				])
			)
		).toEqual({ kind: 'none', reason: 'too_few_values', basedOn: 1 });
	});

	it('has no forecast for milestones and qualitative indicators', () => {
		for (const measure of ['milestone', 'qualitative'] as const)
			expect(
				forecastIndicator(
					input(indicator({ measure }), [
						[1, 1],
						[2, 1]
					])
				)
			).toEqual({ kind: 'none', reason: 'not_numeric', basedOn: 0 });
	});
});

describe('forecast: the pace each aggregation implies', () => {
	it('projects a cumulative indicator at its average pace since the first approved period began', () => {
		// 20 + 20 in the first year: 40 a year, so 80 by the end (one more year).
		const f = projected(
			input(indicator(), [
				[1, 20],
				[2, 20]
			])
		);
		expect(f.method).toBe('cumulative_pace');
		expect(f.fromDate).toBe('2020-12-31');
		expect(f.fromValue).toBe(40);
		expect(f.paceSoFar).toBeCloseTo(40, 0);
		expect(f.projected).toBeCloseTo(80, 0);
		expect(f.paceNeeded).toBeCloseTo(60, 0);
		expect(f.paceUnit).toBe('year');
	});

	it('says a cumulative indicator at half the needed pace is unlikely to reach its target (off-track band)', () => {
		// 10 + 10 by the end of year one: 40 at the end, 40 % of the target.
		const f = projected(
			input(indicator(), [
				[1, 10],
				[2, 10]
			])
		);
		expect(f.projected).toBeCloseTo(40, 0);
		expect(f.likelihood).toBe('unlikely');
		expect(isUnlikely(f)).toBe(true);
	});

	it('projects a latest-value indicator along the straight line through its values', () => {
		// 10 at mid-2020, 20 at the end of 2020: about 20 a year, about 40 by the end of 2021.
		const f = projected(
			input(indicator({ aggregation: 'latest', targetValue: 39 }), [
				[1, 10],
				[2, 20]
			])
		);
		expect(f.method).toBe('trend');
		expect(f.projected).toBeCloseTo(40, 0);
		expect(f.likelihood).toBe('likely');
	});

	it('projects a falling trend for a decreasing indicator and judges it in that direction', () => {
		// Days to pay a benefit: 60 → 50 in half a year, target 20 at the end: the line reaches 30.
		const ind = indicator({ aggregation: 'latest', direction: 'decrease', baselineValue: 60, targetValue: 20 });
		const f = projected(
			input(ind, [
				[1, 60],
				[2, 50]
			])
		);
		expect(f.paceSoFar).toBeLessThan(0);
		expect(f.projected).toBeCloseTo(30, 0);
		// (30 − 60) / (20 − 60) = 0.75: the at-risk band, so it may miss.
		expect(f.progress).toBeCloseTo(0.75, 1);
		expect(f.likelihood).toBe('may_miss');
	});

	it('projects the last period of a per-period indicator at the average of its periods', () => {
		const f = projected(
			input(indicator({ aggregation: 'per_period', targetValue: 50 }), [
				[1, 40],
				[2, 50]
			])
		);
		expect(f.method).toBe('period_average');
		expect(f.projected).toBe(45);
		expect(f.paceSoFar).toBe(45);
		expect(f.paceNeeded).toBe(50);
		expect(f.paceUnit).toBe('period');
		// 45 / 50 = 0.9: the on-track band without meeting the target.
		expect(f.likelihood).toBe('close');
	});

	it('never projects past the (revised) end date: once the latest value is at the end, it is final', () => {
		const f = projected(
			input(
				indicator(),
				[
					[1, 20],
					[2, 20],
					[3, 20],
					[4, 20]
				],
				{ asOf: '2022-03-01' }
			)
		);
		expect(f.final).toBe(true);
		expect(f.projected).toBe(80);
		expect(f.endDate).toBe('2021-12-31');
		expect(f.paceNeeded).toBeNull();
	});

	it('projects to the revised end when the programme is extended', () => {
		const extended = { startDate: '2020-01-01', endDate: '2022-12-31' };
		const f = projected(
			input(
				indicator(),
				[
					[1, 20],
					[2, 20]
				],
				{ programme: extended }
			)
		);
		expect(f.endDate).toBe('2022-12-31');
		expect(f.projected).toBeCloseTo(120, 0);
		expect(f.likelihood).toBe('likely');
	});

	it('keeps a rate between 0 and 100 %', () => {
		const f = projected(
			input(indicator({ measure: 'percentage', aggregation: 'latest', targetValue: 90 }), [
				[1, 50],
				[2, 90]
			])
		);
		expect(f.projected).toBe(100);
		const down = projected(
			input(indicator({ measure: 'number', aggregation: 'latest', targetValue: 90 }), [
				[1, 50],
				[2, 5]
			])
		);
		expect(down.projected).toBe(0);
	});

	it('gives a projection but no judgement without an end target', () => {
		const f = projected(
			input(indicator({ targetValue: null }), [
				[1, 20],
				[2, 20]
			])
		);
		expect(f.likelihood).toBeNull();
		expect(f.paceNeeded).toBeNull();
	});
});

describe('forecast: bands and words', () => {
	it('uses the status bands: reaches, on track, at risk, off track', () => {
		expect(likelihoodOf(100, 0, 100, 'increase').likelihood).toBe('likely');
		expect(likelihoodOf(85, 0, 100, 'increase').likelihood).toBe('close');
		expect(likelihoodOf(60, 0, 100, 'increase').likelihood).toBe('may_miss');
		expect(likelihoodOf(59.9, 0, 100, 'increase').likelihood).toBe('unlikely');
	});

	it('counts indicators per band for the dashboard tile', () => {
		const forecasts = [
			forecastIndicator(
				input(indicator(), [
					[1, 10],
					[2, 10]
				])
			),
			forecastIndicator(
				input(indicator(), [
					[1, 50],
					[2, 50]
				])
			),
			forecastIndicator(input(indicator(), [[1, 50]]))
		];
		expect(countLikelihoods(forecasts)).toEqual({ likely: 1, close: 0, may_miss: 0, unlikely: 1, no_target: 0, none: 1 });
	});

	it('explains the projection in one sentence in each language', () => {
		const f = projected(
			input(indicator(), [
				[1, 10],
				[2, 10]
			])
		) as ForecastProjected;
		const en = forecastSentence(
			createI18n(() => 'en'),
			f,
			{ measure: 'number' }
		);
		const es = forecastSentence(
			createI18n(() => 'es'),
			f,
			{ measure: 'number' }
		);
		expect(en).toMatch(/^At the average pace recorded since 1 Jan 2020 \(20 a year\), the running total would reach 40 by 31 Dec 2021\.$/);
		expect(es).toMatch(/^Al ritmo medio registrado desde 1 ene 2020 \(20 al año\), el total acumulado llegaría a 40 el 31 dic 2021\.$/);
		expect(
			forecastLikelihoodText(
				createI18n(() => 'en'),
				f
			)
		).toBe('Unlikely to reach its target');
		expect(
			forecastLikelihoodText(
				createI18n(() => 'es'),
				f
			)
		).toBe('Es poco probable que alcance su meta');
	});

	it('says why there is no forecast', () => {
		const none = forecastIndicator(input(indicator(), [[1, 10]]));
		expect(
			forecastSentence(
				createI18n(() => 'en'),
				none,
				{ measure: 'number' }
			)
		).toBe('No forecast: it takes at least two approved values.');
	});
});

describe('forecast: the pace needed', () => {
	it('needs no more pace once a cumulative target is met', () => {
		const f = projected(
			input(indicator({ targetValue: 30 }), [
				[1, 20],
				[2, 20]
			])
		);
		expect(f.paceNeeded).toBe(0);
		expect(f.likelihood).toBe('likely');
	});
});
