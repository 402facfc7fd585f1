import type { ChartConfiguration } from 'chart.js';
import { OKABE_ITO } from './palette';
import { fontOf, renderOptions, type ChartRender } from './render';
import { segmentLabels } from './segment-labels';

// Money and results by module (issue 20): per module, burn against plan beside results progress,
// both in per cent. Burn is a filled bar, progress an outlined one (fill versus outline, not colour
// alone), each bar carries its figure, and the table beside the chart carries every number.
// Shared by the dashboard and the report renderer.

export interface BurnVsProgressInput {
	/** One group per module: its label ("M1") and its figures in whole per cent (null: none yet). */
	modules: readonly { label: string; burn: number | null; progress: number | null }[];
	labels: { burn: string; progress: string; axis: string };
}

export function burnVsProgressChart(input: BurnVsProgressInput, render: ChartRender = {}): ChartConfiguration<'bar'> {
	return {
		type: 'bar',
		data: {
			labels: input.modules.map((m) => m.label),
			datasets: [
				{
					label: input.labels.burn,
					data: input.modules.map((m) => m.burn),
					backgroundColor: OKABE_ITO.orange,
					borderColor: OKABE_ITO.black,
					borderWidth: 1,
					borderSkipped: false
				},
				{
					label: input.labels.progress,
					data: input.modules.map((m) => m.progress),
					backgroundColor: '#FFFFFF',
					borderColor: OKABE_ITO.blue,
					borderWidth: 3,
					borderSkipped: false
				}
			]
		},
		options: {
			...renderOptions(render),
			indexAxis: 'y',
			scales: { x: { beginAtZero: true, suggestedMax: 100, title: { display: true, text: input.labels.axis } } },
			plugins: { legend: { position: 'bottom' }, tooltip: { enabled: !render.static } }
		},
		plugins: [segmentLabels({ font: fontOf(render, '600') })]
	};
}
