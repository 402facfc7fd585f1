import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '$lib/model';
import { renderDocx } from '$lib/server/reports/render/docx';
import { fixtureSnapshot } from '../../helpers/report-snapshot';

// The DOCX cover's title as LibreOffice prints it (issue 19): a title long enough to wrap must
// print its lines one under the other. The document's default spacing said `w:line="276"` with
// no rule; Word reads that as 1.15 lines, LibreOffice as exactly 13.8 pt, so the 28 pt title's
// lines printed over each other. Every spacing the styles set is checked too: a line rule of
// "auto" or "at least", or an exact height of at least 1.15 times the style's font size.

const SHA = 'd7'.repeat(32);
const TITLES: Record<Locale, string> = {
	es: 'Informe narrativo intermedio del proyecto de promoción del empleo juvenil y reducción del desempleo en el Perú',
	en: 'Interim narrative report of the project for youth employment promotion and unemployment reduction in Peru'
};
const dir = mkdtempSync(join(tmpdir(), 'avance-docx-title-'));
const docx = (lang: Locale) => join(dir, `title-${lang}.docx`);
const run = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

interface Word {
	text: string;
	xMin: number;
	yMin: number;
	yMax: number;
}

/** The words of page 1 as poppler places them (`pdftotext -bbox`). */
function pageOneWords(pdf: string): Word[] {
	const html = run('pdftotext', '-f', '1', '-l', '1', '-bbox', '-enc', 'UTF-8', pdf, '-');
	return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
		text: m[4]!,
		xMin: Number(m[1]),
		yMin: Number(m[2]),
		yMax: Number(m[3])
	}));
}

beforeAll(async () => {
	const snapshot = fixtureSnapshot({ indicators: 3 });
	snapshot.report.title = { es: TITLES.es, en: TITLES.en };
	for (const lang of ['es', 'en'] as const) writeFileSync(docx(lang), await renderDocx(snapshot, lang, { sha256: SHA }));
	run(
		'soffice',
		'--headless',
		'--norestore',
		`-env:UserInstallation=file://${join(dir, 'profile')}`,
		'--convert-to',
		'pdf',
		'--outdir',
		dir,
		docx('es'),
		docx('en')
	);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['es', 'en'] as const)('the %s DOCX cover in LibreOffice', (lang) => {
	it('prints a long title on lines that do not overlap', () => {
		const titleWords = new Set(TITLES[lang].split(/\s+/));
		// The title's words: its words, in the title's large type (the cover's other lines are 10–16 pt).
		const words = pageOneWords(join(dir, `title-${lang}.pdf`)).filter((w) => titleWords.has(w.text) && w.yMax - w.yMin > 24);
		const byLine = new Map<string, Word[]>();
		for (const w of words) byLine.set(w.yMin.toFixed(1), [...(byLine.get(w.yMin.toFixed(1)) ?? []), w]);
		const lines = [...byLine.values()]
			.map((ws) => ({
				yMin: ws[0]!.yMin,
				yMax: Math.max(...ws.map((w) => w.yMax)),
				text: ws
					.sort((a, b) => a.xMin - b.xMin)
					.map((w) => w.text)
					.join(' ')
			}))
			.sort((a, b) => a.yMin - b.yMin);
		expect(lines.length, JSON.stringify(lines)).toBeGreaterThanOrEqual(2);
		expect(lines.map((l) => l.text).join(' ')).toBe(TITLES[lang]);
		for (const [k, line] of lines.entries())
			if (k > 0)
				expect(line.yMin, `line ${k + 1} "${line.text}" starts above the end of line ${k}`).toBeGreaterThanOrEqual(
					lines[k - 1]!.yMax - 0.5
				);
	});

	it('sets no style a fixed line height below 1.15 times its font size', () => {
		const styles = run('unzip', '-p', docx(lang), 'word/styles.xml');
		const blocks = [
			...[...styles.matchAll(/<w:docDefaults>[\s\S]*?<\/w:docDefaults>/g)].map((m) => m[0]),
			...[...styles.matchAll(/<w:style [\s\S]*?<\/w:style>/g)].map((m) => m[0])
		];
		let spaced = 0;
		for (const block of blocks) {
			const spacing = /<w:spacing [^>]*w:line="(\d+)"[^>]*\/>/.exec(block);
			if (!spacing) continue;
			spaced++;
			const rule = /w:lineRule="(\w+)"/.exec(spacing[0])?.[1];
			expect(rule, `a line rule in ${block.slice(0, 80)}`).toBeDefined();
			if (rule === 'exact') {
				const size = Number(/<w:sz w:val="(\d+)"/.exec(block)?.[1] ?? 20) / 2;
				expect(Number(spacing[1]) / 20, block.slice(0, 80)).toBeGreaterThanOrEqual(1.15 * size);
			} else expect(['auto', 'atLeast']).toContain(rule);
		}
		expect(spaced).toBeGreaterThan(0);
	});
});
