import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Programme } from '$lib/model';
import { inlineText, type DocBlock, type ReportDocument } from '$lib/reports/document';
import type { Blocker } from '$lib/reports/blockers';
import { citedValues } from '$lib/reports/cited-figures';
import type { Db } from '$lib/server/db/connection';
import { renderDocx } from '$lib/server/reports/render/docx';
import { renderPdf } from '$lib/server/reports/render/pdf';
import { draftSnapshot, loadSections, reportRowFor, saveSection } from '$lib/server/reports/reports';
import * as editor from '../../../src/routes/programmes/[slug]/reports/[id]/+page.server';
import * as preview from '../../../src/routes/programmes/[slug]/reports/[id]/preview/+page.server';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// Citations that carry the figure (issue 19), on the seeded PATSS data: a value citation prints the
// approved value and a compact linked reference in the preview, the PDF and the DOCX alike; a figure
// typed right before it that differs is listed in the editor and blocks the issue.

let db: Db;
let programme: Programme;
let reportId: number;
let evaluator: { id: number; name: string };
let key: string;
let value: number;
let printedRef: string;
let figure: string;
const EVALUATOR = 'evaluator@avance.test';
const origin = 'https://avance.example.org';

async function writeSummary(en: string, es: string) {
	const s = (await loadSections(db, reportId)).find((x) => x.key === 'executive_summary')!;
	await saveSection(db, evaluator, programme, reportId, {
		key: 'executive_summary',
		version: s.version,
		narrativeEs: es,
		narrativeEn: en,
		justificationEs: '',
		justificationEn: ''
	});
}

const paragraphs = (blocks: readonly DocBlock[]) => blocks.map((b) => (b.type === 'paragraph' ? inlineText(b.inlines) : '')).join('\n');

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-citations-'));
	db = await freshDatabase({ demoAccounts: true });
	const patss = await seeded(db, 'patss');
	programme = patss.programme;
	evaluator = { id: await userId(db, EVALUATOR), name: 'Elena Evaluadora' };
	reportId = await writtenReport(db, evaluator, programme, [patss.periodId('2020-S1')]);
	// A number value of the seeded data, as the snapshot has it.
	const snapshot = await draftSnapshot(db, programme, reportId, origin);
	const [k, cited] = [...citedValues(snapshot)].find(([, c]) => c.indicator.measure === 'number' && (c.period.value ?? 0) >= 10)!;
	key = k;
	value = cited.period.value!;
	printedRef = `${cited.indicator.code}, ${cited.periodLabel}`;
	figure = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 }).format(value);
}, 120_000);

describe('a value citation', () => {
	it('prints the figure with its compact reference in the preview, the PDF and the DOCX', async () => {
		await writeSummary(`Affiliation reached [[${key}]] people.`, `La afiliación llegó a [[${key}]] personas.`);
		const page = await loadAs<{ document: ReportDocument }>(db, preview.load, EVALUATOR, {
			params: { slug: 'patss', id: String(reportId) },
			url: `http://localhost/programmes/patss/reports/${reportId}/preview?lang=en`
		});
		if (page.kind !== 'value') throw new Error(JSON.stringify(page));
		const summary = page.value.document.sections.find((s) => s.key === 'executive_summary')!;
		expect(paragraphs(summary.narrative)).toContain(`Affiliation reached ${figure} (${printedRef}) people.`);
		// The reference is the link to the record's row in "Records cited".
		const ref = summary.narrative.flatMap((b) => (b.type === 'paragraph' ? b.inlines : [])).find((i) => i.type === 'ref');
		expect(ref).toEqual({ type: 'ref', key, text: printedRef });

		const snapshot = await draftSnapshot(db, programme, reportId, origin);
		const dir = mkdtempSync(join(tmpdir(), 'avance-citation-files-'));
		const pdf = join(dir, 'report-en.pdf');
		writeFileSync(pdf, await renderPdf(snapshot, 'en', { sha256: 'ab'.repeat(32) }));
		const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).replace(
			/\s+/g,
			' '
		);
		expect(text).toContain(`Affiliation reached ${figure} (${printedRef}) people.`);
		const docx = join(dir, 'report-en.docx');
		writeFileSync(docx, await renderDocx(snapshot, 'en', { sha256: 'ab'.repeat(32) }));
		// Every run of each paragraph, links included (python-docx's `text` leaves hyperlinks out).
		const script =
			'import sys, docx\nfrom docx.oxml.ns import qn\nd = docx.Document(sys.argv[1])\nprint("\\n".join("".join(t.text or "" for t in p._p.iter(qn("w:t"))) for p in d.paragraphs))';
		const paragraphsText = execFileSync('/usr/bin/python3', ['-c', script, docx], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
		expect(paragraphsText).toContain(`Affiliation reached ${figure} (${printedRef}) people.`);
	}, 120_000);

	it('a different figure typed before it is listed in the editor and blocks the issue; the right one passes', async () => {
		await writeSummary(`Affiliation reached ${value + 7} [[${key}]] people.`, `La afiliación llegó a [[${key}]] personas.`);
		const page = await loadAs<{ draft: { blockers: Blocker[] } }>(db, editor.load, EVALUATOR, {
			params: { slug: 'patss', id: String(reportId) }
		});
		const blockers = page.kind === 'value' ? page.value.draft.blockers : [];
		expect(blockers).toEqual([
			{ kind: 'figure', section: 'executive_summary', lang: 'en', raw: `[[${key}]]`, typed: String(value + 7), cited: figure }
		]);
		const refused = formFailure(
			await postAs(db, editor.actions.issue, EVALUATOR, {
				params: { slug: 'patss', id: String(reportId) },
				form: { _form: 'issue', version: String((await reportRowFor(db, programme.id, reportId)).version) }
			})
		);
		expect(refused.status).toBe(403);
		expect(await db.selectFrom('report_job').select('id').where('report_id', '=', reportId).execute()).toEqual([]);

		await writeSummary(`Affiliation reached ${value} [[${key}]] people.`, `La afiliación llegó a [[${key}]] personas.`);
		const fixed = await loadAs<{ draft: { blockers: Blocker[] } }>(db, editor.load, EVALUATOR, {
			params: { slug: 'patss', id: String(reportId) }
		});
		expect(fixed.kind === 'value' && fixed.value.draft.blockers).toEqual([]);
		// And the agreeing figure prints once.
		const snapshot = await draftSnapshot(db, programme, reportId, origin);
		const { composeReport } = await import('$lib/reports/compose');
		const summary = composeReport(snapshot, 'en').sections.find((s) => s.key === 'executive_summary')!;
		expect(paragraphs(summary.narrative)).toContain(`Affiliation reached ${value} (${printedRef}) people.`);
	}, 120_000);
});
