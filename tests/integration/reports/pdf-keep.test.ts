import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import type { DocBlock, ReportDocument } from '$lib/reports/document';
import { renderCharts } from '$lib/server/reports/render/charts';
import { pdfDefinition, pdfmake, renderPdf } from '$lib/server/reports/render/pdf';
import { fixtureSnapshot } from '../../helpers/report-snapshot';

// Keep-with-next in one layout pass (issue 18 §2, issue 19's rule): the PDF of a 30-indicator
// report is laid out once — pdfmake's own `pageBreakBefore` laid it out again for every heading
// it moved — and still no heading or caption sits alone at a page's foot. The same definition
// without the marks (pdfmake alone) leaves some there, so the rule is what keeps them off.

const SHA = '5c'.repeat(32);
const snapshot = fixtureSnapshot({ indicators: 30 });
const doc = composeReport(snapshot, 'es');
const dir = mkdtempSync(join(tmpdir(), 'avance-pdf-keep-'));
const require = createRequire(import.meta.url);
const LayoutBuilder = require('pdfmake/js/LayoutBuilder').default as { prototype: { tryLayoutDocument: (...a: unknown[]) => unknown } };
let passes = 0;
const kept = join(dir, 'kept.pdf');
const bare = join(dir, 'bare.pdf');

/** Every page's text lines, without the footer (hash and page number). */
function pagesOf(file: string): string[][] {
	return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
		.split('\f')
		.slice(0, -1)
		.map((page) =>
			page
				.split('\n')
				.map((l) => l.trim())
				.filter((l) => l && !l.includes(SHA) && !/^Página \d+ de \d+$/.test(l))
		);
}

/** The headings and captions the document prints (as seeded-files.test.ts reads them). */
function headingsOf(document: ReportDocument): Set<string> {
	const captions = (blocks: readonly DocBlock[]) =>
		blocks.flatMap((b) => (b.type === 'table' ? [b.table.caption] : b.type === 'chart' ? [b.chart.title] : []));
	return new Set([
		...document.sections.flatMap((s) => [
			`${s.number}. ${s.title}`,
			...s.evidence.flatMap((e) => [e.title, ...captions(e.blocks)]),
			...(s.justification.length ? [document.labels.justification] : [])
		]),
		...document.annexes.flatMap((a) => [a.title, ...captions(a.blocks)])
	]);
}

const orphans = (file: string) =>
	pagesOf(file)
		.map((lines, n) => ({ page: n + 1, last: lines.at(-1) ?? '' }))
		.filter(({ last }) => headingsOf(doc).has(last));

beforeAll(async () => {
	const layout = LayoutBuilder.prototype.tryLayoutDocument;
	LayoutBuilder.prototype.tryLayoutDocument = function (...args: unknown[]) {
		passes++;
		return layout.apply(this, args);
	};
	try {
		writeFileSync(kept, await renderPdf(snapshot, 'es', { sha256: SHA }));
	} finally {
		LayoutBuilder.prototype.tryLayoutDocument = layout;
	}
	// The same definition with its nodes copied (a spread drops the non-enumerable marks).
	const definition = pdfDefinition(doc, SHA, renderCharts(doc));
	definition.content = definition.content.map((node: object) => ({ ...node }));
	writeFileSync(bare, await pdfmake().createPdf(definition).getBuffer());
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('keep-with-next in the PDF', () => {
	it('lays the document out once', () => {
		expect(passes).toBe(1);
	});

	it('leaves no heading or caption alone at the foot of a page, where pdfmake alone leaves some', () => {
		expect(headingsOf(doc).size).toBeGreaterThan(20);
		expect(orphans(kept)).toEqual([]);
		expect(orphans(bare).length).toBeGreaterThan(0);
	});

	it('makes no empty page, and the contents still give each section’s page', () => {
		const pages = pagesOf(kept);
		for (const [n, lines] of pages.entries()) expect(lines.length, `page ${n + 1} is empty`).toBeGreaterThan(0);
		// The contents list each section with the page its title is printed on.
		const contents = pages.findIndex((lines) => lines.includes(doc.toc.title));
		const listed = pages[contents]!.join('\n');
		for (const s of doc.sections) {
			const title = `${s.number}. ${s.title}`;
			const page = pages.findIndex((lines, n) => n > contents && lines.includes(title)) + 1;
			expect(page, title).toBeGreaterThan(contents + 1);
			expect(listed).toMatch(new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s.]*${page}\\b`));
		}
	});
});
