import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Db } from '$lib/server/db/connection';
import { seedDonorReports } from '../../../seed/donor-reports';
import { seedReports } from '../../../seed/reports';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers } from '../../helpers/reports';

// Review 4: the donor-format issues the seed makes link to the instance's public address
// (ORIGIN) like the PATSS report's, not to http://localhost:3000 whatever the server; and they are
// issued in date order, so each one's "what changed since the last issue" compares with the
// programme's issue before it (the PATSS TCPR with the OECD-DAC report of 15 Sept 2020).

const ORIGIN = 'https://avance.example.org';
let db: Db;

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-donor-links-'));
	db = await freshDatabase({ demoAccounts: true });
	process.env.ORIGIN = ORIGIN;
	try {
		await seedReports(db, fakeRenderers);
		expect(await seedDonorReports(db, fakeRenderers)).toBe(true);
	} finally {
		delete process.env.ORIGIN;
	}
}, 300_000);

const issues = () =>
	db
		.selectFrom('report_issue')
		.innerJoin('report', 'report.id', 'report_issue.report_id')
		.innerJoin('programme', 'programme.id', 'report.programme_id')
		.select([
			'programme.slug',
			'report.layout',
			'report_issue.snapshot',
			'report_issue.issued_at',
			'report.id as report_id',
			'report_issue.snapshot_sha256'
		])
		.orderBy('report_issue.id')
		.execute();

describe('the seeded donor-format issues', () => {
	it('freeze the public address as every issue’s origin', async () => {
		const rows = await issues();
		expect(rows.length).toBeGreaterThanOrEqual(5);
		for (const row of rows) expect((JSON.parse(row.snapshot) as ReportSnapshot).report.origin, `${row.slug} ${row.layout}`).toBe(ORIGIN);
	});

	it('are issued in date order: the PATSS TCPR compares with the OECD-DAC report issued before it', async () => {
		const rows = (await issues()).filter((r) => r.slug === 'patss');
		const dac = rows.find((r) => r.layout === 'oecd_dac')!;
		const tcpr = rows.find((r) => r.layout === 'ilo_tcpr')!;
		expect(tcpr.issued_at > dac.issued_at).toBe(true);
		const since = (JSON.parse(tcpr.snapshot) as ReportSnapshot).changes.since;
		expect(since?.reportId).toBe(dac.report_id);
		expect(since?.issueNumber).toBe(1);
		// One chain in date order: the TCPR's predecessor is the OECD-DAC issue, which has none.
		expect((JSON.parse(tcpr.snapshot) as ReportSnapshot).report.previousHash).toBe(dac.snapshot_sha256);
		expect((JSON.parse(dac.snapshot) as ReportSnapshot).report.previousHash).toBeNull();
	});
});
