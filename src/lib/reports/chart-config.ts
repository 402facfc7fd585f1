import type { ChartConfiguration } from 'chart.js';
import { indicatorTrendChart } from '$lib/charts/indicator-trend';
import type { ChartRender } from '$lib/charts/render';
import { statusByModuleChart } from '$lib/charts/status-by-module';
import type { DocChart } from './document';

/** A report chart's Chart.js configuration: the screens' own builders, in the preview and in the files. */
export function docChartConfig(chart: DocChart, render: ChartRender = {}): ChartConfiguration {
	return (
		chart.kind === 'status_by_module' ? statusByModuleChart(chart.input, render) : indicatorTrendChart(chart.input, render)
	) as ChartConfiguration;
}
