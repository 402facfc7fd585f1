import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import { renderDocx } from '$lib/server/reports/render/docx';
import { fixtureSnapshot } from '../../helpers/report-snapshot';

// File checks of the issued DOCX: its XML read straight from the zip, then opened by python-docx
// (Debian's python3-docx) as an independent client would.

const SHA = 'a1'.repeat(32);
const snapshot = fixtureSnapshot({ indicators: 12 });
const dir = mkdtempSync(join(tmpdir(), 'avance-docx-'));
const file = join(dir, 'report-es.docx');
const part = (name: string) => execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let xml = '';

beforeAll(async () => {
	writeFileSync(file, await renderDocx(snapshot, 'es', { sha256: SHA }));
	xml = part('word/document.xml');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the report DOCX', () => {
	it('uses real Heading styles and a contents list of links with page references, with accents and ñ', () => {
		expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
		expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
		// Written with their page numbers, so Word asks to update nothing.
		expect(xml).toMatch(/<w:instrText[^>]*>\s*PAGEREF sec_relevance \\h\s*<\/w:instrText>/);
		expect(xml).not.toContain('w:dirty="true"');
		expect(part('word/settings.xml')).not.toContain('updateFields');
		expect(xml).toContain('Pertinencia');
		expect(xml).toContain('Módulo 1: protección social y niñez');
		expect(part('word/styles.xml')).toContain('w:styleId="Heading1"');
	});

	it('repeats table header rows', () => {
		expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBeGreaterThan(10);
	});

	it('bookmarks every record cited and links figures to them; rows link out to the record as issued', () => {
		const doc = composeReport(snapshot, 'es');
		const records = Object.values(doc.records);
		expect(records.length).toBeGreaterThan(30);
		for (const r of records) expect(xml, r.key).toContain(`w:name="${r.bookmark}"`);
		const first = doc.records['indicator:1.1']!;
		expect(xml).toContain(`w:anchor="${first.bookmark}"`);
		const rels = part('word/_rels/document.xml.rels');
		expect(rels).toMatch(/Target="https:\/\/avance\.example\.org\/programmes\/patss\/indicators\/1" TargetMode="External"/);
		expect(xml).toMatch(/<w:hyperlink [^>]*r:id="/);
	});

	it('puts the logframe annex in a landscape section and the hash in footers and custom properties', () => {
		expect(xml).toMatch(/<w:pgSz [^>]*w:orient="landscape"/);
		expect(part('docProps/custom.xml')).toMatch(new RegExp(`name="SnapshotSHA256"><vt:lpwstr>${SHA}</vt:lpwstr>`));
		expect(part('word/footer1.xml')).toContain(SHA);
		expect(part('docProps/core.xml')).toContain(`sha256:${SHA}`);
	});

	it('embeds the charts as PNG with alt text', () => {
		expect(execFileSync('unzip', ['-l', file], { encoding: 'utf8' })).toMatch(/word\/media\/image1\.png/);
		expect(xml).toMatch(/<wp:docPr [^>]*descr="Barras apiladas/);
	});

	it('opens with python-docx', () => {
		const script = [
			'import sys, docx',
			'd = docx.Document(sys.argv[1])',
			'print(len(d.tables))',
			'print(",".join(str(int(s.orientation)) for s in d.sections))',
			'print(d.core_properties.title)',
			'print(sum(1 for p in d.paragraphs if p.style.name == "Heading 1"))'
		].join('\n');
		const out = execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }).trim().split('\n');
		expect(Number(out[0])).toBeGreaterThan(10);
		expect(out[1]).toBe('0,1,0');
		expect(out[2]).toBe('Informe de progreso de medio término del año');
		expect(Number(out[3])).toBeGreaterThanOrEqual(13);
	});
});
