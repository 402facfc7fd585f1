import type { ChartConfiguration } from 'chart.js';
import { SEX_STYLE } from './palette';
import { fontOf, renderOptions, type ChartRender } from './render';
import { segmentLabels } from './segment-labels';

// Women against men for the sex-disaggregated indicators: for each indicator, a women bar and a
// men bar of its latest period with both, each bar labelled with its value and "women"/"men", and
// the men bars hatched by a lighter border so the pair differs by more than colour. Shared by the
// dashboard and the report renderer.

export interface WomenMenInput {
	/** One pair of bars per indicator: its label (e.g. "1.2 · 2022-S1") and the two figures. */
	indicators: readonly { label: string; women: number | null; men: number | null }[];
	labels: { women: string; men: string };
	axisLabel: string;
}

export function womenMenChart(input: WomenMenInput, render: ChartRender = {}): ChartConfiguration<'bar'> {
	return {
		type: 'bar',
		data: {
			labels: input.indicators.map((i) => i.label),
			datasets: [
				{
					label: input.labels.women,
					data: input.indicators.map((i) => i.women ?? 0),
					backgroundColor: SEX_STYLE.women.colour,
					borderColor: '#000000',
					borderWidth: 0
				},
				{
					label: input.labels.men,
					data: input.indicators.map((i) => i.men ?? 0),
					backgroundColor: SEX_STYLE.men.colour,
					borderColor: '#000000',
					borderWidth: 2
				}
			]
		},
		options: {
			...renderOptions(render),
			indexAxis: 'y',
			scales: { x: { beginAtZero: true, title: { display: true, text: input.axisLabel } } },
			plugins: { legend: { position: 'bottom' }, tooltip: { enabled: !render.static } }
		},
		plugins: [segmentLabels({ font: fontOf(render, '600') })]
	};
}
