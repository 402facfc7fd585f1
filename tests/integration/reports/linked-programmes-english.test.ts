import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import { inlineText, type DocInline, type DocTable, type ReportDocument } from '$lib/reports/document';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import { translate } from '$lib/i18n/translate';
import type { Db } from '$lib/server/db/connection';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { draftSnapshot } from '$lib/server/reports/reports';
import { seedDonorReports } from '../../../seed/donor-reports';
import { seedReports } from '../../../seed/reports';
import { englishTexts } from '../../../seed/translations';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers } from '../../helpers/reports';

// Issue 21 (hfix noticed): the TCPR's partnerships block lists the other programmes in the same
// country, and printed their names and donors in Spanish, unmarked, in the English report. Now
// the title and donor go through the cover's rule (reports/fact-texts.ts → ctx.loc): the
// translation where there is one, else the original marked "(es)"; a snapshot frozen before
// them prints the short name and donor marked.

let db: Db;
let patssTcpr: { id: number; snapshot: ReportSnapshot };

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-linked-'));
	db = await freshDatabase({ demoAccounts: true });
	await seedReports(db, fakeRenderers);
	await seedDonorReports(db, fakeRenderers);
	const row = await db
		.selectFrom('report_issue')
		.innerJoin('report', 'report.id', 'report_issue.report_id')
		.innerJoin('programme', 'programme.id', 'report.programme_id')
		.select(['report.id', 'report_issue.snapshot'])
		.where('programme.slug', '=', 'patss')
		.where('report.layout', '=', 'ilo_tcpr')
		.executeTakeFirstOrThrow();
	patssTcpr = { id: row.id, snapshot: JSON.parse(row.snapshot) as ReportSnapshot };
}, 300_000);

/** The linked programmes table's row for `code`: its cells as inlines. */
function linkedRow(doc: ReportDocument, code: string): DocInline[][] {
	const column = translate(doc.lang, 'donorDoc.col.programme');
	const tables: DocTable[] = [];
	for (const s of doc.sections) for (const e of s.evidence) for (const b of e.blocks) if (b.type === 'table') tables.push(b.table);
	const table = tables.find((t) => t.columns.some((c) => c.label === column));
	expect(table, 'the linked programmes table').toBeDefined();
	const row = table!.rows.find((r) => r.type === 'row' && inlineText(r.cells[0]!) === code);
	expect(row, `the row of ${code}`).toBeDefined();
	return row!.type === 'row' ? row!.cells : [];
}

const marked = (cell: DocInline[]) => cell.some((i) => i.type === 'mark' && i.text === '(es)');

describe('the TCPR linked programmes in English', () => {
	it('print the other programme’s title and donor in English where translated, unmarked', async () => {
		const ecuador = (await getProgrammeBySlug(db, 'ecuador-desempleo-ue'))!;
		const donorEn = await db
			.selectFrom('translation')
			.select('text')
			.where('entity', '=', 'programme')
			.where('entity_id', '=', ecuador.id)
			.where('field', '=', 'donor')
			.where('locale', '=', 'en')
			.executeTakeFirst();
		const [, name, donor] = linkedRow(composeReport(patssTcpr.snapshot, 'en'), ecuador.code);
		expect(inlineText(name!)).toBe(englishTexts['ecuador-desempleo-ue']!.programme.title);
		expect(marked(name!)).toBe(false);
		if (donorEn) {
			expect(inlineText(donor!)).toBe(donorEn.text);
			expect(marked(donor!)).toBe(false);
		} else {
			expect(inlineText(donor!)).toBe(`${ecuador.donor} (es)`);
		}
		// Spanish prints the originals, unmarked.
		const [, nameEs, donorEs] = linkedRow(composeReport(patssTcpr.snapshot, 'es'), ecuador.code);
		expect(inlineText(nameEs!)).toBe(ecuador.title);
		expect(inlineText(donorEs!)).toBe(ecuador.donor);
		expect(marked(nameEs!) || marked(donorEs!)).toBe(false);
	});

	it('print the original marked "(es)" where there is no translation, and list it among the texts without one', async () => {
		const ecuador = (await getProgrammeBySlug(db, 'ecuador-desempleo-ue'))!;
		await db
			.deleteFrom('translation')
			.where('entity', '=', 'programme')
			.where('entity_id', '=', ecuador.id)
			.where('field', 'in', ['title', 'donor'])
			.execute();
		const patss = (await getProgrammeBySlug(db, 'patss'))!;
		const doc = composeReport(await draftSnapshot(db, patss, patssTcpr.id, 'http://localhost:3000'), 'en');
		const [, name, donor] = linkedRow(doc, ecuador.code);
		expect(inlineText(name!)).toBe(`${ecuador.title} (es)`);
		expect(marked(name!)).toBe(true);
		expect(inlineText(donor!)).toBe(`${ecuador.donor} (es)`);
		expect(marked(donor!)).toBe(true);
		expect(doc.missingTranslations.map((m) => m.original)).toEqual(expect.arrayContaining([ecuador.title, ecuador.donor]));
	});

	it('print a snapshot frozen before the translations with the short name and donor marked', () => {
		const old = structuredClone(patssTcpr.snapshot);
		for (const l of old.donor!.linkedProgrammes) {
			delete l.titleText;
			delete l.donorText;
		}
		const row = old.donor!.linkedProgrammes[0]!;
		const [, name, donor] = linkedRow(composeReport(old, 'en'), row.code);
		expect(inlineText(name!)).toBe(`${row.shortName} (es)`);
		expect(inlineText(donor!)).toBe(`${row.donor} (es)`);
	});
});
