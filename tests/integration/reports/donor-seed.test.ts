import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeReport } from '$lib/reports/compose';
import { defaultLayout } from '$lib/reports/outline';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Db } from '$lib/server/db/connection';
import { seedDonorReports } from '../../../seed/donor-reports';
import { seedReports } from '../../../seed/reports';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers } from '../../helpers/reports';

// The seeded donor-format reports (issue 21): each of the four programmes has one report issued
// in its donor's layout, in Spanish and English, through the real issue path; Peru has a draft
// to finish. Stand-in renderers keep this file fast (the browser template uses the real ones).

let db: Db;

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-donor-seed-'));
	db = await freshDatabase({ demoAccounts: true });
	await seedReports(db, fakeRenderers);
	expect(await seedDonorReports(db, fakeRenderers)).toBe(true);
}, 300_000);

describe('the seeded donor-format reports', () => {
	it('give every programme one issued report in its donor’s layout, in es and en, and Peru a draft', async () => {
		const rows = await db
			.selectFrom('report')
			.innerJoin('programme', 'programme.id', 'report.programme_id')
			.select(['programme.slug', 'programme.funding_modality', 'report.layout', 'report.status', 'report.languages', 'report.id'])
			.execute();
		for (const slug of ['patss', 'el-salvador-pps', 'peru-desempleo-ue', 'ecuador-desempleo-ue']) {
			const own = rows.filter((r) => r.slug === slug && r.layout === defaultLayout(r.funding_modality) && r.status === 'issued');
			expect(own, slug).toHaveLength(1);
			expect(JSON.parse(own[0]!.languages)).toEqual(['es', 'en']);
			const issue = await db.selectFrom('report_issue').select('snapshot').where('report_id', '=', own[0]!.id).executeTakeFirstOrThrow();
			const snapshot = JSON.parse(issue.snapshot) as ReportSnapshot;
			for (const lang of ['es', 'en'] as const) {
				const doc = composeReport(snapshot, lang);
				expect(
					doc.sections.every((s) => !s.narrativeMissing),
					`${slug} ${lang}`
				).toBe(true);
			}
		}
		expect(rows.filter((r) => r.slug === 'peru-desempleo-ue' && r.status === 'draft')).toHaveLength(1);
		// Idempotent: a second run adds nothing.
		expect(await seedDonorReports(db, fakeRenderers)).toBe(false);
	});

	it('prints the documented donor facts and flags what is illustrative', async () => {
		const salvador = await db
			.selectFrom('report_issue')
			.innerJoin('report', 'report.id', 'report_issue.report_id')
			.innerJoin('programme', 'programme.id', 'report.programme_id')
			.select('report_issue.snapshot')
			.where('programme.slug', '=', 'el-salvador-pps')
			.executeTakeFirstOrThrow();
		const doc = composeReport(JSON.parse(salvador.snapshot) as ReportSnapshot, 'en');
		expect(JSON.stringify(doc.sections[0])).toContain('SLV/16/03/RBS');
		expect(JSON.stringify(doc.sections)).toContain('Illustrative: not stated in the source documents');
	});

	it('give each seeded TCPR its own narrative per outcome, in es and en, printed under each module', async () => {
		const rows = await db
			.selectFrom('report_issue')
			.innerJoin('report', 'report.id', 'report_issue.report_id')
			.innerJoin('programme', 'programme.id', 'report.programme_id')
			.select(['programme.slug', 'report_issue.snapshot'])
			.where('report.layout', '=', 'ilo_tcpr')
			.execute();
		expect(rows.map((r) => r.slug).sort()).toEqual(['el-salvador-pps', 'patss']);
		for (const r of rows) {
			const snapshot = JSON.parse(r.snapshot) as ReportSnapshot;
			const outcomes = snapshot.donor?.outcomes ?? [];
			expect(outcomes.map((o) => o.moduleKey)).toEqual(snapshot.modules.map((m) => m.key));
			for (const o of outcomes)
				for (const lang of ['es', 'en'] as const) expect(o.narrative[lang]?.trim(), `${r.slug} ${o.moduleKey}`).toBeTruthy();
			// Each module's words are its own.
			expect(new Set(outcomes.map((o) => o.narrative.en)).size).toBe(outcomes.length);
			const doc = JSON.stringify(composeReport(snapshot, 'en').sections.find((s) => s.key === 'outcome_progress'));
			for (const o of outcomes) expect(doc).toContain(o.narrative.en!.replace(/"/g, '\\"').slice(0, 40));
		}
	});
});
