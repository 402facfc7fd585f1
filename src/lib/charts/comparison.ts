import type { ChartConfiguration } from 'chart.js';
import { SERIES_COLOURS, type LineStyle } from './palette';
import { renderOptions, type ChartRender } from './render';

// One library indicator across programmes on one time axis: per programme its approved values
// (a solid line) and its baseline, milestones and end target (a dashed line), each programme with
// its own colour AND point shape, so no line is told apart by colour alone.

const POINTS: LineStyle['point'][] = ['circle', 'rect', 'triangle', 'rectRot'];

export interface ComparisonChartInput {
	/** The axis labels (formatted dates), in order. */
	dates: readonly string[];
	series: readonly { actualLabel: string; targetLabel: string; actual: readonly (number | null)[]; target: readonly (number | null)[] }[];
	beginAtZero?: boolean;
}

export function comparisonChart(input: ComparisonChartInput, render: ChartRender = {}): ChartConfiguration<'line'> {
	return {
		type: 'line',
		data: {
			labels: [...input.dates],
			datasets: input.series.flatMap((s, i) => {
				const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!.fill;
				const point = POINTS[i % POINTS.length]!;
				return [
					{
						label: s.actualLabel,
						data: [...s.actual],
						borderColor: colour,
						backgroundColor: colour,
						borderWidth: 3,
						pointStyle: point,
						pointRadius: 5,
						spanGaps: true,
						fill: false
					},
					{
						label: s.targetLabel,
						data: [...s.target],
						borderColor: colour,
						backgroundColor: colour,
						borderDash: [6, 4],
						borderWidth: 1.5,
						pointStyle: point,
						pointRadius: 3,
						spanGaps: true,
						fill: false
					}
				];
			})
		},
		options: {
			...renderOptions(render),
			interaction: { mode: 'index', intersect: false },
			scales: { y: { beginAtZero: input.beginAtZero ?? true } },
			plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } }, tooltip: { enabled: !render.static } }
		}
	};
}
