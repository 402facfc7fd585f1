import type { ChartConfiguration } from 'chart.js';
import type { DocChart } from './document';

// A report chart's Chart.js configuration, the same in the preview and in the PDF/DOCX images.
// Status colours go with the words in the legend and the table beside the chart, never alone.

const STATUS_COLOURS: Record<string, string> = {
	achieved: '#1b7f3b',
	on_track: '#4caf50',
	at_risk: '#e0a100',
	off_track: '#c62828',
	overdue: '#8e0000',
	no_data: '#9e9e9e',
	not_started: '#bdbdbd',
	not_yet: '#5c8fd6',
	reported: '#7e57c2'
};
const TREND_STYLE: Record<string, { color: string; dash: number[] }> = {
	actual: { color: '#1f4e9c', dash: [] },
	expected: { color: '#666666', dash: [6, 4] },
	milestone: { color: '#e0a100', dash: [2, 3] }
};

export function docChartConfig(chart: DocChart): ChartConfiguration {
	if (chart.kind === 'status_by_module')
		return {
			type: 'bar',
			data: {
				labels: chart.labels,
				datasets: chart.series.map((s) => ({ label: s.label, data: s.values, backgroundColor: STATUS_COLOURS[s.key] ?? '#777777' }))
			},
			options: {
				indexAxis: 'y',
				plugins: { legend: { position: 'bottom' }, title: { display: false } },
				scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } }
			}
		};
	return {
		type: 'line',
		data: {
			labels: chart.labels,
			datasets: chart.series.map((s) => ({
				label: s.label,
				data: s.values,
				borderColor: TREND_STYLE[s.key]?.color ?? '#333333',
				backgroundColor: TREND_STYLE[s.key]?.color ?? '#333333',
				borderDash: TREND_STYLE[s.key]?.dash ?? [],
				spanGaps: true,
				showLine: s.key !== 'milestone',
				pointStyle: s.key === 'milestone' ? 'triangle' : 'circle',
				pointRadius: 4
			}))
		},
		options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true } } }
	};
}
