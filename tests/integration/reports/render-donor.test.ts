import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '$lib/model';
import { OUTLINES, type ReportLayout } from '$lib/reports/outline';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { renderDocx } from '$lib/server/reports/render/docx';
import { renderPdf } from '$lib/server/reports/render/pdf';
import { draftSnapshot } from '$lib/server/reports/reports';
import { freshDatabase } from '../../helpers/db';
import { writtenReport } from '../../helpers/reports';

// File checks of the donors' own formats (issue 21), per layout and language, as an independent
// reader sees them: the PDF's page text with poppler (every section title of the format, the hash
// in every page footer, the landscape logframe annex, links out to the records) and the DOCX
// converted by LibreOffice, whose text must carry the same section titles; the DOCX opened by
// python-docx (headings, landscape annex section, title), its links and hash in its XML; and the
// same PDF bytes (and the same DOCX document text) again when the same snapshot is rendered twice.

const SHA = 'a1'.repeat(32);
const dir = mkdtempSync(join(tmpdir(), 'avance-donor-files-'));
const run = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const CASES: { layout: ReportLayout; slug: string; periods: string[] }[] = [
	{ layout: 'ilo_tcpr', slug: 'el-salvador-pps', periods: ['2019-S1'] },
	{ layout: 'eu_narrative', slug: 'peru-desempleo-ue', periods: ['2020-S2', '2021-S1'] }
];
const name = (layout: ReportLayout, lang: Locale, ext: string) => join(dir, `${layout}-${lang}.${ext}`);
const snapshots = new Map<ReportLayout, ReportSnapshot>();
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const part = (file: string, entry: string) => execFileSync('unzip', ['-p', file, entry], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
/** The TCPR prints each outcome's own narrative under its heading (tests/helpers/reports.ts writes them). */
const OUTCOME_WORDS: Record<Locale, string> = { es: 'Narrativa del resultado M1.', en: 'Narrative of outcome M1.' };

const TITLES: Record<ReportLayout, Record<Locale, string[]>> = {
	ilo_tcpr: {
		es: [
			'Identificación del proyecto',
			'Avance por resultado',
			'Diálogo social y tripartismo',
			'Sostenibilidad ambiental',
			'Anexo: respuesta de la gerencia'
		],
		en: [
			'Project identification',
			'Progress per outcome',
			'Social dialogue and tripartism',
			'Environmental sustainability',
			'Annex: management response'
		]
	},
	eu_narrative: {
		es: [
			'Grupos destinatarios y beneficiarios finales',
			'Validez de la lógica de intervención',
			'Plan de acción actualizado',
			'Marco lógico actualizado'
		],
		en: ['Target groups and final beneficiaries', 'Validity of the intervention logic', 'Updated action plan', 'Updated logframe']
	},
	oecd_dac: { es: [], en: [] }
};

beforeAll(async () => {
	const db = await freshDatabase({ demoAccounts: true });
	const evaluator = await db
		.selectFrom('user')
		.select(['id', 'name'])
		.where('email', '=', 'evaluator@avance.test')
		.executeTakeFirstOrThrow();
	for (const c of CASES) {
		const programme = (await getProgrammeBySlug(db, c.slug))!;
		const ids = (await db.selectFrom('reporting_period').select(['id', 'label']).where('programme_id', '=', programme.id).execute())
			.filter((p) => c.periods.includes(p.label))
			.map((p) => p.id);
		const id = await writtenReport(db, evaluator, programme, ids, { layout: c.layout });
		const snapshot = await draftSnapshot(db, programme, id, 'https://avance.example.org');
		snapshots.set(c.layout, snapshot);
		for (const lang of ['es', 'en'] as const) {
			writeFileSync(name(c.layout, lang, 'pdf'), await renderPdf(snapshot, lang, { sha256: SHA }));
			writeFileSync(name(c.layout, lang, 'docx'), await renderDocx(snapshot, lang, { sha256: SHA }));
		}
	}
	// One LibreOffice run converts the four DOCX files (each start costs seconds).
	const out = join(dir, 'lo');
	run(
		'soffice',
		'--headless',
		'--norestore',
		`-env:UserInstallation=file://${join(dir, 'profile')}`,
		'--convert-to',
		'pdf',
		'--outdir',
		out,
		...CASES.flatMap((c) => (['es', 'en'] as const).map((l) => name(c.layout, l, 'docx')))
	);
}, 900_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(CASES.flatMap((c) => (['es', 'en'] as const).map((lang) => ({ ...c, lang }))))(
	'the $layout files in $lang',
	({ layout, lang }) => {
		it('print every section the format requires, the hash on every page, and link to the records', () => {
			const file = name(layout, lang, 'pdf');
			const text = run('pdftotext', '-enc', 'UTF-8', file, '-');
			for (const title of TITLES[layout][lang]) expect(text, title).toContain(title);
			if (layout === 'ilo_tcpr') expect(text).toContain(OUTCOME_WORDS[lang]);
			const pages = text.split('\f').filter((p) => p.trim());
			for (const [n, page] of pages.entries()) expect(page.replace(/\s+/g, ''), `page ${n + 1}`).toContain(SHA);
			expect(run('pdfinfo', '-custom', file)).toMatch(new RegExp(`SnapshotSHA256:\\s+${SHA}`));
			// The logframe annex is landscape beside portrait pages.
			const sizes = run('pdfinfo', '-f', '1', '-l', '999', file);
			expect(sizes).toMatch(/size:\s+841\.89 x 595\.28 pts/);
			expect(sizes).toMatch(/size:\s+595\.28 x 841\.89 pts/);
			expect(run('pdfinfo', '-dests', file)).toContain('"sec-executive-summary"');
		});

		it('opens in LibreOffice with the same section titles', () => {
			const converted = join(dir, 'lo', `${layout}-${lang}.pdf`);
			const text = run('pdftotext', '-enc', 'UTF-8', converted, '-');
			for (const title of TITLES[layout][lang]) expect(text, title).toContain(title);
			expect(text).toContain(SHA);
			if (layout === 'ilo_tcpr') expect(text).toContain(OUTCOME_WORDS[lang]);
		});

		it('opens with python-docx: a Heading 1 per part, the landscape annex section, the report’s title', () => {
			const script = [
				'import sys, docx',
				'd = docx.Document(sys.argv[1])',
				'print(len(d.tables))',
				'print(",".join(str(int(s.orientation)) for s in d.sections))',
				'print(d.core_properties.title)',
				'print(sum(1 for p in d.paragraphs if p.style.name == "Heading 1"))'
			].join('\n');
			const out = execFileSync('/usr/bin/python3', ['-c', script, name(layout, lang, 'docx')], { encoding: 'utf8' })
				.trim()
				.split('\n');
			expect(Number(out[0])).toBeGreaterThan(5);
			const orientations = out[1]!.split(',');
			expect(orientations).toContain('1');
			expect(orientations[0]).toBe('0');
			expect(out[2]).toBe(snapshots.get(layout)!.report.title[lang]);
			expect(Number(out[3])).toBeGreaterThanOrEqual(OUTLINES[layout].length);
		});

		it('carries its links, the hash in footer and properties, and a landscape page size in the DOCX XML', () => {
			const file = name(layout, lang, 'docx');
			const xml = part(file, 'word/document.xml');
			expect(xml).toMatch(/<w:pgSz [^>]*w:orient="landscape"/);
			expect(xml).toMatch(/<w:hyperlink [^>]*r:id="/);
			expect(xml).toMatch(/<w:hyperlink [^>]*w:anchor="/);
			expect(part(file, 'word/_rels/document.xml.rels')).toMatch(
				/Target="https:\/\/avance\.example\.org\/programmes\/[a-z-]+\/[^"]+" TargetMode="External"/
			);
			expect(part(file, 'word/footer1.xml')).toContain(SHA);
			expect(part(file, 'docProps/custom.xml')).toMatch(new RegExp(`name="SnapshotSHA256"><vt:lpwstr>${SHA}</vt:lpwstr>`));
			if (layout === 'ilo_tcpr') expect(xml).toContain(OUTCOME_WORDS[lang]);
		});

		it('gives the same PDF bytes, and the same DOCX document, when the same snapshot is rendered again', async () => {
			const snapshot = snapshots.get(layout)!;
			expect(sha(await renderPdf(snapshot, lang, { sha256: SHA }))).toBe(sha(readFileSync(name(layout, lang, 'pdf'))));
			// The docx library stamps the clock into docProps/core.xml and draws relationship ids at
			// random, and numbers bookmarks with a counter that runs on across renders in one process, so
			// the DOCX's bytes differ between renders (as the OECD-DAC one's do); its text must not.
			const again = join(dir, `${layout}-${lang}-again.docx`);
			writeFileSync(again, await renderDocx(snapshot, lang, { sha256: SHA }));
			const text = (file: string) =>
				part(file, 'word/document.xml')
					.replace(/<[^>]+>/g, ' ')
					.replace(/\s+/g, ' ');
			expect(text(again) === text(name(layout, lang, 'docx'))).toBe(true);
		}, 120_000);
	}
);
