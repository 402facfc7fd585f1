import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '$lib/reports/canonical-json';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Db } from '$lib/server/db/connection';
import { issueFile } from '$lib/server/reports/issue';
import { seedReports } from '../../../seed/reports';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers } from '../../helpers/reports';

// The seeded PATSS reports: one issued through the real issue path (its hash, files and locked
// periods), one draft for a later period. The real PDF and DOCX renderers take seconds per file on
// a loaded machine, so this file seeds with stand-in renderers; the browser tests' template
// database is seeded with the real ones and downloads their files.

let db: Db;
let seedMs: number;

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-seed-reports-'));
	db = await freshDatabase({ demoAccounts: true });
	const started = performance.now();
	await seedReports(db, fakeRenderers);
	seedMs = performance.now() - started;
});

describe('the seeded reports', () => {
	it('issue one PATSS report with real files and leave one draft', async () => {
		const reports = await db
			.selectFrom('report')
			.innerJoin('programme', 'programme.id', 'report.programme_id')
			.select(['report.id', 'report.status', 'report.title_en', 'programme.id as programme_id'])
			.where('programme.slug', '=', 'patss')
			.orderBy('report.id')
			.execute();
		expect(reports.map((r) => r.status)).toEqual(['issued', 'draft']);
		const issue = await db.selectFrom('report_issue').selectAll().where('report_id', '=', reports[0]!.id).executeTakeFirstOrThrow();
		expect(createHash('sha256').update(issue.snapshot).digest('hex')).toBe(issue.snapshot_sha256);
		const snapshot = JSON.parse(issue.snapshot) as ReportSnapshot;
		expect(canonicalJson(snapshot)).toBe(issue.snapshot);
		expect(snapshot.report.periods.map((p) => p.label)).toEqual(['2018-S2', '2019-S1', '2019-S2', '2020-S1']);
		expect(snapshot.sections.find((s) => s.key === 'relevance')?.justification.en).toContain('Illustrative rating');
		for (const lang of ['es', 'en'] as const) {
			const pdf = await issueFile(db, reports[0]!.programme_id, reports[0]!.id, 1, lang, 'pdf');
			expect(new TextDecoder('latin1').decode(pdf.bytes.subarray(0, 4))).toBe('%PDF');
			expect(createHash('sha256').update(pdf.bytes).digest('hex')).toBe(pdf.sha256);
			const docx = await issueFile(db, reports[0]!.programme_id, reports[0]!.id, 1, lang, 'docx');
			expect(createHash('sha256').update(docx.bytes).digest('hex')).toBe(docx.sha256);
		}
		const locked = await db
			.selectFrom('reporting_period')
			.select('label')
			.where('programme_id', '=', reports[0]!.programme_id)
			.where('locked', '=', 1)
			.orderBy('start_date')
			.execute();
		expect(locked.map((p) => p.label)).toEqual(['2018-S2', '2019-S1', '2019-S2', '2020-S1']);
	});

	it('say only what was true at the cut-off: no activity, gender action or key action completed after it', async () => {
		const issue = await db
			.selectFrom('report_issue')
			.innerJoin('report', 'report.id', 'report_issue.report_id')
			.innerJoin('programme', 'programme.id', 'report.programme_id')
			.select(['report_issue.snapshot', 'programme.id as programme_id'])
			.where('programme.slug', '=', 'patss')
			.executeTakeFirstOrThrow();
		const snapshot = JSON.parse(issue.snapshot) as ReportSnapshot;
		const cutOff = snapshot.report.cutOff;
		expect(cutOff).toBe('2020-06-30');
		for (const a of snapshot.activities) {
			if (a.actualEnd !== null) expect(a.actualEnd <= cutOff, a.code).toBe(true);
			if (a.actualStart !== null) expect(a.actualStart <= cutOff, a.code).toBe(true);
			if (a.status === 'completed') expect(a.actualEnd === null || a.actualEnd <= cutOff, a.code).toBe(true);
			// Not due to start until after the cut-off (2.4.1 and 5.1.2 start in January 2021): neither
			// delayed nor under way then, whatever today's record says.
			if (a.actualStart === null && a.plannedStart !== null && a.plannedStart > cutOff) expect(a.status, a.code).toBe('planned');
		}
		expect(snapshot.activities.some((a) => a.plannedStart !== null && a.plannedStart > cutOff)).toBe(true);
		// Today's records do hold completions after the cut-off (1.4.1 ended in October 2021)…
		const later = await db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['activity.code', 'activity.actual_end'])
			.where('module.programme_id', '=', issue.programme_id)
			.where('activity.status', '=', 'completed')
			.where('activity.actual_end', '>', cutOff)
			.execute();
		expect(later.length).toBeGreaterThan(0);
		// …and the report prints none of them as completed, nor counts them.
		const byCode = new Map(snapshot.activities.map((a) => [a.code, a]));
		for (const row of later) expect(byCode.get(row.code)?.status, row.code).not.toBe('completed');
		expect(snapshot.figures.activities.completed).toBe(snapshot.activities.filter((a) => a.status === 'completed').length);
		expect(snapshot.figures.activities.completed).toBeLessThan(snapshot.activities.length - later.length + 1);
		const dueLater = await db
			.selectFrom('gender_action')
			.select(['id'])
			.where('programme_id', '=', issue.programme_id)
			.where('status', '=', 'completed')
			.where('due_date', '>', cutOff)
			.execute();
		const genderById = new Map(snapshot.genderActions.map((g) => [g.id, g]));
		for (const g of dueLater) expect(genderById.get(g.id)?.status).not.toBe('completed');
	});

	it('is idempotent and fast enough for tests', async () => {
		expect(await seedReports(db, fakeRenderers)).toBe(false);
		expect(await db.selectFrom('report_issue').select('id').execute()).toHaveLength(1);
		// Writing the sections and issuing (without the renderers' own time).
		expect(seedMs).toBeLessThan(5_000);
	});
});
