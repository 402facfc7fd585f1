import { describe, expect, it } from 'vitest';
import { countLikelihoods, forecastBand, forecastIndicator, type Forecast } from '$lib/indicator-forecast';
import type { StatusIndicator, StatusInput } from '$lib/indicator-status';
import { createI18n } from '$lib/i18n/context';
import { forecastLikelihoodText, forecastSentence, formatPace, formatPaces } from '$lib/i18n/forecast-text';
import { forecastAnswer } from '$lib/server/api/forecast-answer';
import { forecastCells, forecastColumns } from '$lib/server/exchange/iptt-forecast';

// Issue 25, reviewer findings 9 (closed programmes, pace in the report and IPTT), 20 (the API's
// `basedOn`) and 21 (a projection without a target is its own band, not "no forecast").

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
const input = (ind: StatusIndicator, approved: [number, number | null][], asOf = '2021-01-15'): StatusInput => ({
	indicator: ind,
	programme,
	periods,
	targets: new Map(),
	approved: new Map(approved),
	asOf
});
const es = createI18n(() => 'es');
const en = createI18n(() => 'en');
const shown = { measure: 'number' as const, decimals: 0 };

describe('finding 20: how many approved values a forecast rests on', () => {
	it('counts the one approved value that is not enough', () => {
		const f = forecastIndicator(input(indicator(), [[1, 20]]));
		expect(f.kind).toBe('none');
		const answer = forecastAnswer(f, shown, 'en');
		expect(answer.available).toBe(false);
		expect(answer.basedOn).toBe(1);
	});

	it('counts none for an indicator with no approved value, and all of them for a projection', () => {
		expect(forecastAnswer(forecastIndicator(input(indicator(), [])), shown, 'en').basedOn).toBe(0);
		const f = forecastIndicator(
			input(
				indicator(),
				[
					[1, 10],
					[2, 10],
					[3, 10]
				],
				'2021-07-15'
			)
		);
		expect(forecastAnswer(f, shown, 'en').basedOn).toBe(3);
	});
});

describe('finding 21: a projection without an end target', () => {
	const noTarget = forecastIndicator(
		input(indicator({ targetValue: null }), [
			[1, 10],
			[2, 10]
		])
	);
	const none = forecastIndicator(input(indicator(), [[1, 10]]));

	it('is counted in its own band, not under "no forecast"', () => {
		expect(noTarget.kind).toBe('projected');
		expect(forecastBand(noTarget)).toBe('no_target');
		expect(forecastBand(none)).toBe('none');
		const counts = countLikelihoods([noTarget, none]);
		expect(counts.no_target).toBe(1);
		expect(counts.none).toBe(1);
	});

	it('the API names the band', () => {
		expect(forecastAnswer(noTarget, shown, 'en').band).toBe('no_target');
		expect(forecastAnswer(none, shown, 'en').band).toBe('none');
	});

	it('the band has words in both languages', () => {
		expect(en.t('forecast.band.no_target')).not.toBe(es.t('forecast.band.no_target'));
		expect(en.t('forecast.band.no_target')).not.toContain('forecast.');
	});
});

describe('finding 9: closed programmes and the pace', () => {
	// Judged after the end date: the programme is over.
	const missed = forecastIndicator(
		input(
			indicator(),
			[
				[1, 10],
				[2, 10],
				[3, 10],
				[4, 10]
			],
			'2022-03-01'
		)
	);
	const reached = forecastIndicator(
		input(
			indicator(),
			[
				[1, 30],
				[2, 30],
				[3, 30],
				[4, 30]
			],
			'2022-03-01'
		)
	);

	it('says the target was missed or reached, never "unlikely to reach"', () => {
		if (missed.kind !== 'projected' || reached.kind !== 'projected') throw new Error('expected projections');
		expect(missed.closed).toBe(true);
		expect(missed.likelihood).toBe('unlikely');
		expect(forecastSentence(en, missed, shown)).toBe('The programme ended on 31 Dec 2021: the final value, 40, missed the target of 100.');
		expect(forecastSentence(en, reached, shown)).toContain('reached the target of 100');
		expect(forecastSentence(es, missed, shown)).toContain('no alcanzó la meta de 100');
		expect(forecastLikelihoodText(en, missed)).toBe('Target missed');
		expect(forecastLikelihoodText(en, reached)).toBe('Target reached');
		expect(forecastLikelihoodText(es, missed)).toBe('Meta no alcanzada');
	});

	it('a programme still running keeps "unlikely to reach its target"', () => {
		const running = forecastIndicator(
			input(indicator(), [
				[1, 5],
				[2, 5]
			])
		);
		if (running.kind !== 'projected') throw new Error('expected a projection');
		expect(running.closed).toBe(false);
		expect(forecastLikelihoodText(en, running)).toBe('Unlikely to reach its target');
	});

	it('a closed programme without a value for its last period says what its pace would have closed at', () => {
		const f = forecastIndicator(
			input(
				indicator(),
				[
					[1, 10],
					[2, 10]
				],
				'2022-03-01'
			)
		);
		if (f.kind !== 'projected') throw new Error('expected a projection');
		expect(f.final).toBe(false);
		expect(forecastSentence(en, f, shown)).toMatch(
			/^The programme ended on 31 Dec 2021 with no approved value for its last period: .*missing the target of 100\.$/
		);
	});

	it('the IPTT carries the pace needed against the pace so far, from the forecast itself', () => {
		const f = forecastIndicator(
			input(indicator(), [
				[1, 10],
				[2, 10]
			])
		) as Forecast & { kind: 'projected' };
		const columns = forecastColumns(en).map((c) => c.header);
		expect(columns).toContain('Pace needed against the pace so far');
		const cells = forecastCells(en, f, shown, undefined);
		const paceCell = cells[columns.indexOf('Pace needed against the pace so far')]!;
		expect(paceCell.value).toBe(
			`needed: ${formatPace(en, f.paceNeeded, shown, f.paceUnit)}; so far: ${formatPace(en, f.paceSoFar, shown, f.paceUnit)}`
		);
		expect(f.paceNeeded).not.toBeNull();
		expect(formatPaces(es, f, shown)).toMatch(/^necesario: .+ al año; hasta ahora: .+ al año$/);
	});
});
