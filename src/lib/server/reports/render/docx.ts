import {
	AlignmentType,
	Bookmark,
	Document,
	Footer,
	HeadingLevel,
	InternalHyperlink,
	LeaderType,
	LevelFormat,
	LineRuleType,
	Packer,
	PageNumber,
	PageOrientation,
	PageReference,
	Paragraph,
	Tab,
	TabStopType,
	TextRun,
	type ISectionOptions,
	type Table
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import type { Locale } from '$lib/model';
import { composeReport } from '$lib/reports/compose';
import type { DocBlock, ReportDocument } from '$lib/reports/document';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import { renderCharts, type ChartImage } from './charts';
import { docxBlocks, docxInlines } from './docx-content';
import { packWithRawTables, RawTables } from './docx-tables';
import type { RenderOptions } from './pdf';

// The DOCX of an issued report, with docx: the same document as the PDF. Real Heading styles (so
// Word's navigation and the TOC field work), a bookmark per record row of "Records cited" that
// every figure links to, the logframe annex in a landscape section, the hash in every footer and
// in a custom document property. docx writes ids and timestamps that differ per run: the stored
// file is what was issued, and its own SHA-256 is kept beside it.
//
// What LibreOffice and Word show without asking (issue 19): docx swaps a landscape page's width
// and height itself, so the size is given as A4 portrait with the landscape orientation (giving
// it pre-swapped wrote a portrait w:pgSz and LibreOffice clipped the last columns). The contents
// list is a list of links, each with a PAGEREF field: LibreOffice computes those on its own
// layout, and Word shows the number docx's estimator wrote into them, so neither reader has to
// update a field (a TOC field keeps whatever numbers it was written with, and LibreOffice's
// layout differs from Word's by a page). Heading levels go 1 → 2 only; sections flow, and only the major parts (the
// contents, the body, the annexes) start a page, as in the PDF.

const A4 = { width: 11906, height: 16838 };
const MARGIN = 1134; // 2 cm
const PORTRAIT_WIDTH = A4.width - 2 * MARGIN;
const LANDSCAPE_WIDTH = A4.height - 2 * MARGIN;

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], id: string, pageBreakBefore = false): Paragraph {
	return new Paragraph({
		heading: level,
		pageBreakBefore,
		children: [new Bookmark({ id: bookmarkOf(id), children: [new TextRun(text)] })]
	});
}

/** Heading ids ("sec-relevance") as Word bookmark names (letters, digits, underscores). */
function bookmarkOf(id: string): string {
	return id.replace(/[^A-Za-z0-9]/g, '_').slice(0, 40);
}

function footer(doc: ReportDocument, sha256: string): Footer {
	const [before, after] = doc.labels.page.split('{page}');
	const [between, end] = (after ?? '').split('{pages}');
	return new Footer({
		children: [
			new Paragraph({ children: [new TextRun({ text: doc.labels.footer.replace('{hash}', sha256), size: 14, color: '444444' })] }),
			new Paragraph({
				alignment: AlignmentType.RIGHT,
				children: [
					new TextRun({ text: before ?? '', size: 14 }),
					new TextRun({ children: [PageNumber.CURRENT], size: 14 }),
					new TextRun({ text: between ?? '', size: 14 }),
					new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 14 }),
					new TextRun({ text: end ?? '', size: 14 })
				]
			})
		]
	});
}

/**
 * Laying the pages out to number the contents costs about ten times the rest of the render, so
 * it is done up to this many table rows (a programme of some 150 indicators). Past it, the
 * contents is a list of working links with no number column at all rather than an empty one.
 */
export const PAGE_NUMBER_ROW_LIMIT = 1500;

export function tableRows(doc: ReportDocument): number {
	const rows = (blocks: readonly DocBlock[]) => blocks.reduce((n, b) => n + (b.type === 'table' ? b.table.rows.length : 0), 0);
	return (
		doc.sections.reduce((n, s) => n + rows(s.narrative) + rows(s.justification) + s.evidence.reduce((m, e) => m + rows(e.blocks), 0), 0) +
		doc.annexes.reduce((n, a) => n + rows(a.blocks), 0)
	);
}

export function docxDocument(doc: ReportDocument, sha256: string, charts: Map<string, ChartImage>, raw?: RawTables): Document {
	const numbered = tableRows(doc) <= PAGE_NUMBER_ROW_LIMIT;
	const body: (Paragraph | Table)[] = [
		new Paragraph({ children: [new TextRun({ text: doc.subtitle, color: '555555' })] }),
		new Paragraph({ heading: HeadingLevel.TITLE, children: docxInlines(doc, doc.title) }),
		new Paragraph({ style: 'Subtitle', children: docxInlines(doc, doc.programme) }),
		...doc.cover.facts.map(
			(f) => new Paragraph({ children: [new TextRun({ text: `${f.label}: `, bold: true }), ...docxInlines(doc, f.value)] })
		),
		new Paragraph({ children: [new TextRun({ text: `${doc.cover.hashLabel}: `, bold: true }), new TextRun({ text: sha256, size: 16 })] }),
		...(doc.labels.fallbackNote ? [new Paragraph({ style: 'Note', children: [new TextRun(doc.labels.fallbackNote)] })] : []),
		// The contents' own title is not a heading, so it does not list itself.
		new Paragraph({ style: 'ContentsTitle', pageBreakBefore: true, children: [new TextRun(doc.toc.title)] }),
		...doc.toc.entries.map(
			(entry) =>
				new Paragraph({
					style: 'ContentsEntry',
					tabStops: numbered ? [{ type: TabStopType.RIGHT, position: PORTRAIT_WIDTH, leader: LeaderType.DOT }] : [],
					children: [
						new InternalHyperlink({ anchor: bookmarkOf(entry.id), children: [new TextRun({ text: entry.title })] }),
						...(numbered ? [new TextRun({ children: [new Tab()] }), new PageReference(bookmarkOf(entry.id), { hyperlink: true })] : [])
					]
				})
		)
	];
	for (const [n, s] of doc.sections.entries()) {
		body.push(heading(`${s.number}. ${s.title}`, HeadingLevel.HEADING_1, s.id, n === 0));
		if (s.rated) {
			body.push(
				new Paragraph({
					children: [
						new TextRun({ text: `${doc.labels.rating} `, bold: true }),
						new TextRun({ text: `(${doc.labels.ratingScale}): `, color: '555555' }),
						new TextRun({ text: s.ratingLabel ?? '', bold: true })
					]
				})
			);
			if (s.justification.length)
				body.push(
					new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(doc.labels.justification)] }),
					...docxBlocks(doc, s.justification, charts, PORTRAIT_WIDTH, raw)
				);
		}
		body.push(...docxBlocks(doc, s.narrative, charts, PORTRAIT_WIDTH, raw));
		for (const e of s.evidence)
			body.push(heading(e.title, HeadingLevel.HEADING_2, e.id), ...docxBlocks(doc, e.blocks, charts, PORTRAIT_WIDTH, raw));
	}
	// Sections of the file: the report (portrait), then one per run of annexes of one orientation.
	const page = (landscape: boolean): ISectionOptions['properties'] => ({
		page: {
			size: landscape
				? { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }
				: { width: A4.width, height: A4.height },
			margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }
		}
	});
	const sections: { landscape: boolean; children: (Paragraph | Table)[] }[] = [{ landscape: false, children: body }];
	for (const annex of doc.annexes) {
		const last = sections[sections.length - 1]!;
		const children = [
			heading(annex.title, HeadingLevel.HEADING_1, annex.id, true),
			...docxBlocks(doc, annex.blocks, charts, annex.landscape ? LANDSCAPE_WIDTH : PORTRAIT_WIDTH, raw)
		];
		if (last.landscape === annex.landscape) last.children.push(...children);
		else sections.push({ landscape: annex.landscape, children });
	}
	const pageFooter = footer(doc, sha256);
	return new Document({
		creator: doc.meta.issuedBy,
		lastModifiedBy: doc.meta.issuedBy,
		title: doc.titleText,
		subject: `${doc.subtitle} · ${doc.meta.programmeCode} · SHA-256 ${sha256}`,
		description: `${doc.meta.programmeCode} · ${doc.subtitle}`,
		keywords: `sha256:${sha256}, ${doc.meta.programmeCode}, issue ${doc.meta.issueNumber}`,
		customProperties: [
			{ name: 'SnapshotSHA256', value: sha256 },
			{ name: 'Programme', value: doc.meta.programmeCode },
			{ name: 'IssueNumber', value: String(doc.meta.issueNumber) },
			{ name: 'IssuedAt', value: doc.meta.issuedAt },
			{ name: 'CutOff', value: doc.meta.cutOff }
		],
		// Page numbers written into the contents (no "update fields?" question); `guess` lays out
		// past what the estimator cannot measure exactly (a picture's wrap) instead of leaving blanks.
		...(numbered ? { pageNumbers: estimatePageNumbersWith({ guess: true }) } : {}),
		numbering: {
			config: [
				{ reference: 'report-numbered', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }
			]
		},
		styles: {
			default: {
				document: {
					run: { font: 'Calibri', size: 20, language: { value: doc.lang === 'es' ? 'es-ES' : 'en-GB' } },
					// 6 pt after a paragraph and 1.15 lines: a document, not an export. The rule is
					// written out: without it LibreOffice reads 276 as exactly 13.8 pt, and the cover's
					// 28 pt title and the 16 pt headings printed their lines over each other.
					paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } }
				},
				heading1: { run: { size: 32, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 360, after: 160 }, keepNext: true } },
				heading2: { run: { size: 26, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 240, after: 100 }, keepNext: true } }
			},
			paragraphStyles: [
				{
					id: 'ContentsTitle',
					name: 'Contents title',
					basedOn: 'Normal',
					next: 'Normal',
					run: { size: 32, bold: true, color: '1F3864' },
					paragraph: { spacing: { before: 0, after: 160 }, keepNext: true }
				},
				{ id: 'ContentsEntry', name: 'Contents entry', basedOn: 'Normal', paragraph: { spacing: { after: 60 } } },
				{ id: 'Note', name: 'Note', basedOn: 'Normal', run: { italics: true, color: '444444', size: 17 } },
				{
					id: 'Caption',
					name: 'caption',
					basedOn: 'Normal',
					run: { bold: true, size: 18 },
					paragraph: { spacing: { before: 120, after: 40 } }
				}
			]
		},
		sections: sections.map((s) => ({ properties: page(s.landscape), footers: { default: pageFooter }, children: s.children }))
	});
}

/**
 * Past PAGE_NUMBER_ROW_LIMIT (no page estimate to make), tables longer than this are written as
 * XML text rather than through docx (docx-tables.ts), which keeps the render's memory bounded.
 */
export const RAW_TABLE_ROWS = 40;

/**
 * The DOCX of a snapshot in one language. `rawTableRows` writes tables longer than that as XML
 * text; by default, RAW_TABLE_ROWS past PAGE_NUMBER_ROW_LIMIT and none below it.
 */
export async function renderDocx(
	snapshot: ReportSnapshot,
	lang: Locale,
	options: RenderOptions,
	rawTableRows?: number | null
): Promise<Uint8Array> {
	const doc = composeReport(snapshot, lang);
	const minRows = rawTableRows !== undefined ? rawTableRows : tableRows(doc) > PAGE_NUMBER_ROW_LIMIT ? RAW_TABLE_ROWS : null;
	const raw = minRows === null ? undefined : new RawTables(doc, minRows);
	const file = docxDocument(doc, options.sha256, renderCharts(doc), raw);
	const buffer = await Packer.toBuffer(file);
	const packed = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
	if (!raw || raw.tables.length === 0) return packed;
	// Zip dates start in 1980; the issue's date keeps the entries independent of the clock.
	const issued = new Date(doc.meta.issuedAt);
	return packWithRawTables(packed, raw, issued.getUTCFullYear() >= 1980 ? issued : new Date(Date.UTC(1980, 0, 1)));
}
