import { describe, expect, it } from 'vitest';
import { closedBand, countClosed, forecastIndicator, programmeClosed, reachedAtClose } from '$lib/indicator-forecast';
import type { StatusIndicator, StatusInput } from '$lib/indicator-status';
import { translate } from '$lib/i18n/translate';
import type { Locale } from '$lib/model';

// Issue 25: a programme whose (revised) end date has passed is judged on its final result: each
// indicator reached or missed its target at the end (one rule, in the forecast module).

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
const at = (ind: StatusIndicator, values: number[], asOf: string): StatusInput => ({
	indicator: ind,
	programme,
	periods,
	targets: new Map(),
	approved: new Map(values.map((v, i) => [i + 1, v])),
	asOf
});

describe('a closed programme’s forecasts', () => {
	it('closes the day after the end date, not on it', () => {
		expect(programmeClosed('2021-12-31', '2021-12-31')).toBe(false);
		expect(programmeClosed('2021-12-31', '2022-01-01')).toBe(true);
		expect(forecastIndicator(at(indicator(), [30, 30, 30, 30], '2022-01-15')).kind === 'projected').toBe(true);
	});

	it('sorts each indicator into reached, missed, no end target or no value to judge', () => {
		const reached = forecastIndicator(at(indicator(), [30, 30, 30, 30], '2022-01-15'));
		const close = forecastIndicator(at(indicator(), [25, 25, 20, 25], '2022-01-15'));
		const missed = forecastIndicator(at(indicator(), [5, 5, 5, 5], '2022-01-15'));
		const noTarget = forecastIndicator(at(indicator({ targetValue: null }), [5, 5, 5, 5], '2022-01-15'));
		const none = forecastIndicator(at(indicator(), [5], '2022-01-15'));
		expect([reached, close, missed, noTarget, none].map(closedBand)).toEqual(['reached', 'missed', 'missed', 'no_target', 'none']);
		expect(reachedAtClose(reached)).toBe(true);
		// "Close" to the target is still a missed target once the programme has ended.
		expect(close.kind === 'projected' && close.likelihood).toBe('close');
		expect(countClosed([reached, close, missed, noTarget, none])).toEqual({ reached: 1, missed: 2, no_target: 1, none: 1 });
	});

	it('has the tile’s closed wording in both languages, in the past tense', () => {
		const words: Record<Locale, RegExp> = { es: /alcanzaron/, en: /reached/ };
		for (const lang of ['es', 'en'] as const) {
			expect(translate(lang, 'forecast.tile.closedTitle')).toMatch(words[lang]);
			expect(translate(lang, 'forecast.tile.closedTitle')).not.toBe(translate(lang, 'forecast.tile.title'));
			expect(translate(lang, 'forecast.tile.missed')).not.toMatch(/unlikely|probablemente/i);
		}
	});
});
