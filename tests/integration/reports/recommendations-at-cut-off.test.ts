import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Db } from '$lib/server/db/connection';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { loadTracker } from '$lib/server/recommendations/tracker';
import { seedDonorReports } from '../../../seed/donor-reports';
import { seedReports } from '../../../seed/reports';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers } from '../../helpers/reports';

// Recheck of issue 19 (finding 1): the PATSS reports with a cut-off of 30 Jun 2020 listed all 45
// recommendations, though only 8 had been made by then (CAL-01 is from the final evaluation of
// March 2022), with their key actions of 2023–2025, and an adoption rate diluted by them. A report,
// and the dashboard "as of" a date, hold the recommendations made by that date.

let db: Db;

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-recommendations-cut-off-'));
	db = await freshDatabase({ demoAccounts: true });
	await seedReports(db, fakeRenderers);
	expect(await seedDonorReports(db, fakeRenderers)).toBe(true);
}, 300_000);

/** The codes of a programme's recommendations made by `day` (or undated), from the table itself. */
async function madeBy(programmeId: number, day: string): Promise<string[]> {
	const rows = await db.selectFrom('recommendation').select(['code', 'issued_on']).where('programme_id', '=', programmeId).execute();
	return rows
		.filter((r) => r.issued_on === null || r.issued_on <= day)
		.map((r) => r.code)
		.sort();
}

describe('recommendations at a cut-off', () => {
	it('every seeded issue holds the recommendations made by its cut-off, and no later one', async () => {
		const issues = await db
			.selectFrom('report_issue')
			.innerJoin('report', 'report.id', 'report_issue.report_id')
			.select(['report_issue.snapshot', 'report.programme_id'])
			.execute();
		expect(issues.length).toBeGreaterThan(3);
		let fewer = 0;
		for (const issue of issues) {
			const snapshot = JSON.parse(issue.snapshot) as ReportSnapshot;
			const expected = await madeBy(issue.programme_id, snapshot.report.cutOff);
			expect(snapshot.recommendations.map((r) => r.code).sort()).toEqual(expected);
			const all = await db.selectFrom('recommendation').select('id').where('programme_id', '=', issue.programme_id).execute();
			if (expected.length < all.length) fewer++;
		}
		// The seed has recommendations made after some issue's cut-off (PATSS's final evaluation).
		expect(fewer).toBeGreaterThan(0);
	});

	it('the tracker rewound to 30 Jun 2020 counts the PATSS recommendations made by then', async () => {
		const patss = (await getProgrammeBySlug(db, 'patss'))!;
		const expected = await madeBy(patss.id, '2020-06-30');
		const tracker = await loadTracker(db, patss, { internal: false }, { asOf: '2020-06-30', rewind: true });
		expect(tracker.total).toBe(expected.length);
		expect(tracker.rows.map((r) => r.code).sort()).toEqual(expected);
		const today = await loadTracker(db, patss, { internal: false });
		expect(today.total).toBeGreaterThan(tracker.total);
	});
});
