import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import type { DocBlock, ReportDocument } from '$lib/reports/document';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Locale } from '$lib/model';
import { publicOrigin } from '$lib/server/http/origin';
import { renderChartPng } from '$lib/server/reports/render/charts';
import { renderDocx } from '$lib/server/reports/render/docx';
import { renderPdf } from '$lib/server/reports/render/pdf';
import { seedReports } from '../../../seed/reports';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers } from '../../helpers/reports';

// The seeded PATSS issue's files as a reviewer reads them (issue 19): links to the instance's
// public address (ORIGIN, read by the seed), no empty page, no heading alone at a page's foot,
// sections flowing, no false "tagged" claim, chart numbers in the report's language. The seed runs
// with stand-in renderers (as in seed.test.ts); its frozen snapshot is then rendered for real.

const ORIGIN = 'https://avance.ilo.example';
const SHA = 'e7'.repeat(32);
const dir = mkdtempSync(join(tmpdir(), 'avance-seeded-files-'));
const pdfFile = (lang: Locale) => join(dir, `patss-${lang}.pdf`);
const docxFile = join(dir, 'patss-es.docx');
const run = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let snapshot: ReportSnapshot;
const pdfBytes: Partial<Record<Locale, Buffer>> = {};

/** Every page's text lines, without the footer (hash and page number). */
function pagesOf(lang: Locale): string[][] {
	return run('pdftotext', '-enc', 'UTF-8', pdfFile(lang), '-')
		.split('\f')
		.slice(0, -1)
		.map((page) =>
			page
				.split('\n')
				.map((l) => l.trim())
				.filter((l) => l && !l.includes(SHA) && !/^(Página|Page) \d+ (de|of) \d+$/.test(l))
		);
}

/** The headings and captions the document prints (a section title is numbered). */
function headingsOf(doc: ReportDocument): Set<string> {
	const captions = (blocks: readonly DocBlock[]) =>
		blocks.flatMap((b) => (b.type === 'table' ? [b.table.caption] : b.type === 'chart' ? [b.chart.title] : []));
	return new Set([
		...doc.sections.flatMap((s) => [
			`${s.number}. ${s.title}`,
			...s.evidence.flatMap((e) => [e.title, ...captions(e.blocks)]),
			...(s.justification.length ? [doc.labels.justification] : [])
		]),
		...doc.annexes.flatMap((a) => [a.title, ...captions(a.blocks)])
	]);
}

beforeAll(async () => {
	process.env.UPLOADS_PATH = join(dir, 'uploads');
	const db = await freshDatabase({ demoAccounts: true });
	process.env.ORIGIN = ORIGIN;
	try {
		await seedReports(db, fakeRenderers);
	} finally {
		delete process.env.ORIGIN;
	}
	const issue = await db.selectFrom('report_issue').select('snapshot').executeTakeFirstOrThrow();
	snapshot = JSON.parse(issue.snapshot) as ReportSnapshot;
	for (const lang of ['es', 'en'] as const) {
		pdfBytes[lang] = Buffer.from(await renderPdf(snapshot, lang, { sha256: SHA }));
		writeFileSync(pdfFile(lang), pdfBytes[lang]);
	}
	writeFileSync(docxFile, await renderDocx(snapshot, 'es', { sha256: SHA }));
}, 600_000);
afterAll(() => (process.env.KEEP ? console.log(dir) : rmSync(dir, { recursive: true, force: true })));

describe('links in the seeded issue', () => {
	it('the seed freezes ORIGIN (or this machine at PORT) as the issue’s address', () => {
		expect(snapshot.report.origin).toBe(ORIGIN);
		expect(publicOrigin({ ORIGIN: 'https://m-e.example.org/' })).toBe('https://m-e.example.org');
		expect(publicOrigin({ PORT: '3005' })).toBe('http://localhost:3005');
		expect(publicOrigin({})).toBe('http://localhost:3000');
	});

	it('every PDF link and every DOCX external link goes to the public address', () => {
		for (const lang of ['es', 'en'] as const) {
			const uris = [...pdfBytes[lang]!.toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]!);
			expect(uris.length, lang).toBeGreaterThan(100);
			for (const uri of uris) expect(uri.startsWith(`${ORIGIN}/programmes/patss`), uri).toBe(true);
			// The cover links the accessible HTML edition of this very issue.
			expect(uris).toContain(`${ORIGIN}/programmes/patss/reports/${snapshot.report.id}/issues/1?lang=${lang}`);
		}
		const rels = run('unzip', '-p', docxFile, 'word/_rels/document.xml.rels');
		const targets = [...rels.matchAll(/Target="([^"]*)" TargetMode="External"/g)].map((m) => m[1]!);
		expect(targets.length).toBeGreaterThan(20);
		for (const target of targets) expect(target.startsWith(`${ORIGIN}/`), target).toBe(true);
		expect(rels).not.toContain('localhost');
	});
});

describe.each(['es', 'en'] as const)('the seeded %s PDF', (lang) => {
	it('has text on every page', () => {
		const pages = pagesOf(lang);
		expect(pages.length).toBeGreaterThan(10);
		for (const [n, lines] of pages.entries()) expect(lines.length, `page ${n + 1} is empty`).toBeGreaterThan(0);
	});

	it('never leaves a heading or caption alone at the foot of a page', () => {
		const headings = headingsOf(composeReport(snapshot, lang));
		expect(headings.size).toBeGreaterThan(20);
		const pages = pagesOf(lang);
		for (const [n, lines] of pages.entries()) expect(headings.has(lines.at(-1)!), `page ${n + 1} ends with “${lines.at(-1)}”`).toBe(false);
	});

	it('lets sections flow: only the contents, the body and the annexes start a page', () => {
		const doc = composeReport(snapshot, lang);
		const pages = pagesOf(lang);
		const firstLines = pages.map((lines) => lines[0]);
		const sectionTitles = doc.sections.map((s) => `${s.number}. ${s.title}`);
		// Some section starts in the middle of a page.
		const midPage = sectionTitles.filter((t) => pages.some((lines) => lines.indexOf(t) > 0));
		expect(midPage.length).toBeGreaterThan(sectionTitles.length / 2);
		expect(firstLines).toContain(sectionTitles[0]);
		for (const a of doc.annexes) expect(firstLines, a.title).toContain(a.title);
	});

	it('does not claim to be tagged (pdfmake writes no structure tree) and links the HTML edition', () => {
		expect(run('pdfinfo', pdfFile(lang))).toMatch(/Tagged:\s+no/);
		expect(pdfBytes[lang]!.toString('latin1')).not.toContain('/StructTreeRoot');
	});
});

describe('English means English', () => {
	it('the English PDF marks almost no passage “(es)” (325 before the fact sheets, outputs, activities and narratives were translated; 2 once the recommendations, risks and gender actions were too)', () => {
		const marks = (run('pdftotext', '-enc', 'UTF-8', pdfFile('en'), '-').match(/\(es\)/g) ?? []).length;
		console.log(`“(es)” passages in the seeded PATSS English PDF: ${marks}`);
		expect(marks).toBeLessThan(10);
		// Donor and partners no longer among them.
		const cover = run('pdftotext', '-enc', 'UTF-8', '-f', '1', '-l', '1', pdfFile('en'), '-');
		for (const label of ['Donor', 'Partners']) {
			const line = cover.split('\n').find((l) => l.startsWith(label));
			expect(line, label).toBeDefined();
			expect(line).not.toContain('(es)');
		}
		expect(cover).toContain('IESS (direct trust fund)');
	});
});

describe('chart numbers', () => {
	const chart = {
		id: 'c1',
		title: 'Trend',
		alt: 'Trend',
		kind: 'indicator_trend' as const,
		input: {
			periods: ['2019-S1', '2019-S2', '2020-S1'],
			actual: [1200, 8000, 12500],
			target: [2000, 9000, 14000],
			labels: { actual: 'Actual', target: 'Target', women: 'Women', men: 'Men' }
		}
	};

	it('are written in the report language’s format, as its tables are', () => {
		const es = renderChartPng(chart, 'es').axisLabels;
		const en = renderChartPng(chart, 'en').axisLabels;
		expect(es.length).toBeGreaterThan(3);
		expect(es.some((l) => /^\d{1,3}\.\d{3}$/.test(l))).toBe(true);
		for (const l of es) expect(l, 'es').not.toMatch(/,/);
		expect(en.some((l) => /^\d{1,3},\d{3}$/.test(l))).toBe(true);
		for (const l of en) expect(l, 'en').not.toMatch(/\./);
	});
});
