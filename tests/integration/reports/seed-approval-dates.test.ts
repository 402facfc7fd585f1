import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '$lib/reports/canonical-json';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Db } from '$lib/server/db/connection';
import { seedDonorReports } from '../../../seed/donor-reports';
import { seedReports } from '../../../seed/reports';
import { APPROVED_AFTER_DAYS, SUBMITTED_AFTER_DAYS } from '../../../seed/value-dates';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers } from '../../helpers/reports';

// Review 4, F3: the demo seed stamped every approval with the seeding clock, so the issued 2020
// PATSS report's "records cited" annex named approvals of 2026. Each seeded value is now submitted
// and approved on its period's own timeline: after the period ended, before any seeded report that
// cites it was issued, never in the future; and the seeded issues still verify.

let db: Db;
const DAY = 24 * 3600_000;

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-approval-dates-'));
	db = await freshDatabase({ demoAccounts: true });
	await seedReports(db, fakeRenderers);
	expect(await seedDonorReports(db, fakeRenderers)).toBe(true);
}, 300_000);

describe('the seeded approvals', () => {
	it('are dated weeks after their period ended, never in the future', async () => {
		const values = await db
			.selectFrom('indicator_value')
			.innerJoin('reporting_period', 'reporting_period.id', 'indicator_value.period_id')
			.select(['indicator_value.id', 'indicator_value.submitted_at', 'indicator_value.reviewed_at', 'reporting_period.end_date'])
			.where('indicator_value.status', '=', 'approved')
			.orderBy('indicator_value.id')
			.execute();
		expect(values.length).toBeGreaterThan(50);
		const now = Date.now();
		for (const v of values) {
			const end = Date.parse(`${v.end_date}T00:00:00.000Z`);
			const reviewed = Date.parse(v.reviewed_at!);
			const submitted = Date.parse(v.submitted_at!);
			expect(reviewed, `value ${v.id}`).toBeLessThanOrEqual(now);
			expect(submitted, `value ${v.id}`).toBeLessThanOrEqual(reviewed);
			// Every seeded period ended long ago: the approval falls on the period's own timeline.
			expect(reviewed - end, `value ${v.id} approved ${v.reviewed_at} for a period ending ${v.end_date}`).toBeGreaterThanOrEqual(
				APPROVED_AFTER_DAYS * DAY
			);
			expect(reviewed - end, `value ${v.id}`).toBeLessThan((APPROVED_AFTER_DAYS + 1) * DAY);
			expect(submitted - end, `value ${v.id}`).toBeGreaterThanOrEqual(SUBMITTED_AFTER_DAYS * DAY);
		}
	});

	it('predate every seeded issue that cites them, and the issues still verify', async () => {
		const issues = await db
			.selectFrom('report_issue')
			.select(['report_id', 'number', 'issued_at', 'snapshot', 'snapshot_sha256'])
			.orderBy('id')
			.execute();
		expect(issues.length).toBeGreaterThanOrEqual(5);
		let cited = 0;
		for (const issue of issues) {
			expect(createHash('sha256').update(issue.snapshot).digest('hex')).toBe(issue.snapshot_sha256);
			const snapshot = JSON.parse(issue.snapshot) as ReportSnapshot;
			expect(canonicalJson(snapshot)).toBe(issue.snapshot);
			for (const record of Object.values(snapshot.records)) {
				// A derived indicator's figure is counted, not entered: it has no approval to date.
				if (record.kind !== 'value' || record.approvedAt === null) continue;
				expect(Date.parse(record.approvedAt!), `${record.key} in report ${issue.report_id} issued ${issue.issued_at}`).toBeLessThan(
					Date.parse(issue.issued_at)
				);
				cited += 1;
			}
		}
		expect(cited).toBeGreaterThan(20);
	});
});
