import type { ChartConfiguration } from 'chart.js';
import type { AdoptionStatus } from '$lib/model';
import { OKABE_ITO } from './palette';
import { fontOf, renderOptions, type ChartRender } from './render';
import { segmentLabels } from './segment-labels';

// The recommendation adoption funnel: one bar per rung of the ladder (and the two ways off it),
// in ladder order, each labelled with its count; the rungs that count as adopted are drawn in a
// darker colour, and their names say so too. Shared by the dashboard and the report renderer.

export interface AdoptionFunnelInput {
	/** The rungs in order (proposed … implemented, then rejected and no longer applicable). */
	rungs: readonly { status: AdoptionStatus; label: string; count: number; adopted: boolean }[];
	axisLabel: string;
}

export function adoptionFunnelChart(input: AdoptionFunnelInput, render: ChartRender = {}): ChartConfiguration<'bar'> {
	return {
		type: 'bar',
		data: {
			labels: input.rungs.map((r) => r.label),
			datasets: [
				{
					label: input.axisLabel,
					data: input.rungs.map((r) => r.count),
					backgroundColor: input.rungs.map((r) => (r.adopted ? OKABE_ITO.blue : OKABE_ITO.skyBlue)),
					borderColor: '#FFFFFF',
					borderWidth: 1
				}
			]
		},
		options: {
			...renderOptions(render),
			indexAxis: 'y',
			scales: { x: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: input.axisLabel } } },
			plugins: { legend: { display: false }, tooltip: { enabled: !render.static } }
		},
		plugins: [segmentLabels({ font: fontOf(render, '600'), withName: false })]
	};
}
