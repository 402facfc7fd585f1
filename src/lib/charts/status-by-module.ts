import type { ChartConfiguration } from 'chart.js';
import type { IndicatorStatus } from '$lib/model';
import { STATUS_COLOURS } from './palette';
import { fontOf, renderOptions, type ChartRender } from './render';
import { segmentLabels } from './segment-labels';

// Indicator status by module: one horizontal stacked bar per module, one segment per status, each
// segment labelled with its count and status word. Shared by the dashboard and the report renderer.

export interface StatusByModuleInput {
	/** One bar per module, in display order: its label (e.g. "M1 Coverage") and its count per status. */
	modules: readonly { label: string; counts: Partial<Record<IndicatorStatus, number>> }[];
	/** The statuses to show, in segment order (statuses with no indicator anywhere are left out). */
	statuses: readonly IndicatorStatus[];
	/** The word for each status in the reader's language. */
	statusLabels: Readonly<Record<IndicatorStatus, string>>;
	/** The title of the count axis, e.g. "Indicators". */
	axisLabel: string;
}

export function statusByModuleChart(input: StatusByModuleInput, render: ChartRender = {}): ChartConfiguration<'bar'> {
	const statuses = input.statuses.filter((s) => input.modules.some((m) => (m.counts[s] ?? 0) > 0));
	const data = statuses.map((s) => input.modules.map((m) => m.counts[s] ?? 0));
	return {
		type: 'bar',
		data: {
			labels: input.modules.map((m) => m.label),
			datasets: statuses.map((status, i) => ({
				label: input.statusLabels[status],
				data: data[i]!,
				backgroundColor: STATUS_COLOURS[status].fill,
				borderColor: '#FFFFFF',
				borderWidth: 1,
				borderSkipped: false
			}))
		},
		options: {
			...renderOptions(render),
			indexAxis: 'y',
			scales: {
				x: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: input.axisLabel } },
				y: { stacked: true }
			},
			plugins: { legend: { position: 'bottom' }, tooltip: { enabled: !render.static } }
		},
		plugins: [segmentLabels({ font: fontOf(render, '600') })]
	};
}
