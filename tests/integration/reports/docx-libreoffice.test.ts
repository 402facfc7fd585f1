import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import type { Locale } from '$lib/model';
import { renderDocx } from '$lib/server/reports/render/docx';
import { fixtureSnapshot } from '../../helpers/report-snapshot';

// The DOCX as its readers see it (issue 19): converted by LibreOffice (Debian's
// libreoffice-writer-nogui, `soffice --headless`) and read back with poppler, and opened by
// python-docx. Landscape pages really are landscape with every column on the page; the contents
// carries page numbers that are the pages LibreOffice put the headings on; heading levels never
// skip; no page is empty.

const SHA = 'c4'.repeat(32);
const snapshot = fixtureSnapshot({ indicators: 12 });
const dir = mkdtempSync(join(tmpdir(), 'avance-docx-lo-'));
const docx = (lang: Locale) => join(dir, `report-${lang}.docx`);
const pdf = (lang: Locale) => join(dir, `report-${lang}.pdf`);
const run = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
/** Each page's text, laid out as printed. */
const pages: Partial<Record<Locale, string[]>> = {};
const sizes: Partial<Record<Locale, { width: number; height: number }[]>> = {};

beforeAll(async () => {
	for (const lang of ['es', 'en'] as const) writeFileSync(docx(lang), await renderDocx(snapshot, lang, { sha256: SHA }));
	// A profile of its own, so a parallel run elsewhere never shares LibreOffice's user directory.
	run(
		'soffice',
		`-env:UserInstallation=file://${join(dir, 'profile')}`,
		'--headless',
		'--convert-to',
		'pdf',
		'--outdir',
		dir,
		docx('es'),
		docx('en')
	);
	for (const lang of ['es', 'en'] as const) {
		pages[lang] = run('pdftotext', '-layout', '-enc', 'UTF-8', pdf(lang), '-').split('\f').slice(0, -1);
		sizes[lang] = [...run('pdfinfo', '-f', '1', '-l', '9999', pdf(lang)).matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({
			width: Number(m[1]),
			height: Number(m[2])
		}));
	}
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['es', 'en'] as const)('the %s DOCX in LibreOffice', (lang) => {
	const doc = composeReport(snapshot, lang);

	it('writes landscape sections with a landscape page size', () => {
		const xml = run('unzip', '-p', docx(lang), 'word/document.xml');
		const sizesInXml = [...xml.matchAll(/<w:pgSz ([^>]*)\/>/g)].map((m) => ({
			w: Number(/w:w="(\d+)"/.exec(m[1]!)![1]),
			h: Number(/w:h="(\d+)"/.exec(m[1]!)![1]),
			landscape: m[1]!.includes('w:orient="landscape"')
		}));
		expect(sizesInXml.some((s) => s.landscape)).toBe(true);
		for (const s of sizesInXml) expect(s.w > s.h, JSON.stringify(s)).toBe(s.landscape);
	});

	it('prints the logframe annex on landscape pages with its last columns on the page', () => {
		const landscape = sizes[lang]!.flatMap((s, n) => (s.width > s.height ? [n] : []));
		expect(landscape.length).toBeGreaterThan(0);
		const text = landscape.map((n) => pages[lang]![n]!).join('\n');
		const logframe = doc.annexes.find((a) => a.key === 'logframe')!;
		const table = logframe.blocks.find((b) => b.type === 'table');
		if (table?.type !== 'table') throw new Error('no logframe table');
		// The last three columns (the last period, the actual value, the status), word by word
		// (a header may wrap), and the status of every indicator row.
		for (const column of table.table.columns.slice(-3))
			for (const word of column.label.split(/\s+/)) expect(text, `${column.label} on a landscape page`).toContain(word);
		const statuses = table.table.rows.flatMap((r) =>
			r.type === 'row'
				? [
						r.cells
							.at(-1)!
							.map((c) => c.text)
							.join('')
					]
				: []
		);
		expect(statuses.length).toBe(12);
		// The status word without its symbol (LibreOffice may draw the symbol from another font).
		for (const status of statuses) expect(text).toContain(status.replace(/^\S+\s/, ''));
	});

	it('numbers the contents with the pages LibreOffice put the headings on', () => {
		const all = pages[lang]!;
		const contentsPage = all.findIndex((p) => p.includes(doc.toc.title));
		expect(contentsPage).toBeGreaterThan(-1);
		const contents = all[contentsPage]!;
		expect(doc.toc.entries.length).toBeGreaterThan(10);
		for (const entry of doc.toc.entries) {
			const line = contents.split('\n').find((l) => l.trim().startsWith(entry.title));
			expect(line, entry.title).toBeDefined();
			const printed = Number(/\.{3,}\s*(\d+)\s*$/.exec(line!)?.[1]);
			expect(printed, `${entry.title}: ${line}`).toBeGreaterThan(contentsPage + 1);
			// The heading starts a line of the page the contents names.
			const headingLine = new RegExp(`^\\s*${entry.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm');
			expect(all[printed - 1], `${entry.title} on page ${printed}`).toMatch(headingLine);
		}
	});

	it('leaves no page empty', () => {
		expect(pages[lang]!.length).toBe(sizes[lang]!.length);
		for (const [n, page] of pages[lang]!.entries()) {
			// The footer alone (hash and page number) is not content.
			const body = page
				.split('\n')
				.filter((l) => !l.includes(SHA) && !/^\s*(Página|Page) \d+/.test(l))
				.join('')
				.trim();
			expect(body.length, `page ${n + 1}`).toBeGreaterThan(0);
		}
	});

	it('never skips a heading level, and spaces paragraphs and table cells', () => {
		const script = [
			'import sys, docx',
			'd = docx.Document(sys.argv[1])',
			'for p in d.paragraphs:',
			'    n = p.style.name',
			'    if n.startswith("Heading "): print(n[8:])'
		].join('\n');
		const levels = run('/usr/bin/python3', '-c', script, docx(lang)).trim().split('\n').map(Number);
		expect(levels.length).toBeGreaterThan(20);
		expect(levels[0]).toBe(1);
		for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!, `heading ${i + 1}`).toBeLessThanOrEqual(1);
		expect(new Set(levels)).toEqual(new Set([1, 2]));
		const styles = run('unzip', '-p', docx(lang), 'word/styles.xml');
		expect(styles).toMatch(/<w:pPrDefault><w:pPr><w:spacing [^>]*w:after="120"/);
		const xml = run('unzip', '-p', docx(lang), 'word/document.xml');
		expect(xml).toMatch(/<w:tblCellMar><w:top w:type="dxa" w:w="40"\/><w:left w:type="dxa" w:w="80"\/>/);
	});
});
