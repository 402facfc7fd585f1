import { inflateRawSync } from 'node:zlib';

// Cell notes as exceljs 4.4 reads them (issue 22 item 5, "the Excel round trip never fails").
// exceljs finds a sheet's notes only when the parts have Excel's own names — `xl/comments1.xml`
// and `xl/drawings/vmlDrawing1.vml` — and the sheet's relationships point at them as
// `../comments1.xml` and `../drawings/vmlDrawing1.vml`, and a note's text only inside runs
// (`<text><r><t>…`). openpyxl (and other writers) name them
// `xl/comments/comment1.xml` and `xl/drawings/commentsDrawing1.vml` with absolute targets, so
// exceljs finds the relationship but no part under that key and stops with "Cannot read
// properties of undefined (reading 'comments')" (exceljs issue #2797, open, unmaintained) —
// which we reported as "not a valid .xlsx"; and it writes a plain `<text><t>…`, which exceljs
// reads as an empty note. Here those parts are renamed, the relationships rewritten and plain
// texts put in a run, before exceljs loads the file; the notes survive (the annotated workbook keeps
// them). The uploaded bytes themselves (their SHA-256, the staged copy) are never changed.

/** One entry of a zip, as its central directory describes it, with its stored bytes. */
export interface ZipPart {
	name: string;
	method: number;
	crc: number;
	size: number;
	/** The entry's data as stored (deflated when method is 8). */
	stored: Buffer;
}

const REL_COMMENTS = /\/relationships\/comments$/;
const REL_VML = /\/relationships\/vmlDrawing$/;
const SHEET_RELS = /^xl\/worksheets\/_rels\/(sheet\d+\.xml)\.rels$/;

const contentOf = (part: ZipPart): Buffer => (part.method === 8 ? inflateRawSync(part.stored) : part.stored);

/** A relationship's target as a part name (targets are relative to xl/worksheets/, or absolute from the root). */
function resolve(target: string): string {
	if (target.startsWith('/')) return target.slice(1);
	const parts = ['xl', 'worksheets'];
	for (const step of target.split('/')) {
		if (step === '..') parts.pop();
		else if (step !== '.' && step !== '') parts.push(step);
	}
	return parts.join('/');
}

const attr = (tag: string, name: string) => new RegExp(`\\s${name}\\s*=\\s*(["'])(.*?)\\1`).exec(tag)?.[2] ?? null;

/**
 * The zip's parts with comment and VML parts renamed to Excel's names and every sheet's
 * relationships pointing at them as exceljs expects; null when nothing needs changing (files
 * written by Excel, LibreOffice or exceljs itself).
 */
export function repairCommentParts(parts: ZipPart[]): ZipPart[] | null {
	const byName = new Map(parts.map((p) => [p.name, p]));
	const renames = new Map<string, string>();
	const rewritten = new Map<string, Buffer>();
	const taken = new Set(parts.map((p) => p.name));
	const referenced = new Set<string>();
	const free = (make: (n: number) => string) => {
		let n = 1;
		while (taken.has(make(n))) n++;
		taken.add(make(n));
		return make(n);
	};
	for (const part of parts) {
		if (!SHEET_RELS.test(part.name)) continue;
		const xml = contentOf(part).toString('utf8');
		let changed = false;
		const out = xml.replace(/<Relationship\b[^>]*>/g, (tag) => {
			const type = attr(tag, 'Type') ?? '';
			const target = attr(tag, 'Target');
			const isComments = REL_COMMENTS.test(type);
			if (!target || (!isComments && !REL_VML.test(type))) return tag;
			const name = resolve(target);
			if (!byName.has(name)) return tag;
			if (isComments) referenced.add(name);
			const good = isComments ? /^xl\/comments\d+\.xml$/ : /^xl\/drawings\/vmlDrawing\d+\.vml$/;
			const wanted = good.test(name)
				? name
				: (renames.get(name) ?? free((n) => (isComments ? `xl/comments${n}.xml` : `xl/drawings/vmlDrawing${n}.vml`)));
			const relative = `../${wanted.slice('xl/'.length)}`;
			if (wanted === name && target === relative) return tag;
			if (wanted !== name) renames.set(name, wanted);
			changed = true;
			return tag.replace(/(\sTarget\s*=\s*)(["']).*?\2/, `$1"${relative}"`);
		});
		if (changed) rewritten.set(part.name, Buffer.from(out, 'utf8'));
	}
	// A note's plain text, put in the one run exceljs reads (phonetic runs dropped: notes have none worth keeping).
	for (const name of referenced) {
		const xml = contentOf(byName.get(name)!).toString('utf8');
		const out = xml.replace(/<text>([\s\S]*?)<\/text>/g, (whole, inner: string) =>
			/<r[\s>]/.test(inner) ? whole : `<text><r>${inner.replace(/<rPh\b[\s\S]*?<\/rPh>|<phoneticPr\b[^>]*\/>/g, '')}</r></text>`
		);
		if (out !== xml) rewritten.set(name, Buffer.from(out, 'utf8'));
	}
	if (renames.size === 0 && rewritten.size === 0) return null;
	return parts.map((p) => {
		const content = rewritten.get(p.name);
		const name = renames.get(p.name) ?? p.name;
		return content ? { name, method: 0, crc: crc32(content), size: content.length, stored: content } : { ...p, name };
	});
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** A plain zip of the parts, their data copied as stored (no ZIP64: inspectZip refuses it anyway). */
export function writeZip(parts: ZipPart[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const p of parts) {
		const name = Buffer.from(p.name, 'utf8');
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(0x0800, 6);
		local.writeUInt16LE(p.method, 8);
		local.writeUInt32LE(p.crc, 14);
		local.writeUInt32LE(p.stored.length, 18);
		local.writeUInt32LE(p.size, 22);
		local.writeUInt16LE(name.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(0x0800, 8);
		central.writeUInt16LE(p.method, 10);
		central.writeUInt32LE(p.crc, 16);
		central.writeUInt32LE(p.stored.length, 20);
		central.writeUInt32LE(p.size, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, p.stored);
		centrals.push(central, name);
		offset += 30 + name.length + p.stored.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(parts.length, 8);
	end.writeUInt16LE(parts.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}
