import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import { renderDocx, tableRows, PAGE_NUMBER_ROW_LIMIT } from '$lib/server/reports/render/docx';
import { fixtureSnapshot } from '../../helpers/report-snapshot';

// Large DOCX tables written as XML text (issue 18 §2, docx-tables.ts): the same tables as docx
// writes, element by element, and a report of 1,000 indicators that renders in a child process
// with a 400 MB heap (docx alone built every cell as objects and ran out of memory there).

const SHA = 'c3'.repeat(32);
const dir = mkdtempSync(join(tmpdir(), 'avance-docx-raw-'));
const snapshot = fixtureSnapshot({ indicators: 12 });
const libraryFile = join(dir, 'library.docx');
const rawFile = join(dir, 'raw.docx');
const part = (file: string, name: string) => execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

/** The file's tables, with bookmark ids numbered in order and link relationships replaced by their targets. */
function tables(file: string): string[] {
	const rels = new Map(
		[...part(file, 'word/_rels/document.xml.rels').matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!])
	);
	const ids = new Map<string, number>();
	return (part(file, 'word/document.xml').match(/<w:tbl>.*?<\/w:tbl>/gs) ?? []).map((t) =>
		t
			.replace(/(<w:bookmark(?:Start|End)[^>]*w:id=")(\d+)"/g, (_, a: string, id: string) => {
				if (!ids.has(id)) ids.set(id, ids.size + 1);
				return `${a}${ids.get(id)}"`;
			})
			.replace(/r:id="([^"]+)"/g, (_, id: string) => `target="${rels.get(id)}"`)
	);
}

beforeAll(async () => {
	writeFileSync(libraryFile, await renderDocx(snapshot, 'es', { sha256: SHA }, null));
	writeFileSync(rawFile, await renderDocx(snapshot, 'es', { sha256: SHA }, 0));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DOCX tables written as XML text', () => {
	it('are the tables docx writes, with their bookmarks and links', () => {
		const expected = tables(libraryFile);
		const actual = tables(rawFile);
		expect(expected.length).toBeGreaterThan(10);
		expect(actual).toEqual(expected);
		expect(part(rawFile, 'word/document.xml')).not.toContain('AVANCE-RAW-TABLE-');
		// Every record cited keeps its bookmark, once.
		const xml = part(rawFile, 'word/document.xml');
		for (const r of Object.values(composeReport(snapshot, 'es').records))
			expect(xml.split(`w:name="${r.bookmark}"`).length - 1, r.key).toBe(1);
	}, 60_000);

	it('open in python-docx with the same tables, rows and text', () => {
		const script = [
			'import sys, docx',
			'for f in sys.argv[1:]:',
			'    d = docx.Document(f)',
			'    print(len(d.tables), sum(len(t.rows) for t in d.tables), len("".join(c.text for t in d.tables for r in t.rows for c in r.cells)))'
		].join('\n');
		const [library, raw] = execFileSync('/usr/bin/python3', ['-c', script, libraryFile, rawFile], { encoding: 'utf8' }).trim().split('\n');
		expect(raw).toBe(library);
	}, 60_000);

	it('are used by default past the page-number limit, and keep a 1,000-indicator render within a 400 MB heap', () => {
		const big = fixtureSnapshot({ indicators: 1000 });
		expect(tableRows(composeReport(big, 'es'))).toBeGreaterThan(PAGE_NUMBER_ROW_LIMIT);
		const snapshotFile = join(dir, 'snapshot-1000.json');
		const out = join(dir, 'big.docx');
		writeFileSync(snapshotFile, JSON.stringify(big));
		const child = spawnSync(
			process.execPath,
			[
				'--max-old-space-size=400',
				'--import',
				'tsx',
				join(import.meta.dirname, '../../helpers/render-child.ts'),
				snapshotFile,
				'docx',
				out
			],
			{ encoding: 'utf8', cwd: join(import.meta.dirname, '../../..') }
		);
		expect(child.stderr.slice(-2000)).not.toMatch(/heap out of memory/);
		expect(child.status).toBe(0);
		const count = execFileSync(
			'/usr/bin/python3',
			['-c', 'import sys, docx; d = docx.Document(sys.argv[1]); print(sum(len(t.rows) for t in d.tables))', out],
			{
				encoding: 'utf8'
			}
		);
		expect(Number(count)).toBeGreaterThan(PAGE_NUMBER_ROW_LIMIT);
	}, 600_000);
});
