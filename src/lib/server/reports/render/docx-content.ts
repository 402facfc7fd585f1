import {
	Bookmark,
	ExternalHyperlink,
	ImageRun,
	InternalHyperlink,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	AlignmentType,
	HeadingLevel,
	type ParagraphChild
} from 'docx';
import type { DocBlock, DocInline, DocTable, ReportDocument } from '$lib/reports/document';
import type { ChartImage } from './charts';
import type { RawTables } from './docx-tables';

// The document model → docx paragraphs and tables (see docx.ts for the file around them).

export const HEADER_FILL = 'E8E8E8';
export const GROUP_FILL = 'F4F4F4';
export const SMALL = 16; // half-points: 8 pt

export function docxInlines(document: ReportDocument, runs: readonly DocInline[], size?: number): ParagraphChild[] {
	return runs.map((run): ParagraphChild => {
		switch (run.type) {
			case 'text':
				return new TextRun({ text: run.text, bold: run.bold, italics: run.italic, size });
			case 'mark':
				return new TextRun({ text: ` ${run.text}`, italics: true, color: '555555', size: (size ?? 20) - 4 });
			case 'link':
				return new ExternalHyperlink({ link: run.href, children: [new TextRun({ text: run.text, style: 'Hyperlink', size })] });
			case 'ref': {
				const record = document.records[run.key];
				if (!record) return new TextRun({ text: run.text, size });
				return new InternalHyperlink({ anchor: record.bookmark, children: [new TextRun({ text: run.text, style: 'Hyperlink', size })] });
			}
			default:
				return new TextRun({ text: run.text, highlight: 'yellow', size });
		}
	});
}

export function columnWidths(table: DocTable, total: number): number[] {
	const narrow = 1100;
	const numeric = table.columns.filter((c, i) => c.numeric || i === 0).length;
	const wide = Math.max(1, table.columns.length - numeric);
	const rest = Math.max(total - narrow * numeric, wide * 1500);
	return table.columns.map((c, i) => (c.numeric || i === 0 ? narrow : Math.floor(rest / wide)));
}

export function docxTable(document: ReportDocument, table: DocTable, width: number, raw?: RawTables): (Paragraph | Table)[] {
	const caption = new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun({ text: table.caption })] });
	// A large table is written as XML text when the file is packed (docx-tables.ts).
	if (raw && table.rows.length > raw.minRows) return [caption, raw.placeholder(table, width), new Paragraph({ children: [] })];
	const widths = columnWidths(table, width);
	const align = (numeric: boolean) => (numeric ? AlignmentType.RIGHT : AlignmentType.LEFT);
	const header = new TableRow({
		tableHeader: true,
		cantSplit: true,
		children: table.columns.map(
			(c, i) =>
				new TableCell({
					width: { size: widths[i]!, type: WidthType.DXA },
					shading: { fill: HEADER_FILL, type: ShadingType.CLEAR, color: 'auto' },
					children: [new Paragraph({ alignment: align(c.numeric), children: [new TextRun({ text: c.label, bold: true, size: SMALL })] })]
				})
		)
	});
	const rows = table.rows.map((row) => {
		if (row.type === 'group')
			return new TableRow({
				cantSplit: true,
				children: [
					new TableCell({
						columnSpan: table.columns.length,
						shading: { fill: GROUP_FILL, type: ShadingType.CLEAR, color: 'auto' },
						children: [new Paragraph({ children: docxInlines(document, row.cells, SMALL).map((c) => c) })]
					})
				]
			});
		const record = row.anchor ? document.records[row.anchor] : undefined;
		return new TableRow({
			cantSplit: true,
			children: row.cells.map((runs, i) => {
				const children = docxInlines(document, runs, SMALL);
				const content = i === 0 && record ? [new Bookmark({ id: record.bookmark, children: children as TextRun[] })] : children;
				return new TableCell({
					width: { size: widths[i]!, type: WidthType.DXA },
					children: [new Paragraph({ alignment: align(table.columns[i]?.numeric ?? false), children: content })]
				});
			})
		});
	});
	return [
		caption,
		// Cell padding: 2 pt above and below, 4 pt at the sides.
		new Table({
			width: { size: width, type: WidthType.DXA },
			columnWidths: widths,
			margins: { top: 40, bottom: 40, left: 80, right: 80 },
			rows: [header, ...rows]
		}),
		new Paragraph({ children: [] })
	];
}

export function docxBlocks(
	document: ReportDocument,
	blocks: readonly DocBlock[],
	charts: Map<string, ChartImage>,
	width: number,
	raw?: RawTables
): (Paragraph | Table)[] {
	return blocks.flatMap((block): (Paragraph | Table)[] => {
		switch (block.type) {
			case 'paragraph':
				return [new Paragraph({ children: docxInlines(document, block.inlines) })];
			case 'note':
				return [new Paragraph({ children: docxInlines(document, block.inlines).map((c) => c), style: 'Note' })];
			case 'list':
				return block.items.map(
					(item) =>
						new Paragraph({
							children: docxInlines(document, item),
							...(block.ordered ? { numbering: { reference: 'report-numbered', level: 0 } } : { bullet: { level: 0 } })
						})
				);
			case 'facts':
				return block.items.map(
					(f) => new Paragraph({ children: [new TextRun({ text: `${f.label}: `, bold: true }), ...docxInlines(document, f.value)] })
				);
			case 'table':
				return docxTable(document, block.table, width, raw);
			case 'chart': {
				const image = charts.get(block.chart.id);
				if (!image) return [];
				const w = Math.min(600, Math.round((width / 1440) * 96));
				return [
					new Paragraph({ style: 'Caption', keepNext: true, children: [new TextRun(block.chart.title)] }),
					new Paragraph({
						keepNext: true,
						children: [
							new ImageRun({
								type: 'png',
								data: image.png,
								transformation: { width: w, height: Math.round((w * image.height) / image.width) },
								altText: { name: block.chart.id, title: block.chart.title, description: block.chart.alt }
							})
						]
					}),
					new Paragraph({ style: 'Note', children: [new TextRun(block.chart.alt)] })
				];
			}
		}
	});
}

export { HeadingLevel };
