import type { DocBlock, DocInline, DocTable, ReportDocument } from '$lib/reports/document';
import type { ChartImage } from './charts';

// The document model → pdfmake content nodes. Kept apart from pdf.ts (fonts, page setup,
// properties) so each reads on its own. pdfmake's nodes are plain objects; their type is loose.

// `any`, not `unknown`: a node is a nested mix of pdfmake's optional keys (text, table, stack,
// linkToDestination…) built and read field by field; pdfmake 0.3 ships no types for them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PdfNode = Record<string, any>;

export const LINK = '#0b4f9c';

// Status symbols the bundled Roboto has no glyph for (it has ● ○ ? !). They only repeat the
// status word beside them, so the PDF drops them rather than print empty boxes.
const MISSING_GLYPHS = /[\u2190-\u21ff\u25a0-\u25ce\u25d0-\u25ff\u2700-\u27bf](?<![\u25cb\u25cf])\s?/gu;

export function pdfSafe(text: string): string {
	return text.replace(MISSING_GLYPHS, '');
}

export function pdfInlines(document: ReportDocument, runs: readonly DocInline[]): PdfNode[] {
	return runs.map((run): PdfNode => {
		switch (run.type) {
			case 'text':
				return { text: pdfSafe(run.text), ...(run.bold ? { bold: true } : {}), ...(run.italic ? { italics: true } : {}) };
			case 'mark':
				return { text: ` ${run.text}`, italics: true, color: '#555555', fontSize: 7.5 };
			case 'link':
				return { text: run.text, link: run.href, color: LINK, decoration: 'underline' };
			case 'ref': {
				const record = document.records[run.key];
				return record ? { text: pdfSafe(run.text), linkToDestination: record.anchor, color: LINK } : { text: pdfSafe(run.text) };
			}
			default:
				return { text: run.text, background: '#fff2a8' };
		}
	});
}

/**
 * A cell's text node; `id` makes it a named destination (the record's row). A cell of one run is
 * that run's node itself (the same text and style, one node fewer): tables at 3,000 indicators
 * hold hundreds of thousands of cells, and pdfmake keeps every node it measured until the end.
 */
function cell(document: ReportDocument, runs: readonly DocInline[], numeric: boolean, id?: string): PdfNode {
	const own = { ...(numeric ? { alignment: 'right' } : {}), ...(id ? { id } : {}) };
	if (runs.length === 1) return { ...pdfInlines(document, runs)[0], ...own };
	return { text: runs.length ? pdfInlines(document, runs) : '', ...own };
}

/** One layout for every table (pdfmake calls these per line; built once, not per table). */
const TABLE_LAYOUT = {
	hLineWidth: () => 0.5,
	vLineWidth: () => 0.5,
	hLineColor: () => '#999999',
	vLineColor: () => '#999999',
	fillColor: (rowIndex: number) => (rowIndex === 0 ? '#e8e8e8' : null),
	paddingTop: () => 2,
	paddingBottom: () => 2
};

export function pdfTable(document: ReportDocument, table: DocTable): PdfNode[] {
	const width = table.columns.length;
	const header = table.columns.map((c) => ({ text: pdfSafe(c.label), style: 'th', ...(c.numeric ? { alignment: 'right' } : {}) }));
	const body: PdfNode[][] = [header];
	for (const row of table.rows) {
		if (row.type === 'group') {
			body.push([
				{ text: pdfInlines(document, row.cells), colSpan: width, style: 'group' },
				...Array.from({ length: width - 1 }, () => ({}))
			]);
			continue;
		}
		body.push(
			row.cells.map((runs, c) =>
				cell(document, runs, table.columns[c]?.numeric ?? false, c === 0 && row.anchor ? document.records[row.anchor]?.anchor : undefined)
			)
		);
	}
	return [
		{ text: table.caption, style: 'caption', headlineLevel: 3 },
		{
			table: {
				headerRows: 1,
				// The header row never ends a page alone: it goes with the first row.
				keepWithHeaderRows: 1,
				dontBreakRows: true,
				widths: table.columns.map((c, i) => (c.numeric ? 'auto' : i === 0 ? 'auto' : '*')),
				body
			},
			layout: TABLE_LAYOUT,
			style: 'table'
		}
	];
}

export function pdfBlocks(
	document: ReportDocument,
	blocks: readonly DocBlock[],
	charts: Map<string, ChartImage>,
	width: number
): PdfNode[] {
	return blocks.flatMap((block): PdfNode[] => {
		switch (block.type) {
			case 'paragraph':
				return [{ text: pdfInlines(document, block.inlines), style: 'p' }];
			case 'note':
				return [{ text: pdfInlines(document, block.inlines), style: 'note' }];
			case 'list': {
				const items = block.items.map((it) => ({ text: pdfInlines(document, it) }));
				return [block.ordered ? { ol: items, style: 'p' } : { ul: items, style: 'p' }];
			}
			case 'facts':
				return [
					{
						table: {
							widths: [150, '*'],
							body: block.items.map((f) => [{ text: f.label, bold: true }, { text: pdfInlines(document, f.value) }])
						},
						layout: 'noBorders',
						style: 'facts'
					}
				];
			case 'table':
				return pdfTable(document, block.table);
			case 'chart': {
				const image = charts.get(block.chart.id);
				if (!image) return [];
				const w = Math.min(width, 480);
				// Caption, picture and text alternative never part across pages.
				return [
					{
						stack: [
							{ text: block.chart.title, style: 'caption', headlineLevel: 3 },
							{ image: block.chart.id, width: w, height: (w * image.height) / image.width, margin: [0, 2, 0, 2] },
							{ text: block.chart.alt, style: 'note' }
						],
						unbreakable: true
					}
				];
			}
		}
	});
}
