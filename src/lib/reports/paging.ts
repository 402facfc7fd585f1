import { inlineText, type DocBlock, type DocEvidence, type DocInline, type DocRow, type DocTable, type ReportDocument } from './document';
import type { RecordKey } from './snapshot';

// The report editor and the preview show the document a screenful at a time (issue 18 §3): at
// 3,000 indicators the whole of it was an 88 MB page. A long table (the indicator progress, the
// logframe, the records cited) is cut into parts of at most TABLE_PART_ROWS rows, breaking
// between modules where it can; the page shows one part of it and links to the others (plain
// links and a form, so it works without JavaScript), and only the records the shown rows cite go
// along. The PDF and the DOCX still print every row: this is only how the screens read the
// same document model.

/** Rows of a table shown at once in the editor and the preview. */
export const TABLE_PART_ROWS = 50;
/** Up to this many parts the page offers each one by name; beyond it, a part number. */
export const NAMED_PARTS_MAX = 100;

export interface TablePart {
	/** Data rows covered, counted from 1 (group rows not counted). */
	first: number;
	last: number;
	/** The group (module) the part starts in, and the one it ends in when different. */
	group: string | null;
	lastGroup: string | null;
}

export interface TablePaging {
	/** The part shown, from 1. */
	part: number;
	count: number;
	/** Data rows in the whole table. */
	rows: number;
	/** The shown part's range. */
	shown: TablePart;
	/** Every part by name, when there are at most NAMED_PARTS_MAX of them. */
	parts: TablePart[] | null;
	/** Each group (module) of the table and the part it starts in. */
	groups: { label: string; part: number }[];
}

/** A table as a screen shows it: one part of its rows, and where the others are. */
export type PagedTable = DocTable & { paging?: TablePaging };

/** Which part of which table a request asks for (`?table=…&part=…`); every other table shows its first. */
export interface PartChoice {
	table: string | null;
	part: number;
}

export const FIRST_PARTS: PartChoice = { table: null, part: 1 };

interface Slice {
	start: number;
	end: number;
	/** Index of the group row in force at `start` when the slice starts under it (repeated on top). */
	carry: number | null;
	part: TablePart;
}

/** Cuts the rows into parts: each ends at a group boundary once it is half full, and never holds more than `size` data rows. */
export function tableSlices(rows: readonly DocRow[], size = TABLE_PART_ROWS): Slice[] {
	const slices: Slice[] = [];
	const label = (index: number | null) => {
		const row = index === null ? undefined : rows[index];
		return row?.type === 'group' ? inlineText(row.cells) : null;
	};
	let group: number | null = null; // the group row in force
	let start = 0;
	let carry: number | null = null;
	let startGroup: number | null = null;
	let data = 0;
	let counted = 0;
	const close = (end: number) => {
		if (data === 0) {
			// Group rows with nothing under them at the very end stay with the part before.
			if (slices.length) slices.at(-1)!.end = end;
			return;
		}
		const first = label(startGroup);
		const last = label(group);
		slices.push({
			start,
			end,
			carry,
			part: { first: counted - data + 1, last: counted, group: first, lastGroup: last !== first ? last : null }
		});
		data = 0;
		start = end;
	};
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i]!;
		if (row.type === 'group') {
			if (data >= size / 2) {
				close(i);
				carry = null;
				startGroup = i;
			} else if (data === 0 && startGroup === null) startGroup = i;
			group = i;
			continue;
		}
		if (data >= size) {
			close(i);
			// The part starts inside a group: its heading is repeated on top.
			carry = group;
			startGroup = group;
		}
		data++;
		counted++;
	}
	close(rows.length);
	return slices;
}

/** The table with only part `part` of its rows (from 1, kept in range), or the table itself when it fits one part. */
export function pageTable(table: DocTable, part: number, size = TABLE_PART_ROWS): PagedTable {
	const slices = tableSlices(table.rows, size);
	if (slices.length <= 1) return table;
	const n = Math.min(Math.max(1, Math.trunc(part) || 1), slices.length);
	const slice = slices[n - 1]!;
	const rows = table.rows.slice(slice.start, slice.end);
	const groups: TablePaging['groups'] = [];
	slices.forEach((s, i) => {
		for (let r = s.start; r < s.end; r++) {
			const row = table.rows[r]!;
			if (row.type === 'group') groups.push({ label: inlineText(row.cells), part: i + 1 });
		}
	});
	return {
		...table,
		rows: slice.carry !== null ? [table.rows[slice.carry]!, ...rows] : rows,
		paging: {
			part: n,
			count: slices.length,
			rows: slices.at(-1)!.part.last,
			shown: slice.part,
			parts: slices.length <= NAMED_PARTS_MAX ? slices.map((s) => s.part) : null,
			groups: groups.length <= NAMED_PARTS_MAX ? groups : []
		}
	};
}

/** The paging of a table as a screen shows it, if it is cut into parts. */
export const pagingOf = (table: DocTable): TablePaging | undefined => (table as PagedTable).paging;

/** Blocks with every long table cut to the part asked for (the first, unless the choice names it). */
export function pageBlocks(blocks: readonly DocBlock[], choice: PartChoice = FIRST_PARTS): DocBlock[] {
	return blocks.map((block) =>
		block.type === 'table' ? { ...block, table: pageTable(block.table, choice.table === block.table.id ? choice.part : 1) } : block
	);
}

export function pageEvidence(evidence: readonly DocEvidence[], choice: PartChoice = FIRST_PARTS): DocEvidence[] {
	return evidence.map((e) => ({ ...e, blocks: pageBlocks(e.blocks, choice) }));
}

function collectRefs(inlines: readonly DocInline[], into: Set<RecordKey>): void {
	for (const run of inlines) if (run.type === 'ref') into.add(run.key);
}

/** Every record key a ref in these blocks points to. */
export function referencedKeys(blocks: readonly DocBlock[], into: Set<RecordKey> = new Set()): Set<RecordKey> {
	for (const block of blocks) {
		if (block.type === 'paragraph' || block.type === 'note') collectRefs(block.inlines, into);
		else if (block.type === 'list') for (const item of block.items) collectRefs(item, into);
		else if (block.type === 'facts') for (const item of block.items) collectRefs(item.value, into);
		else if (block.type === 'table')
			for (const row of block.table.rows) for (const cell of row.type === 'group' ? [row.cells] : row.cells) collectRefs(cell, into);
	}
	return into;
}

/**
 * The document as the preview shows it: long tables cut to one part, and only the records its
 * shown figures link to (the rest of `records` is what made the page grow with the programme).
 * The list of missing translations is the editor's business, not the preview's.
 */
export function pageDocument(doc: ReportDocument, choice: PartChoice = FIRST_PARTS): ReportDocument {
	const sections = doc.sections.map((s) => ({
		...s,
		justification: pageBlocks(s.justification, choice),
		narrative: pageBlocks(s.narrative, choice),
		evidence: pageEvidence(s.evidence, choice)
	}));
	const annexes = doc.annexes.map((a) => ({ ...a, blocks: pageBlocks(a.blocks, choice) }));
	const keys = new Set<RecordKey>();
	collectRefs(doc.title, keys);
	collectRefs(doc.programme, keys);
	for (const f of doc.cover.facts) collectRefs(f.value, keys);
	for (const s of sections) {
		referencedKeys(s.justification, keys);
		referencedKeys(s.narrative, keys);
		for (const e of s.evidence) referencedKeys(e.blocks, keys);
	}
	for (const a of annexes) referencedKeys(a.blocks, keys);
	const records: ReportDocument['records'] = {};
	for (const key of keys) if (doc.records[key]) records[key] = doc.records[key];
	return { ...doc, sections, annexes, records, missingTranslations: [] };
}

/** True when some table of the (paged) document shows only a part of its rows. */
export function hasPagedTables(doc: ReportDocument): boolean {
	const paged = (blocks: readonly DocBlock[]) => blocks.some((b) => b.type === 'table' && pagingOf(b.table) !== undefined);
	return (
		doc.sections.some((s) => paged(s.justification) || paged(s.narrative) || s.evidence.some((e) => paged(e.blocks))) ||
		doc.annexes.some((a) => paged(a.blocks))
	);
}
