import type { Chart } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { indicatorTrendChart } from '$lib/charts/indicator-trend';
import { STATUS_COLOURS } from '$lib/charts/palette';
import { segmentLabels, textColourOn } from '$lib/charts/segment-labels';
import { statusByModuleChart } from '$lib/charts/status-by-module';
import type { IndicatorStatus } from '$lib/model';

const words = {
	achieved: 'achieved',
	on_track: 'on track',
	at_risk: 'at risk',
	off_track: 'off track',
	no_data: 'no data',
	not_started: 'not started',
	not_yet: 'not yet',
	overdue: 'overdue',
	reported: 'reported'
} satisfies Record<IndicatorStatus, string>;

describe('statusByModuleChart', () => {
	const config = statusByModuleChart({
		modules: [
			{ label: 'M1', counts: { on_track: 3, off_track: 1 } },
			{ label: 'M2', counts: { on_track: 1, achieved: 2 } }
		],
		statuses: ['achieved', 'on_track', 'at_risk', 'off_track'],
		statusLabels: words,
		axisLabel: 'Indicators'
	});

	it('stacks one horizontal bar per module with one dataset per status that occurs', () => {
		expect(config.options?.indexAxis).toBe('y');
		expect(config.data.labels).toEqual(['M1', 'M2']);
		expect(config.data.datasets.map((d) => d.label)).toEqual(['achieved', 'on track', 'off track']);
		expect(config.data.datasets.map((d) => d.data)).toEqual([
			[0, 2],
			[3, 1],
			[1, 0]
		]);
		expect(config.data.datasets[0]!.backgroundColor).toBe(STATUS_COLOURS.achieved.fill);
	});

	it('draws a fixed-size, unanimated chart for the reports', () => {
		const fixed = statusByModuleChart({ modules: [], statuses: [], statusLabels: words, axisLabel: 'n' }, { static: true });
		expect(fixed.options?.responsive).toBe(false);
		expect(fixed.options?.animation).toBe(false);
	});

	it('writes the count and the status word in every segment that has room, the count alone where it has not', () => {
		const written: { text: string; colour: string }[] = [];
		const ctx = {
			font: '',
			fillStyle: '',
			textAlign: '',
			textBaseline: '',
			save() {},
			restore() {},
			measureText: (text: string) => ({ width: text.length * 7 }),
			fillText(text: string) {
				written.push({ text, colour: ctx.fillStyle });
			}
		};
		// Two bars: a wide segment and a narrow one.
		const widths = [[200, 20]];
		const chart = {
			ctx,
			options: { indexAxis: 'y' },
			data: { datasets: [{ label: 'on track', data: [3, 1], backgroundColor: STATUS_COLOURS.achieved.fill }] },
			isDatasetVisible: () => true,
			getDatasetMeta: (d: number) => ({
				data: widths[d]!.map((w) => ({ getProps: () => ({ x: 10 + w, base: 10, y: 50, width: 0, height: 30 }) }))
			})
		} as unknown as Chart;
		const plugin = segmentLabels({ font: '12px sans-serif' });
		(plugin.afterDatasetsDraw as unknown as (c: Chart) => void)(chart);
		expect(written).toEqual([
			{ text: '3 on track', colour: '#FFFFFF' },
			{ text: '1', colour: '#FFFFFF' }
		]);
	});
});

describe('textColourOn', () => {
	it('picks black on light fills and white on dark ones', () => {
		expect(textColourOn('#F0E442')).toBe('#000000');
		expect(textColourOn('#0072B2')).toBe('#FFFFFF');
	});
});

describe('indicatorTrendChart', () => {
	const labels = { actual: 'Actual', target: 'Target', women: 'Women', men: 'Men' };

	it('draws the target dashed and the actual solid', () => {
		const config = indicatorTrendChart({ periods: ['2019', '2020'], actual: [1, null], target: [2, 4], labels });
		const [target, actual] = config.data.datasets;
		expect(target!.label).toBe('Target');
		expect(target!.borderDash).toEqual([6, 4]);
		expect(actual!.borderDash).toBeUndefined();
		expect(actual!.data).toEqual([1, null]);
		expect(config.data.datasets).toHaveLength(2);
	});

	it('adds women and men lines, each with its own dash and point shape, when the indicator is split', () => {
		const config = indicatorTrendChart({ periods: ['2019'], actual: [3], target: [4], women: [1], men: [2], labels });
		const [, , women, men] = config.data.datasets;
		expect(women!.label).toBe('Women');
		expect(men!.label).toBe('Men');
		expect(women!.borderDash).not.toEqual(men!.borderDash);
		expect((women as { pointStyle: string }).pointStyle).not.toBe((men as { pointStyle: string }).pointStyle);
	});
});
