import { describe, expect, it } from 'vitest';
import { comparisonChart, dateOfDay, dayNumber } from '$lib/charts/comparison';
import { createI18n } from '$lib/i18n/context';

// Reviewer finding 17 (issue 25): the comparison chart's time axis is to scale (a linear axis of
// day numbers, no date adapter), its ticks in the reader's date format, and at phone width the
// legend is set small below the chart.

const en = createI18n(() => 'en');
const es = createI18n(() => 'es');
const dates = ['2024-01-01', '2024-04-01', '2025-12-31'];
const input = (i18n = en, compact = false) => ({
	dates,
	formatDate: (d: string) => i18n.date(d),
	compact,
	series: [{ actualLabel: 'EC actual', targetLabel: 'EC target', actual: [1, null, 5], target: [0, 2, 6] }]
});

describe('the comparison chart', () => {
	it('places each point at its date, to scale', () => {
		const config = comparisonChart(input());
		const xs = (config.data.datasets[1]!.data as { x: number; y: number }[]).map((p) => p.x);
		expect(xs).toEqual(dates.map(dayNumber));
		// 91 days then 639 days: the gaps on the axis are in that ratio, not evenly spaced.
		expect(xs[1]! - xs[0]!).toBe(91);
		expect(xs[2]! - xs[1]!).toBe(639);
		expect(config.data.labels).toBeUndefined();
		expect(config.options?.scales?.x?.type).toBe('linear');
	});

	it('leaves out a date without a value (the line spans it)', () => {
		const actual = comparisonChart(input()).data.datasets[0]!.data as { x: number; y: number }[];
		expect(actual).toEqual([
			{ x: dayNumber('2024-01-01'), y: 1 },
			{ x: dayNumber('2025-12-31'), y: 5 }
		]);
	});

	it('writes the ticks as dates in the reader’s format', () => {
		for (const i18n of [en, es]) {
			const ticks = comparisonChart(input(i18n)).options!.scales!.x!.ticks as { callback: (v: number) => string };
			expect(ticks.callback(dayNumber('2024-04-01'))).toBe(i18n.date('2024-04-01'));
		}
		expect(dateOfDay(dayNumber('2025-12-31'))).toBe('2025-12-31');
		expect(en.date('2024-04-01')).not.toBe(es.date('2024-04-01'));
	});

	it('sets the legend small below the chart on a narrow screen', () => {
		const wide = comparisonChart(input(en, false)).options!.plugins!.legend!;
		const narrow = comparisonChart(input(en, true)).options!.plugins!.legend!;
		expect(narrow.position).toBe('bottom');
		expect(narrow.labels?.font).toMatchObject({ size: 10 });
		expect(narrow.labels?.boxWidth).toBeLessThan(12);
		expect(wide.labels?.font).toBeUndefined();
	});
});
