import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import { renderPdf } from '$lib/server/reports/render/pdf';
import { fixtureSnapshot } from '../../helpers/report-snapshot';

// File checks of the issued PDF with poppler-utils, as an independent reader sees it.

const SHA = '3f'.repeat(32);
const snapshot = fixtureSnapshot({ indicators: 12 });
const dir = mkdtempSync(join(tmpdir(), 'avance-pdf-'));
const files: Record<'es' | 'en', string> = { es: join(dir, 'report-es.pdf'), en: join(dir, 'report-en.pdf') };
const bytes: Partial<Record<'es' | 'en', Uint8Array>> = {};

const poppler = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

beforeAll(async () => {
	for (const lang of ['es', 'en'] as const) {
		bytes[lang] = await renderPdf(snapshot, lang, { sha256: SHA });
		writeFileSync(files[lang], bytes[lang]);
	}
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the report PDF', () => {
	it('prints Spanish accents and ñ, and the generated words in each language', () => {
		const es = poppler('pdftotext', '-enc', 'UTF-8', files.es, '-');
		expect(es).toContain('Informe de progreso de medio término del año');
		expect(es).toContain('Módulo 1: protección social y niñez');
		expect(es).toContain('Pertinencia');
		expect(es).toContain('Anexo: registros citados');
		const en = poppler('pdftotext', '-enc', 'UTF-8', files.en, '-');
		expect(en).toContain('Relevance');
		expect(en).toContain('Annex: records cited');
		// An untranslated content text prints in Spanish with its mark.
		expect(en).toMatch(/Personas de año 1 capacitadas en señalización\s*\(es\)/);
	});

	it('prints the snapshot hash in the footer of every page and in the properties', () => {
		const pages = poppler('pdftotext', '-enc', 'UTF-8', files.es, '-')
			.split('\f')
			.filter((p) => p.trim());
		expect(pages.length).toBeGreaterThan(10);
		for (const [n, page] of pages.entries()) expect(page, `page ${n + 1}`).toContain(`SHA-256 ${SHA}`);
		const info = poppler('pdfinfo', '-custom', files.es);
		expect(info).toMatch(new RegExp(`SnapshotSHA256:\\s+${SHA}`));
		expect(info).toMatch(new RegExp(`Keywords:\\s+sha256:${SHA}`));
		const plain = poppler('pdfinfo', files.es);
		expect(plain).toMatch(/Tagged:\s+no/);
		expect(plain).toMatch(/CreationDate:\s+Sat Feb {1,2}1 09:30:00 2020 UTC/);
		expect(Buffer.from(bytes.es!).toString('latin1')).toContain('/Lang (es)');
		expect(Buffer.from(bytes.en!).toString('latin1')).toContain('/Lang (en-GB)');
	});

	it('has a named destination for every record cited, and prints the logframe in landscape', () => {
		const dests = poppler('pdfinfo', '-dests', files.es);
		const doc = composeReport(snapshot, 'es');
		const anchors = Object.values(doc.records).map((r) => r.anchor);
		expect(anchors.length).toBeGreaterThan(30);
		for (const anchor of anchors) expect(dests, anchor).toContain(`"${anchor}"`);
		expect(dests).toContain('"sec-effectiveness"');
		const sizes = poppler('pdfinfo', '-f', '1', '-l', '999', files.es);
		expect(sizes).toMatch(/size:\s+841\.89 x 595\.28 pts/);
		expect(sizes).toMatch(/size:\s+595\.28 x 841\.89 pts/);
	});

	it('links figures to their row and each row to the record as issued', () => {
		const raw = Buffer.from(bytes.es!).toString('latin1');
		expect(raw).toMatch(/\/S \/GoTo\s*\/D \(rec-indicator:1\.1\)/);
		expect(raw).toContain('/URI (https://avance.example.org/programmes/patss/indicators/1)');
	});

	it('gives the same bytes for the same snapshot', async () => {
		const again = await renderPdf(snapshot, 'es', { sha256: SHA });
		expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes.es!))).toBe(0);
	}, 30_000);
});
