import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Programme } from '$lib/model';
import type { Db } from '$lib/server/db/connection';
import { activitySchema, updateActivity } from '$lib/server/programmes/logframe';
import { getProgrammeBySlug, toActivity } from '$lib/server/programmes/programmes';
import { draftSnapshot } from '$lib/server/reports/reports';
import { seedDonorReports } from '../../../seed/donor-reports';
import { seedReports } from '../../../seed/reports';
import { freshDatabase, userId } from '../../helpers/db';
import { fakeRenderers, writtenReport } from '../../helpers/reports';

// Review 4, F2 addendum: the seeded PATSS TCPR (cut-off 30 Jun 2020) printed "Delayed (70 %)", the
// progress typed today. At a past cut-off an activity's progress % comes from its dated history,
// or from a record written by then; the seeded activities have neither, so the issued reports
// print their status only — and a change made today is undone to the % recorded before it.

let db: Db;

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-progress-at-'));
	db = await freshDatabase({ demoAccounts: true });
	await seedReports(db, fakeRenderers);
	expect(await seedDonorReports(db, fakeRenderers)).toBe(true);
}, 300_000);

describe('an activity’s progress at a past cut-off', () => {
	it('is not printed from today in any seeded issue: status only, 100 % for the completed', async () => {
		const issues = await db.selectFrom('report_issue').select(['report_id', 'snapshot']).orderBy('id').execute();
		expect(issues.length).toBeGreaterThanOrEqual(5);
		let unfinished = 0;
		for (const issue of issues) {
			const snapshot = JSON.parse(issue.snapshot) as ReportSnapshot;
			for (const a of snapshot.activities) {
				if (a.status === 'completed') expect(a.progress, `${issue.report_id} ${a.code}`).toBe(100);
				else {
					expect(a.progress, `${issue.report_id} ${a.code} ${a.status}`).toBeNull();
					unfinished += 1;
				}
			}
		}
		expect(unfinished).toBeGreaterThan(0);
	});

	it('is the % recorded before a change made after the cut-off', async () => {
		const patss = (await getProgrammeBySlug(db, 'patss')) as Programme;
		const rows = await db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.selectAll('activity')
			.where('module.programme_id', '=', patss.id)
			.where('activity.status', 'in', ['ongoing', 'delayed'])
			.where('activity.actual_start', '<=', '2021-06-30')
			.orderBy('activity.id')
			.execute();
		const row = rows[0]!;
		const before = row.progress;
		const activity = toActivity(row);
		const admin = { id: await userId(db, 'admin@avance.test'), name: 'Ana Administradora' };
		await updateActivity(
			db,
			admin,
			patss,
			activity.id,
			activity.version,
			activitySchema.parse({
				...activity,
				outputId: String(activity.outputId),
				plannedStart: activity.plannedStart ?? '',
				plannedEnd: activity.plannedEnd ?? '',
				actualStart: activity.actualStart ?? '',
				actualEnd: activity.actualEnd ?? '',
				progress: String(before === 95 ? 90 : 95)
			})
		);
		const periods = (await db.selectFrom('reporting_period').select(['id', 'label']).where('programme_id', '=', patss.id).execute()).filter(
			(p) => ['2021-S1'].includes(p.label)
		);
		const evaluator = { id: await userId(db, 'evaluator@avance.test'), name: 'Elena Evaluadora' };
		const id = await writtenReport(
			db,
			evaluator,
			patss,
			periods.map((p) => p.id)
		);
		const snapshot = await draftSnapshot(db, patss, id, 'https://avance.example.org');
		expect(snapshot.report.cutOff < new Date().toISOString().slice(0, 10)).toBe(true);
		const at = snapshot.activities.find((a) => a.id === row.id)!;
		expect(at.status === 'ongoing' || at.status === 'delayed').toBe(true);
		expect(at.progress).toBe(before);
	});
});
