import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart } from '$lib/charts/chart';
import { docChartConfig } from '$lib/reports/chart-config';
import type { DocBlock, DocChart, ReportDocument } from '$lib/reports/document';

// The report's charts drawn once on the server, from the same Chart.js configuration builders
// the screens use (through docChartConfig), on @napi-rs/canvas: a fixed size, no animation, no
// resize observer, and pdfmake's bundled Roboto registered so words render the same on any machine.

const FONT_FAMILY = 'Roboto';
let fontsReady = false;

function registerFonts(): void {
	if (fontsReady) return;
	const require = createRequire(import.meta.url);
	GlobalFonts.registerFromPath(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'), FONT_FAMILY);
	GlobalFonts.registerFromPath(require.resolve('pdfmake/fonts/Roboto/Roboto-Medium.ttf'), FONT_FAMILY);
	Chart.defaults.font.family = FONT_FAMILY;
	Chart.defaults.color = '#222222';
	fontsReady = true;
}

export interface ChartImage {
	id: string;
	png: Buffer;
	/** Size in CSS pixels (the PNG has twice as many for print). */
	width: number;
	height: number;
	alt: string;
}

/** One chart as a PNG. */
export function renderChartPng(chart: DocChart, size: { width: number; height: number } = { width: 720, height: 360 }): ChartImage {
	registerFonts();
	const scale = 2;
	const canvas = createCanvas(size.width * scale, size.height * scale);
	const config = docChartConfig(chart, { static: true, fontFamily: FONT_FAMILY });
	config.options = { ...config.options, devicePixelRatio: scale, responsive: false, animation: false };
	// Chart.js draws on a 2D context; under Node it takes the basic platform (no DOM events).
	const drawn = new Chart(canvas as unknown as HTMLCanvasElement, config);
	try {
		// The configuration's own size, whatever the canvas attributes say.
		drawn.resize(size.width, size.height);
		const context = canvas.getContext('2d');
		context.globalCompositeOperation = 'destination-over';
		context.fillStyle = '#FFFFFF';
		context.fillRect(0, 0, canvas.width, canvas.height);
		return { id: chart.id, png: canvas.toBuffer('image/png'), width: size.width, height: size.height, alt: chart.alt };
	} finally {
		drawn.destroy();
	}
}

function chartsIn(blocks: readonly DocBlock[]): DocChart[] {
	return blocks.flatMap((b) => (b.type === 'chart' ? [b.chart] : []));
}

/** Every chart of the document, by chart id, drawn once for all the files of one language. */
export function renderCharts(document: ReportDocument): Map<string, ChartImage> {
	const charts = [
		...document.sections.flatMap((s) => s.evidence.flatMap((e) => chartsIn(e.blocks))),
		...document.annexes.flatMap((a) => chartsIn(a.blocks))
	];
	const images = new Map<string, ChartImage>();
	for (const chart of charts) if (!images.has(chart.id)) images.set(chart.id, renderChartPng(chart));
	return images;
}
