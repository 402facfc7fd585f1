import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart } from '$lib/charts/chart';
import { INTL_LOCALE } from '$lib/i18n/format';
import type { Locale } from '$lib/model';
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
	/** The numbers printed on the value axis, as drawn (the report language's format). */
	axisLabels: string[];
}

/**
 * One chart as a PNG, its numbers in `lang`'s format (the same Intl locale as the report's
 * tables: "8000" and "12.500" in Spanish, "8,000" in English), not the machine's.
 */
export function renderChartPng(
	chart: DocChart,
	lang: Locale,
	size: { width: number; height: number } = { width: 720, height: 360 }
): ChartImage {
	registerFonts();
	const scale = 2;
	const canvas = createCanvas(size.width * scale, size.height * scale);
	const config = docChartConfig(chart, { static: true, fontFamily: FONT_FAMILY, locale: INTL_LOCALE[lang] });
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
		const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
		const valueAxis = chart.kind === 'status_by_module' ? drawn.scales.x : drawn.scales.y;
		const axisLabels = (valueAxis?.ticks ?? []).map((t) => String(t.label));
		return {
			id: chart.id,
			png: opaquePng(canvas.width, canvas.height, pixels),
			width: size.width,
			height: size.height,
			alt: chart.alt,
			axisLabels
		};
	} finally {
		drawn.destroy();
	}
}

/**
 * An RGB PNG (no alpha channel) of RGBA pixels drawn on white. pdfkit splits an alpha channel
 * asynchronously, which would number the PDF's objects differently from run to run; without one
 * the same snapshot gives the same bytes.
 */
function opaquePng(width: number, height: number, rgba: Uint8ClampedArray): Buffer {
	const stride = width * 3 + 1;
	const raw = Buffer.alloc(stride * height);
	for (let y = 0; y < height; y++) {
		raw[y * stride] = 0; // filter: none
		for (let x = 0; x < width; x++) {
			const from = (y * width + x) * 4;
			const to = y * stride + 1 + x * 3;
			raw[to] = rgba[from]!;
			raw[to + 1] = rgba[from + 1]!;
			raw[to + 2] = rgba[from + 2]!;
		}
	}
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([length, body, crc]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type: RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level: 6 })),
		chunk('IEND', Buffer.alloc(0))
	]);
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
	for (const chart of charts) if (!images.has(chart.id)) images.set(chart.id, renderChartPng(chart, document.lang));
	return images;
}
