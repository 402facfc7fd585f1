import { createRequire } from 'node:module';
import type { PdfNode } from './pdf-content';

// Keep-with-next for the PDF in ONE layout pass (issue 19's rule, issue 18's cost).
//
// pdfmake's own hook for it, `pageBreakBefore`, lays the whole document out again — measuring
// included — for every heading it moves (LayoutBuilder.layoutDocument), so the PDF's cost grew
// with (headings moved) × (document size): 5 passes at 30 indicators, ~6 s of CPU per 300. Here the
// decision is taken while the heading is laid out, once: before a run of headings (a section title,
// a block title, a table's caption) pdfmake is asked how tall the run is together with the first
// piece of what follows it that never parts (a table's header and first row, a chart with its
// caption), by laying out a copy of just that in a scratch context that is then thrown away
// (pdfmake's own unbreakable-block machinery, which measures without touching the page). When that
// does not fit in what is left of the page — or less than the heading's room is left — the run
// starts the next page. Nothing already placed moves, so page references, named destinations and
// the outline stay pdfmake's own.
//
// It patches one method of pdfmake's LayoutBuilder (pinned at 0.3.11 in package.json); the patch
// acts only on nodes this module marked, so any other pdfmake use is untouched.

const require = createRequire(import.meta.url);

/** The mark on a run's first heading: the copy to measure and the run's top level. */
const KEEP = '_avanceKeep';

interface Keep {
	/** Copies (no ids, no contents entries) of the run's headings and of the follower's first piece. */
	probe: PdfNode[];
	/** The follower itself when it is a table: the copy takes its column widths as laid out. */
	table?: PdfNode;
	level: number;
}

/**
 * Room (pt) a heading needs below its top: itself and the first lines of what it heads — a
 * section or block heading (levels 1–2) may head a paragraph or list; a caption (level 3) heads a
 * table or chart, which the measured copy covers.
 */
export const headingRoom = (level: number) => (level <= 2 ? 144 : 72);

/**
 * Whether a run of headings starts the next page: it is not at the top of a page already (that
 * would only leave a blank page), and either less than its room is left below it or the run with
 * the first piece of what follows does not fit in what is left — while it would fit on a page
 * (when even a whole page cannot hold it, moving would only leave a gap).
 */
export function startsNextPage(at: { level: number; spaceLeft: number; pageHeight: number; atTop: boolean; needed: number }): boolean {
	if (at.atTop) return false;
	if (at.spaceLeft < headingRoom(at.level)) return true;
	return at.needed > at.spaceLeft && at.needed <= at.pageHeight;
}

const isHeading = (node: PdfNode | undefined): node is PdfNode => !!node && typeof node.headlineLevel === 'number';

/** A copy pdfmake can lay out on its own: no `id` (a named destination), no contents entry. */
function plainCopy(node: PdfNode): PdfNode {
	if (Array.isArray(node)) return node.map(plainCopy) as unknown as PdfNode;
	if (!node || typeof node !== 'object') return node;
	const copy: PdfNode = {};
	for (const [key, value] of Object.entries(node)) {
		if (key === 'id' || key === 'tocItem' || key === KEEP) continue;
		copy[key] = value && typeof value === 'object' && !(value instanceof Date) ? plainCopy(value) : value;
	}
	return copy;
}

/** What of a follower must share the page with the headings above it. */
function firstPiece(node: PdfNode): { probe?: PdfNode; table?: PdfNode } {
	if (node.table) {
		const t = node.table;
		const rows = Math.max(1, (t.headerRows ?? 0) + (t.keepWithHeaderRows ?? 0));
		// Layout functions are shared, not copied (plainCopy keeps functions as they are).
		const probe = plainCopy({ ...node, table: { ...t, body: t.body.slice(0, rows) } });
		return { probe: { ...probe, margin: [0, 0, 0, 0] }, table: node };
	}
	if (node.unbreakable) return { probe: plainCopy(node) };
	// Text, lists: they break line by line, so the heading's room is enough.
	return {};
}

/**
 * Marks, in the top-level content, each run of headings that does not already start a page with
 * what keeps it company (see the module comment). Returns the same array, marked in place.
 */
export function markKeepWithNext(content: PdfNode[]): PdfNode[] {
	for (let i = 0; i < content.length; i++) {
		const first = content[i];
		if (!isHeading(first) || first.pageBreak === 'before') continue;
		let end = i;
		while (isHeading(content[end + 1])) end++;
		const run = content.slice(i, end + 1);
		const follower = content[end + 1];
		const piece = follower ? firstPiece(follower) : {};
		const keep: Keep = {
			probe: [...run.map(plainCopy), ...(piece.probe ? [piece.probe] : [])],
			...(piece.table ? { table: piece.table } : {}),
			level: Math.min(...run.map((h) => h.headlineLevel as number))
		};
		Object.defineProperty(first, KEEP, { value: keep, enumerable: false });
		i = end;
	}
	return content;
}

// pdfmake's internals this module reads, as far as it reads them.
interface Context {
	y: number;
	availableHeight: number;
	availableWidth: number;
	pages: unknown[];
	pageMargins: { top: number; bottom: number };
	getCurrentPage(): { pageSize: { height: number } };
}
interface Writer {
	transactionLevel: number;
	context(): Context;
	beginUnbreakableBlock(): void;
	popContext(): void;
	moveToNextPage(orientation?: string): void;
}
interface LayoutBuilder {
	writer: Writer;
	linearNodeList: unknown[];
	docPreprocessor: { preprocessBlock(node: PdfNode): PdfNode };
	docMeasure: { measureBlock(node: PdfNode): PdfNode };
	processNode(node: PdfNode, verticalAlignment?: boolean): void;
}

/** Height of the copy laid out alone at the current width; Infinity when it would not fit a page. */
function measuredHeight(builder: LayoutBuilder, keep: Keep): number {
	const probe: PdfNode = { stack: keep.probe.map(plainCopy) };
	if (keep.table) {
		// The follower's columns as pdfmake will lay them out (it measured the whole table first).
		const columns = require('pdfmake/js/columnCalculator').default as {
			buildColumnWidths(widths: unknown[], available: number, offsets: number, node: PdfNode): void;
		};
		const t = keep.table;
		if (t._offsets) {
			columns.buildColumnWidths(t.table.widths, builder.writer.context().availableWidth - t._offsets.total, t._offsets.total, t);
			const last = probe.stack.at(-1);
			last.table.widths = t.table.widths.map((w: { _calcWidth: number }) => w._calcWidth);
		}
	}
	const block = builder.docMeasure.measureBlock(builder.docPreprocessor.preprocessBlock(probe));
	const listed = builder.linearNodeList.length;
	const writer = builder.writer;
	writer.beginUnbreakableBlock();
	try {
		builder.processNode(block);
		const scratch = writer.context();
		return scratch.pages.length > 1 ? Infinity : scratch.y;
	} finally {
		// Thrown away: the scratch context never reaches a page.
		writer.transactionLevel--;
		writer.popContext();
		builder.linearNodeList.length = listed;
	}
}

let installed = false;

/** Teaches pdfmake's layout the marks above (once per process). */
export function installKeepWithNext(): void {
	if (installed) return;
	const LayoutBuilder = require('pdfmake/js/LayoutBuilder').default as { prototype: LayoutBuilder };
	const processNode = LayoutBuilder.prototype.processNode;
	LayoutBuilder.prototype.processNode = function (this: LayoutBuilder, node: PdfNode, verticalAlignment?: boolean) {
		const keep = node?.[KEEP] as Keep | undefined;
		if (keep && this.writer.transactionLevel === 0) {
			const ctx = this.writer.context();
			const page = ctx.getCurrentPage();
			const pageHeight = page.pageSize.height - ctx.pageMargins.top - ctx.pageMargins.bottom;
			const atTop = ctx.y - ctx.pageMargins.top < 1;
			const at = { level: keep.level, spaceLeft: ctx.availableHeight, pageHeight, atTop };
			// Measured only when the room alone does not decide (most headings have plenty of page left).
			const decided = atTop || at.spaceLeft < headingRoom(at.level);
			if (startsNextPage({ ...at, needed: decided ? 0 : measuredHeight(this, keep) })) this.writer.moveToNextPage();
		}
		return processNode.call(this, node, verticalAlignment);
	};
	installed = true;
}
