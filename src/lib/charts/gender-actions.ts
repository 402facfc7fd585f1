import type { ChartConfiguration } from 'chart.js';
import type { GenderActionStatus } from '$lib/model';
import { OKABE_ITO } from './palette';
import { fontOf, renderOptions, type ChartRender } from './render';
import { segmentLabels } from './segment-labels';

// Gender actions by status, per module: one horizontal stacked bar per module, every segment
// labelled with its count and status word. Shared by the dashboard and the report renderer.

export const GENDER_STATUS_COLOURS: Record<GenderActionStatus, string> = {
	planned: OKABE_ITO.skyBlue,
	ongoing: OKABE_ITO.orange,
	completed: OKABE_ITO.blue,
	cancelled: OKABE_ITO.lightGrey
};

export interface GenderActionsInput {
	/** One bar per module (or the programme-wide strategy), in display order. */
	groups: readonly { label: string; byStatus: Partial<Record<GenderActionStatus, number>> }[];
	statuses: readonly GenderActionStatus[];
	statusLabels: Readonly<Record<GenderActionStatus, string>>;
	axisLabel: string;
}

export function genderActionsChart(input: GenderActionsInput, render: ChartRender = {}): ChartConfiguration<'bar'> {
	const statuses = input.statuses.filter((s) => input.groups.some((g) => (g.byStatus[s] ?? 0) > 0));
	return {
		type: 'bar',
		data: {
			labels: input.groups.map((g) => g.label),
			datasets: statuses.map((status) => ({
				label: input.statusLabels[status],
				data: input.groups.map((g) => g.byStatus[status] ?? 0),
				backgroundColor: GENDER_STATUS_COLOURS[status],
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
