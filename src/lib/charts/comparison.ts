import type { ChartConfiguration } from 'chart.js';
import type { IsoDate } from '$lib/model';
import { SERIES_COLOURS, type LineStyle } from './palette';
import { renderOptions, type ChartRender } from './render';

// One library indicator across programmes on one time axis: per programme its approved values
// (a solid line) and its baseline, milestones and end target (a dashed line), each programme with
// its own colour AND point shape, so no line is told apart by colour alone.
// The time axis is to scale: a linear axis of day numbers (no date adapter to ship), its ticks and
// tooltips written as dates in the reader's format, so six months take twice the room of three.

const POINTS: LineStyle['point'][] = ['circle', 'rect', 'triangle', 'rectRot'];
const DAY = 86_400_000;

/** A date as a day number (days since 1970-01-01, UTC): the x of the time axis. */
export const dayNumber = (date: IsoDate): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
/** The date of a day number (ticks fall on any day, so it is rounded to one). */
export const dateOfDay = (day: number): IsoDate => new Date(Math.round(day) * DAY).toISOString().slice(0, 10);

export interface ComparisonChartInput {
	/** The dates of the points, in order (ISO). */
	dates: readonly IsoDate[];
	/** A date the reader's way (ticks and tooltips). */
	formatDate: (date: IsoDate) => string;
	/** Per programme, the values at `dates` (null where it has none). */
	series: readonly { actualLabel: string; targetLabel: string; actual: readonly (number | null)[]; target: readonly (number | null)[] }[];
	beginAtZero?: boolean;
	/** A narrow screen: the legend below in smaller type, so it leaves the canvas to the lines. */
	compact?: boolean;
}

/** The points of one series on the time axis; a date without a value has no point (the line spans it). */
function points(dates: readonly IsoDate[], values: readonly (number | null)[]): { x: number; y: number }[] {
	return dates.flatMap((d, i) => (values[i] === null || values[i] === undefined ? [] : [{ x: dayNumber(d), y: values[i]! }]));
}

export function comparisonChart(input: ComparisonChartInput, render: ChartRender = {}): ChartConfiguration<'line'> {
	const compact = input.compact ?? false;
	return {
		type: 'line',
		data: {
			datasets: input.series.flatMap((s, i) => {
				const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!.fill;
				const point = POINTS[i % POINTS.length]!;
				return [
					{
						label: s.actualLabel,
						data: points(input.dates, s.actual),
						borderColor: colour,
						backgroundColor: colour,
						borderWidth: 3,
						pointStyle: point,
						pointRadius: 5,
						fill: false
					},
					{
						label: s.targetLabel,
						data: points(input.dates, s.target),
						borderColor: colour,
						backgroundColor: colour,
						borderDash: [6, 4],
						borderWidth: 1.5,
						pointStyle: point,
						pointRadius: 3,
						fill: false
					}
				];
			})
		},
		options: {
			...renderOptions(render),
			interaction: { mode: 'nearest', axis: 'x', intersect: false },
			scales: {
				x: {
					type: 'linear',
					ticks: { callback: (value) => input.formatDate(dateOfDay(Number(value))), maxRotation: 0, autoSkipPadding: 12 }
				},
				y: { beginAtZero: input.beginAtZero ?? true }
			},
			plugins: {
				legend: {
					position: 'bottom',
					labels: compact ? { usePointStyle: true, boxWidth: 8, boxHeight: 8, padding: 6, font: { size: 10 } } : { usePointStyle: true }
				},
				tooltip: {
					enabled: !render.static,
					callbacks: { title: (items) => (items[0] ? input.formatDate(dateOfDay(items[0].parsed.x ?? 0)) : '') }
				}
			}
		}
	};
}
