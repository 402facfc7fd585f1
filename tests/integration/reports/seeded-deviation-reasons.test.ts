import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import { inlineText, type DocBlock, type DocTable, type ReportDocument } from '$lib/reports/document';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import { translate } from '$lib/i18n/translate';
import type { Locale } from '$lib/model';
import type { Db } from '$lib/server/db/connection';
import { draftSnapshot } from '$lib/server/reports/reports';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { DEVIATION_REASONS } from '../../../seed/deviation-reasons';
import { seedDonorReports } from '../../../seed/donor-reports';
import { seedReports } from '../../../seed/reports';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers } from '../../helpers/reports';

// Issue 21: the TCPR prints each outcome's activities planned against done with the reason for each
// deviation, the EU narrative the activities modified with their reasons. The seed gave no activity
// a reason, so the seeded reports printed "Deviation with no reason recorded" (the Peru draft's
// 1.2.2) or a bare dash beside activities that ended late. Now every activity late at a seeded
// report's cut-off has its reason (seed/deviation-reasons.ts), set before the reports are issued,
// so the frozen issues print it, in Spanish and, from the translation table, in English.

let db: Db;
type Issued = { slug: string; layout: string; snapshot: ReportSnapshot };
let issued: Issued[];

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-deviations-'));
	db = await freshDatabase({ demoAccounts: true });
	await seedReports(db, fakeRenderers);
	await seedDonorReports(db, fakeRenderers);
	const rows = await db
		.selectFrom('report_issue')
		.innerJoin('report', 'report.id', 'report_issue.report_id')
		.innerJoin('programme', 'programme.id', 'report.programme_id')
		.select(['programme.slug', 'report.layout', 'report_issue.snapshot'])
		.orderBy('report_issue.id')
		.execute();
	issued = rows.map((r) => ({ slug: r.slug, layout: r.layout, snapshot: JSON.parse(r.snapshot) as ReportSnapshot }));
	// The seeded drafts too, as their preview shows them (the report's own window and cut-off).
	const drafts = await db
		.selectFrom('report')
		.innerJoin('programme', 'programme.id', 'report.programme_id')
		.select(['report.id', 'programme.slug', 'report.layout'])
		.where('report.status', '=', 'draft')
		.orderBy('report.id')
		.execute();
	for (const d of drafts) {
		const programme = (await getProgrammeBySlug(db, d.slug))!;
		issued.push({ slug: `${d.slug} draft`, layout: d.layout, snapshot: await draftSnapshot(db, programme, d.id, 'http://x') });
	}
}, 300_000);

function tables(doc: ReportDocument): DocTable[] {
	const out: DocTable[] = [];
	const walk = (blocks: DocBlock[]) => {
		for (const b of blocks) if (b.type === 'table') out.push(b.table);
	};
	for (const s of doc.sections) {
		walk(s.narrative);
		for (const e of s.evidence) walk(e.blocks);
	}
	for (const a of doc.annexes) walk(a.blocks);
	return out;
}

const LANGS: Locale[] = ['es', 'en'];

/** The rows of the tables with a "reason for the deviation" column, as text. */
function deviationRows(doc: ReportDocument, lang: Locale): string[][] {
	const column = translate(lang, 'donorDoc.col.deviation');
	return tables(doc)
		.filter((t) => t.columns.some((c) => c.label === column))
		.flatMap((t) => t.rows.flatMap((r) => (r.type === 'row' ? [r.cells.map((c) => inlineText(c))] : [])));
}

const late = (i: Issued) => i.snapshot.activities.filter((a) => !a.onTime && a.status !== 'cancelled');

describe('the seeded reports and the reasons for their deviations (issue 21)', () => {
	it('have activities off their plan at their cut-offs (else this test would check nothing)', () => {
		expect(issued.filter((i) => !i.slug.endsWith(' draft') && late(i).length > 0).map((i) => i.slug)).toEqual(
			expect.arrayContaining(['patss', 'el-salvador-pps'])
		);
		expect(issued.some((i) => i.slug.endsWith(' draft') && late(i).some((a) => a.status === 'delayed'))).toBe(true);
	});

	it('give every activity late at the cut-off its reason, issued or draft', () => {
		for (const i of issued) {
			const reasons = new Set((i.snapshot.donor?.deviations ?? []).map((d) => d.activityKey));
			const missing = late(i)
				.filter((a) => !reasons.has(a.key))
				.map((a) => a.code);
			expect(missing, `${i.slug} ${i.layout}`).toEqual([]);
		}
	});

	it('never print "Deviation with no reason recorded", and print each reason in the reader\'s language, unmarked', () => {
		for (const lang of LANGS) {
			const noReason = translate(lang, 'donorDoc.noReason');
			for (const i of issued) {
				if (i.layout === 'oecd_dac') continue;
				const rows = deviationRows(composeReport(i.snapshot, lang), lang);
				expect(
					rows.filter((r) => r.includes(noReason)).map((r) => r[0]),
					`${i.slug} ${lang}`
				).toEqual([]);
				const slug = i.slug.replace(/ draft$/, '');
				for (const a of late(i)) {
					const row = rows.find((r) => r[0] === a.code);
					expect(row, `${i.slug} ${a.code} ${lang}`).toBeDefined();
					expect(row!.at(-1), `${i.slug} ${a.code} ${lang}`).toBe(DEVIATION_REASONS[slug]![a.code]![lang]);
				}
			}
		}
	});

	it('print the documented reasons where the seed documents give them (PATSS: October 2019, COVID-19, IESS authorities)', () => {
		const patss = issued.find((i) => i.slug === 'patss' && i.layout === 'ilo_tcpr')!;
		const rows = deviationRows(composeReport(patss.snapshot, 'en'), 'en');
		expect(rows.find((r) => r[0] === '1.3.2')!.at(-1)).toContain('October 2019');
		expect(rows.find((r) => r[0] === '3.1.1')!.at(-1)).toContain('COVID-19');
		expect(rows.filter((r) => r.at(-1)!.includes('(Illustrative')).length).toBeLessThan(late(patss).length / 2);
	});
});
