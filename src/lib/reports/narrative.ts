// The small formatting subset a report narrative accepts (design §2, report_section):
// paragraphs (separated by a blank line), bullet lists ("- " or "* "), numbered lists ("1. "),
// **bold**, *italic* (or _italic_), [links](https://…) and [[kind:ref]] citations of records.
// Everything else is text: the renderers (HTML preview, PDF, DOCX) never see raw markup, so no
// narrative can inject HTML.

export const CITATION_KINDS = [
	'module',
	'output',
	'activity',
	'indicator',
	'value',
	'risk',
	'gender_action',
	'recommendation',
	'finance',
	// A validated lesson learned or good practice (issue 24), by its number: [[lesson:12]].
	'lesson',
	// A social-dialogue event (issue 25): [[dialogue_event:3]].
	'dialogue_event'
] as const;
export type CitationKind = (typeof CITATION_KINDS)[number];

/**
 * A citation as written: `[[indicator:5.1-3]]`, `[[value:5.1-3@2020-S2]]`, `[[risk:R4]]`,
 * `[[recommendation:R7]]`, `[[module:M2]]`, `[[output:2.1]]`, `[[activity:2.1.3]]`,
 * `[[gender_action:12]]` (gender actions have no code: their id). `key` is "kind:ref", the key of
 * the record in the snapshot's `records`.
 */
export interface Citation {
	kind: CitationKind;
	ref: string;
	key: string;
}

export type Inline =
	| { type: 'text'; text: string; bold?: boolean; italic?: boolean }
	| { type: 'link'; text: string; href: string }
	| { type: 'citation'; citation: Citation; raw: string };

export type NarrativeBlock = { type: 'paragraph'; inlines: Inline[] } | { type: 'list'; ordered: boolean; items: Inline[][] };

/** Reads `kind:ref` (without brackets); null when the kind is unknown or the ref empty. */
export function parseCitation(inner: string): Citation | null {
	const at = inner.indexOf(':');
	if (at < 0) return null;
	const kind = inner.slice(0, at).trim();
	const ref = inner.slice(at + 1).trim();
	if (!ref || !(CITATION_KINDS as readonly string[]).includes(kind)) return null;
	return { kind: kind as CitationKind, ref, key: `${kind}:${ref}` };
}

/** Every `[[…]]` in the text, known kinds or not (an unknown kind is an unresolved citation). */
export function citationsIn(text: string): { raw: string; citation: Citation | null }[] {
	const found: { raw: string; citation: Citation | null }[] = [];
	for (const m of text.matchAll(/\[\[([^\]]*)\]\]/g)) found.push({ raw: m[0], citation: parseCitation(m[1] ?? '') });
	return found;
}

const SAFE_HREF = /^(https?:\/\/|mailto:)/i;

/** Inline markup of one line or paragraph → runs. */
export function parseInlines(text: string): Inline[] {
	const out: Inline[] = [];
	// Tokens: citation, link, bold, italic. Scanned left to right; the earliest match wins.
	const token = /\[\[([^\]]*)\]\]|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|\*([^*]+)\*|_([^_]+)_/g;
	let last = 0;
	const pushText = (s: string, style: { bold?: boolean; italic?: boolean } = {}) => {
		if (!s) return;
		const prev = out[out.length - 1];
		if (prev && prev.type === 'text' && !prev.bold === !style.bold && !prev.italic === !style.italic) prev.text += s;
		else out.push({ type: 'text', text: s, ...(style.bold ? { bold: true } : {}), ...(style.italic ? { italic: true } : {}) });
	};
	for (const m of text.matchAll(token)) {
		pushText(text.slice(last, m.index));
		last = m.index + m[0].length;
		if (m[1] !== undefined) {
			const citation = parseCitation(m[1]);
			if (citation) out.push({ type: 'citation', citation, raw: m[0] });
			else pushText(m[0]);
		} else if (m[2] !== undefined && m[3] !== undefined) {
			if (SAFE_HREF.test(m[3])) out.push({ type: 'link', text: m[2], href: m[3] });
			else pushText(m[0]);
		} else if (m[4] !== undefined) pushText(m[4], { bold: true });
		else pushText(m[5] ?? m[6] ?? '', { italic: true });
	}
	pushText(text.slice(last));
	return out;
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

/** A narrative → blocks. Lines of a paragraph are joined with a space. */
export function parseNarrative(text: string): NarrativeBlock[] {
	const blocks: NarrativeBlock[] = [];
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	let paragraph: string[] = [];
	let list: { ordered: boolean; items: string[] } | null = null;
	const flush = () => {
		if (paragraph.length) blocks.push({ type: 'paragraph', inlines: parseInlines(paragraph.join(' ')) });
		if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map(parseInlines) });
		paragraph = [];
		list = null;
	};
	for (const raw of lines) {
		const line = raw.trimEnd();
		if (line.trim() === '') {
			flush();
			continue;
		}
		const bullet = BULLET.exec(line);
		const numbered = bullet ? null : NUMBERED.exec(line);
		if (bullet || numbered) {
			const ordered = !!numbered;
			if (paragraph.length || (list && list.ordered !== ordered)) flush();
			list ??= { ordered, items: [] };
			list.items.push((bullet ?? numbered)?.[1] ?? '');
		} else if (list) {
			// A continuation line of the last item.
			list.items[list.items.length - 1] += ' ' + line.trim();
		} else paragraph.push(line.trim());
	}
	flush();
	return blocks;
}

/** The narrative's plain text (for search, lengths and checks). */
export function plainText(blocks: readonly NarrativeBlock[]): string {
	const inline = (i: Inline) => (i.type === 'citation' ? i.raw : i.text);
	return blocks
		.map((b) => (b.type === 'paragraph' ? b.inlines.map(inline).join('') : b.items.map((it) => it.map(inline).join('')).join('\n')))
		.join('\n\n');
}
