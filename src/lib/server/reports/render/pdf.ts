import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { composeReport } from '$lib/reports/compose';
import { inlineText, type ReportDocument } from '$lib/reports/document';
import type { Locale } from '$lib/model';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import { renderCharts } from './charts';
import { pdfBlocks, pdfInlines, type PdfNode } from './pdf-content';
import { installKeepWithNext, markKeepWithNext } from './pdf-keep';

// The PDF of an issued report, with pdfmake (pdfkit inside): pure JS, no browser. Fonts are the
// bundled Roboto (Spanish accents and ñ included); nothing is fetched (no URL, no file outside the
// font folder); the creation date is the issue's, so the same snapshot gives the same bytes.
//
// What a reviewer sees (issue 19): sections flow one after the other; only the major parts (the
// contents, the body, each annex) start a page. A heading or a caption never stays alone at the
// foot of a page: `pdf-keep.ts` moves it to the next page, in the one layout pass, when what
// follows it would not start on the same page. pdfmake cannot build a structure tree (its `tagged` option marks the file as tagged
// with an empty tree), so the PDF does not claim to be tagged; its cover links the accessible
// HTML edition of the same issue instead.

const require = createRequire(import.meta.url);

interface PdfMake {
	setFonts(fonts: Record<string, Record<string, string>>): void;
	setUrlAccessPolicy(policy: (url: string) => boolean): void;
	setLocalAccessPolicy(policy: (path: string) => boolean): void;
	createPdf(definition: PdfNode): { getBuffer(): Promise<Buffer> };
}

let engine: PdfMake | null = null;

export function pdfmake(): PdfMake {
	if (engine) return engine;
	const fontFile = (name: string) => require.resolve(`pdfmake/fonts/Roboto/${name}`);
	const fontDir = dirname(fontFile('Roboto-Regular.ttf'));
	const pm = require('pdfmake') as PdfMake;
	pm.setFonts({
		Roboto: {
			normal: fontFile('Roboto-Regular.ttf'),
			bold: fontFile('Roboto-Medium.ttf'),
			italics: fontFile('Roboto-Italic.ttf'),
			bolditalics: fontFile('Roboto-MediumItalic.ttf')
		}
	});
	pm.setUrlAccessPolicy(() => false);
	pm.setLocalAccessPolicy((path) => path.startsWith(fontDir));
	installKeepWithNext();
	return (engine = pm);
}

const A4_PORTRAIT_WIDTH = 595.28 - 80;
const A4_LANDSCAPE_WIDTH = 841.89 - 80;

export interface RenderOptions {
	/** SHA-256 of the snapshot's canonical JSON, printed in every footer and the properties. */
	sha256: string;
}

export function pdfDefinition(doc: ReportDocument, sha256: string, images: Map<string, { png: Buffer }>): PdfNode {
	const charts = images as Map<string, import('./charts').ChartImage>;
	const content: PdfNode[] = [
		{ text: doc.subtitle, style: 'kind' },
		{ text: pdfInlines(doc, doc.title), style: 'title' },
		{ text: pdfInlines(doc, doc.programme), style: 'programme' },
		{
			table: {
				widths: [150, '*'],
				body: [
					...doc.cover.facts.map((f) => [{ text: f.label, bold: true }, { text: pdfInlines(doc, f.value) }]),
					[
						{ text: doc.cover.hashLabel, bold: true },
						{ text: sha256, fontSize: 8 }
					]
				]
			},
			layout: 'lightHorizontalLines',
			style: 'facts'
		},
		...(doc.labels.fallbackNote ? [{ text: doc.labels.fallbackNote, style: 'note' }] : []),
		{ toc: { title: { text: doc.toc.title, style: 'h1' }, outlines: true }, pageBreak: 'before' }
	];
	for (const [n, section] of doc.sections.entries()) {
		content.push({
			text: `${section.number}. ${section.title}`,
			id: section.id,
			tocItem: true,
			style: 'h1',
			headlineLevel: 1,
			...(n === 0 ? { pageBreak: 'before' } : {})
		});
		if (section.rated) {
			content.push({
				text: [
					{ text: `${doc.labels.rating} `, bold: true },
					{ text: `(${doc.labels.ratingScale}): `, color: '#555555' },
					{ text: section.ratingLabel ?? '', bold: true }
				],
				style: 'rating'
			});
			if (section.justification.length)
				content.push(
					{ text: doc.labels.justification, style: 'h2', headlineLevel: 2 },
					...pdfBlocks(doc, section.justification, charts, A4_PORTRAIT_WIDTH)
				);
		}
		content.push(...pdfBlocks(doc, section.narrative, charts, A4_PORTRAIT_WIDTH));
		for (const evidence of section.evidence)
			content.push(
				...keptWithFirst(
					{ text: evidence.title, id: evidence.id, style: 'h2', headlineLevel: 2 },
					pdfBlocks(doc, evidence.blocks, charts, A4_PORTRAIT_WIDTH)
				)
			);
	}
	for (const annex of doc.annexes) {
		content.push({
			text: annex.title,
			id: annex.id,
			tocItem: true,
			style: 'h1',
			headlineLevel: 1,
			pageBreak: 'before',
			pageOrientation: annex.landscape ? 'landscape' : 'portrait'
		});
		content.push(...pdfBlocks(doc, annex.blocks, charts, annex.landscape ? A4_LANDSCAPE_WIDTH : A4_PORTRAIT_WIDTH));
	}
	const footer = doc.labels.footer.replace('{hash}', sha256);
	const issued = new Date(doc.meta.issuedAt);
	return {
		pageSize: 'A4',
		pageMargins: [40, 48, 40, 48],
		language: doc.lang === 'es' ? 'es' : 'en-GB',
		tagged: false,
		displayTitle: true,
		info: {
			title: doc.titleText,
			author: doc.meta.issuedBy,
			subject: `${doc.subtitle} · ${doc.meta.programmeCode} · SHA-256 ${sha256}`,
			keywords: `sha256:${sha256}, ${doc.meta.programmeCode}, issue ${doc.meta.issueNumber}`,
			creator: 'Avance',
			producer: 'Avance',
			creationDate: issued,
			modDate: issued,
			SnapshotSHA256: sha256
		},
		footer: (page: number, pages: number) => ({
			style: 'footer',
			columns: [
				{ text: footer, fontSize: 6.5, color: '#444444', style: 'footer' },
				{
					text: doc.labels.page.replace('{page}', String(page)).replace('{pages}', String(pages)),
					fontSize: 7,
					alignment: 'right',
					width: 90,
					style: 'footer'
				}
			],
			margin: [40, 16, 40, 0]
		}),
		images: Object.fromEntries([...images].map(([id, img]) => [id, `data:image/png;base64,${img.png.toString('base64')}`])),
		content: markKeepWithNext(content),
		defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2 },
		styles: {
			kind: { fontSize: 10, color: '#555555', characterSpacing: 0.5, margin: [0, 60, 0, 4] },
			title: { fontSize: 22, bold: true, margin: [0, 0, 0, 8] },
			programme: { fontSize: 13, margin: [0, 0, 0, 20] },
			h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 10] },
			h2: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
			h3: { fontSize: 10.5, bold: true, margin: [0, 8, 0, 2] },
			p: { margin: [0, 0, 0, 6] },
			note: { italics: true, color: '#444444', fontSize: 8.5, margin: [0, 0, 0, 6] },
			rating: { margin: [0, 0, 0, 6] },
			caption: { bold: true, fontSize: 9, margin: [0, 6, 0, 2] },
			table: { fontSize: 8, margin: [0, 0, 0, 8] },
			th: { bold: true },
			group: { bold: true, fillColor: '#f4f4f4' },
			facts: { margin: [0, 0, 0, 10] },
			footer: {}
		}
	};
}

/**
 * A heading and what follows it: when that is a block that never parts (a chart), the heading
 * joins it, so the two start a page together (pdfmake moves an unbreakable block whole).
 */
function keptWithFirst(heading: PdfNode, blocks: PdfNode[]): PdfNode[] {
	const [first, ...rest] = blocks;
	if (first?.unbreakable && Array.isArray(first.stack)) return [{ stack: [heading, ...first.stack], unbreakable: true }, ...rest];
	return [heading, ...blocks];
}

/** The PDF of a snapshot in one language. `inlineText` keeps the title plain in the properties. */
export async function renderPdf(snapshot: ReportSnapshot, lang: Locale, options: RenderOptions): Promise<Uint8Array> {
	const doc = composeReport(snapshot, lang);
	const definition = pdfDefinition(doc, options.sha256, renderCharts(doc));
	const buffer = await pdfmake().createPdf(definition).getBuffer();
	return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

export { inlineText };
