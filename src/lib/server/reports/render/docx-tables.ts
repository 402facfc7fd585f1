import { Zip, ZipDeflate, unzipSync, strToU8, strFromU8 } from 'fflate';
import { Paragraph, TextRun } from 'docx';
import type { DocInline, DocTable, ReportDocument } from '$lib/reports/document';
import { columnWidths, GROUP_FILL, HEADER_FILL, SMALL } from './docx-content';

// Large tables of the DOCX written as WordprocessingML text, straight into word/document.xml
// (issue 18 §2). docx builds an object per cell, run and property and keeps them all until it has
// serialised the whole document: at 3,000 indicators × 12 periods that passed 4 GB. Here the
// library builds the document with one placeholder paragraph per large table; the file it packs is
// then re-zipped with each placeholder replaced by the table's XML, written row by row into a
// streaming deflate, so memory holds the compressed file and one row's text at a time.
//
// The XML is what docx writes for the same table (docxTable in docx-content.ts): the same table,
// row and cell properties, header-row repetition, run properties in the schema's order, a bookmark
// round the first cell of a record's row, internal links by anchor and external links through a
// relationship added to document.xml.rels. tests/integration/reports/docx-raw-tables.test.ts
// compares the two, element by element, on the fixture report.

const MARK = 'AVANCE-RAW-TABLE-';
/** Bookmark ids of raw tables start here, above any id docx numbers its own bookmarks with. */
const BOOKMARK_BASE = 1_000_000;
const HYPERLINK_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';

// Characters XML 1.0 cannot carry (server validation refuses them; this keeps the file valid anyway).
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function esc(text: string): string {
	return text.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Collects the tables written raw while docx builds the rest of the document. */
export class RawTables {
	readonly tables: { table: DocTable; width: number }[] = [];
	private readonly links = new Map<string, string>();
	private bookmarks = BOOKMARK_BASE;

	constructor(
		readonly document: ReportDocument,
		/** Tables with more rows than this are written raw. */
		readonly minRows: number
	) {}

	/** The paragraph docx writes where the table goes; replaced by the table on packing. */
	placeholder(table: DocTable, width: number): Paragraph {
		this.tables.push({ table, width });
		return new Paragraph({ children: [new TextRun(`${MARK}${this.tables.length - 1}`)] });
	}

	private linkId(href: string): string {
		let id = this.links.get(href);
		if (!id) this.links.set(href, (id = `rIdAvanceLink${this.links.size + 1}`));
		return id;
	}

	private run(
		text: string,
		props: { bold?: boolean; italic?: boolean; color?: string; size: number; style?: string; highlight?: boolean }
	): string {
		const rPr =
			(props.style ? `<w:rStyle w:val="${props.style}"/>` : '') +
			(props.bold ? '<w:b/><w:bCs/>' : '') +
			(props.italic ? '<w:i/><w:iCs/>' : '') +
			(props.color ? `<w:color w:val="${props.color}"/>` : '') +
			`<w:sz w:val="${props.size}"/><w:szCs w:val="${props.size}"/>` +
			(props.highlight ? '<w:highlight w:val="yellow"/>' : '');
		return `<w:r><w:rPr>${rPr}</w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
	}

	/** docxInlines(…, SMALL) as XML. */
	private inlines(runs: readonly DocInline[]): string {
		let out = '';
		for (const run of runs) {
			switch (run.type) {
				case 'text':
					out += this.run(run.text, { bold: run.bold, italic: run.italic, size: SMALL });
					break;
				case 'mark':
					out += this.run(` ${run.text}`, { italic: true, color: '555555', size: SMALL - 4 });
					break;
				case 'link': {
					// As docx writes it: the fragment as the link's anchor, the rest as its relationship.
					const hash = run.href.indexOf('#');
					const anchor = hash < 0 ? '' : ` w:anchor="${esc(run.href.slice(hash + 1))}"`;
					const target = hash < 0 ? run.href : run.href.slice(0, hash);
					out += `<w:hyperlink w:history="1"${anchor} r:id="${this.linkId(target)}">${this.run(run.text, { style: 'Hyperlink', size: SMALL })}</w:hyperlink>`;
					break;
				}
				case 'ref': {
					const record = this.document.records[run.key];
					out += record
						? `<w:hyperlink w:history="1" w:anchor="${esc(record.bookmark)}">${this.run(run.text, { style: 'Hyperlink', size: SMALL })}</w:hyperlink>`
						: this.run(run.text, { size: SMALL });
					break;
				}
				default:
					out += this.run(run.text, { size: SMALL, highlight: true });
			}
		}
		return out;
	}

	/** The table's XML, in pieces of a few rows (each piece goes to the deflate as it is made). */
	*tableXml(index: number): Generator<string> {
		const { table, width } = this.tables[index]!;
		const widths = columnWidths(table, width);
		const jc = (numeric: boolean | undefined) => `<w:pPr><w:jc w:val="${numeric ? 'right' : 'left'}"/></w:pPr>`;
		const border = (side: string) => `<w:${side} w:val="single" w:color="auto" w:sz="4"/>`;
		let out =
			`<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${width}"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
			'<w:tblCellMar><w:top w:type="dxa" w:w="40"/><w:left w:type="dxa" w:w="80"/><w:bottom w:type="dxa" w:w="40"/><w:right w:type="dxa" w:w="80"/></w:tblCellMar></w:tblPr>' +
			`<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>` +
			'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' +
			table.columns
				.map(
					(c, i) =>
						`<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${widths[i]}"/><w:shd w:fill="${HEADER_FILL}" w:color="auto" w:val="clear"/></w:tcPr>` +
						`<w:p>${jc(c.numeric)}${this.run(c.label, { bold: true, size: SMALL })}</w:p></w:tc>`
				)
				.join('') +
			'</w:tr>';
		// A cell spanning the row is as wide as the columns, scaled up to the table's width (as docx does).
		const total = widths.reduce((a, b) => a + b, 0);
		const spanned = Math.round(total * (total > 0 && width > total ? width / total : 1));
		for (const [r, row] of table.rows.entries()) {
			if (row.type === 'group') {
				out +=
					`<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${spanned}"/><w:gridSpan w:val="${table.columns.length}"/>` +
					`<w:shd w:fill="${GROUP_FILL}" w:color="auto" w:val="clear"/></w:tcPr><w:p>${this.inlines(row.cells)}</w:p></w:tc></w:tr>`;
			} else {
				const record = row.anchor ? this.document.records[row.anchor] : undefined;
				out += '<w:tr><w:trPr><w:cantSplit/></w:trPr>';
				for (const [i, runs] of row.cells.entries()) {
					let content = this.inlines(runs);
					if (i === 0 && record) {
						const id = ++this.bookmarks;
						content = `<w:bookmarkStart w:name="${esc(record.bookmark)}" w:id="${id}"/>${content}<w:bookmarkEnd w:id="${id}"/>`;
					}
					out += `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${widths[i]}"/></w:tcPr><w:p>${jc(table.columns[i]?.numeric)}${content}</w:p></w:tc>`;
				}
				out += '</w:tr>';
			}
			if (r % 64 === 63) {
				yield out;
				out = '';
			}
		}
		yield out + '</w:tbl>';
	}

	/** The relationships of the external links written raw, for word/_rels/document.xml.rels. */
	relationships(): string {
		return [...this.links]
			.map(([href, id]) => `<Relationship Id="${id}" Type="${HYPERLINK_REL}" Target="${esc(href)}" TargetMode="External"/>`)
			.join('');
	}
}

/**
 * The file docx packed, with every placeholder replaced by its table. Entries keep their order and
 * names; `mtime` is the entries' date (the issue's, so it does not depend on the clock).
 */
export function packWithRawTables(packed: Uint8Array, raw: RawTables, mtime: Date): Promise<Uint8Array> {
	const entries = unzipSync(packed);
	const chunks: Uint8Array[] = [];
	return new Promise((resolve, reject) => {
		const zip = new Zip((err, data, final) => {
			if (err) return reject(err);
			chunks.push(data);
			if (final) {
				const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
				let at = 0;
				for (const c of chunks) {
					out.set(c, at);
					at += c.length;
				}
				resolve(out);
			}
		});
		try {
			const RELS = 'word/_rels/document.xml.rels';
			for (const [name, data] of Object.entries(entries)) {
				if (name === RELS) continue;
				const entry = deflate(name, mtime);
				zip.add(entry);
				if (name === 'word/document.xml') writeDocument(entry, strFromU8(data), raw);
				else entry.push(data, true);
			}
			// The tables' links are known once every table is written, so the relationships come last.
			const rels = strFromU8(entries[RELS]!);
			const end = rels.lastIndexOf('</Relationships>');
			const entry = deflate(RELS, mtime);
			zip.add(entry);
			entry.push(strToU8(rels.slice(0, end) + raw.relationships() + rels.slice(end)), true);
			zip.end();
		} catch (e) {
			reject(e);
		}
	});
}

/** A compressed entry dated `mtime`. */
function deflate(name: string, mtime: Date): ZipDeflate {
	const entry = new ZipDeflate(name, { level: 6 });
	entry.mtime = mtime;
	return entry;
}

function writeDocument(entry: ZipDeflate, xml: string, raw: RawTables): void {
	let from = 0;
	for (let i = 0; i < raw.tables.length; i++) {
		const paragraph = `<w:p><w:r><w:t xml:space="preserve">${MARK}${i}</w:t></w:r></w:p>`;
		const at = xml.indexOf(paragraph, from);
		if (at < 0) throw new Error(`DOCX: the placeholder of table ${i} is missing`);
		entry.push(strToU8(xml.slice(from, at)));
		for (const piece of raw.tableXml(i)) entry.push(strToU8(piece));
		from = at + paragraph.length;
	}
	entry.push(strToU8(xml.slice(from)), true);
}
