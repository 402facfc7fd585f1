import type { Chart, Plugin } from 'chart.js';

// Writes a label inside every bar segment — its value and its series name ("3 on track") when there
// is room, else the value alone — so a bar never speaks by colour alone. A tiny inline plugin rather
// than chartjs-plugin-datalabels: it only uses the chart's 2D context, so the same configuration
// draws in the browser and under Node's canvas (@napi-rs/canvas) for the reports. It reads what it
// writes from the chart itself, so it stays right when the page updates the chart's data.

interface BarGeometry {
	x: number;
	y: number;
	base: number;
	width: number;
	height: number;
}

/** Black or white, whichever reads better on a `#RRGGBB` fill. */
export function textColourOn(fill: string): string {
	const hex = /^#([0-9a-f]{6})$/i.exec(fill)?.[1];
	if (!hex) return '#000000';
	const channel = (i: number) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
	return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#FFFFFF';
}

export function segmentLabels(options: { font: string; withName?: boolean }): Plugin {
	return {
		id: 'avanceSegmentLabels',
		afterDatasetsDraw(chart: Chart) {
			const ctx = chart.ctx;
			const horizontal = chart.options.indexAxis === 'y';
			ctx.save();
			ctx.font = options.font;
			ctx.textAlign = 'center';
			ctx.textBaseline = 'middle';
			chart.data.datasets.forEach((dataset, datasetIndex) => {
				if (!chart.isDatasetVisible(datasetIndex)) return;
				const fill = typeof dataset.backgroundColor === 'string' ? dataset.backgroundColor : '#FFFFFF';
				chart.getDatasetMeta(datasetIndex).data.forEach((element, index) => {
					const value = dataset.data[index];
					if (typeof value !== 'number' || value === 0) return;
					const bar = element.getProps(['x', 'y', 'base', 'width', 'height'], true) as unknown as BarGeometry;
					const room = horizontal ? Math.abs(bar.x - bar.base) : bar.width;
					const depth = horizontal ? bar.height : Math.abs(bar.y - bar.base);
					if (depth < 12) return;
					const short = String(value);
					const full = options.withName !== false && dataset.label ? `${short} ${dataset.label}` : short;
					const text = ctx.measureText(full).width + 6 <= room ? full : ctx.measureText(short).width + 4 <= room ? short : null;
					if (!text) return;
					ctx.fillStyle = textColourOn(fill);
					ctx.fillText(text, horizontal ? (bar.x + bar.base) / 2 : bar.x, horizontal ? bar.y : (bar.y + bar.base) / 2);
				});
			});
			ctx.restore();
		}
	};
}
