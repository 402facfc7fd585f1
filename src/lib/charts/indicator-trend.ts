import type { ChartConfiguration } from 'chart.js';
import { OKABE_ITO, SEX_STYLE, type LineStyle } from './palette';
import { renderOptions, type ChartRender } from './render';

// An indicator's actual against its target per period: the target a dashed line, the actual a
// solid one, and women and men (when the indicator is split by sex) their own dash and point
// shape, so no line is told apart by colour alone. Shared by the indicator page, the dashboard and
// the report renderer.

export interface IndicatorTrendInput {
	/** The period labels, in order. */
	periods: readonly string[];
	/** The actual (as the indicator aggregates it) per period; null where nothing approved. */
	actual: readonly (number | null)[];
	/** The target (expected value) per period. */
	target: readonly (number | null)[];
	/** Women's and men's figures per period, only for an indicator split by sex. */
	women?: readonly (number | null)[] | null;
	men?: readonly (number | null)[] | null;
	/** The series names in the reader's language. */
	labels: { actual: string; target: string; women: string; men: string };
	/** Start the value axis at zero (numbers); percentages may zoom in. Default true. */
	beginAtZero?: boolean;
	/**
	 * The forecast per period (design §3): the latest actual and the projection at the end, null
	 * elsewhere; drawn as a dotted line with triangles, named by `forecastLabel`.
	 */
	forecast?: readonly (number | null)[] | null;
	forecastLabel?: string;
}

export function indicatorTrendChart(input: IndicatorTrendInput, render: ChartRender = {}): ChartConfiguration<'line'> {
	const sexLine = (label: string, data: readonly (number | null)[], style: LineStyle) => ({
		label,
		data: [...data],
		borderColor: style.colour,
		backgroundColor: style.colour,
		borderDash: style.dash,
		pointStyle: style.point,
		pointRadius: 5,
		spanGaps: true,
		fill: false
	});
	return {
		type: 'line',
		data: {
			labels: [...input.periods],
			datasets: [
				{
					label: input.labels.target,
					data: [...input.target],
					borderColor: OKABE_ITO.grey,
					backgroundColor: OKABE_ITO.grey,
					borderDash: [6, 4],
					pointStyle: 'rectRot',
					pointRadius: 4,
					spanGaps: true,
					fill: false
				},
				{
					label: input.labels.actual,
					data: [...input.actual],
					borderColor: OKABE_ITO.blue,
					backgroundColor: OKABE_ITO.blue,
					borderWidth: 3,
					pointStyle: 'circle',
					pointRadius: 5,
					spanGaps: true,
					fill: false
				},
				...(input.women ? [sexLine(input.labels.women, input.women, SEX_STYLE.women)] : []),
				...(input.men ? [sexLine(input.labels.men, input.men, SEX_STYLE.men)] : []),
				...(input.forecast
					? [
							{
								label: input.forecastLabel ?? '',
								data: [...input.forecast],
								borderColor: OKABE_ITO.vermillion,
								backgroundColor: OKABE_ITO.vermillion,
								borderDash: [2, 4],
								borderWidth: 2,
								pointStyle: 'triangle' as const,
								pointRadius: 6,
								spanGaps: true,
								fill: false
							}
						]
					: [])
			]
		},
		options: {
			...renderOptions(render),
			interaction: { mode: 'index', intersect: false },
			scales: { y: { beginAtZero: input.beginAtZero ?? true } },
			plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } }, tooltip: { enabled: !render.static } }
		}
	};
}
