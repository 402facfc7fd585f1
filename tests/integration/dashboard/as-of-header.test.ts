import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import type { Dashboard } from '$lib/server/dashboard/dashboard';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { seedReports } from '../../../seed/reports';
import { load } from '../../../src/routes/programmes/[slug]/dashboard/+page.server';
import { loadAs } from '../../helpers/actions';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers } from '../../helpers/reports';

// Review 4, F26: the dashboard "as of 30 Jun 2020" printed, in its header, "data as of 7 Dec 2026"
// (the last approval ever), the last issued report as a correction made in 2026, and "last ended
// period: 2019-S2" although 2020-S1 ends on 30 Jun 2020. Every header fact is now as of the date:
// the last approval on or before it, the last issue on or before it, a period ending on it ended.

let db: Db;
let programmeId: number;
let issuedOn: string;

beforeAll(async () => {
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-dashboard-as-of-'));
	db = await freshDatabase({ demoAccounts: true });
	await seedReports(db, fakeRenderers);
	programmeId = (await getProgrammeBySlug(db, 'patss'))!.id;
	const issue = await db
		.selectFrom('report_issue')
		.innerJoin('report', 'report.id', 'report_issue.report_id')
		.select('report_issue.issued_at')
		.where('report.programme_id', '=', programmeId)
		.executeTakeFirstOrThrow();
	issuedOn = issue.issued_at.slice(0, 10);
}, 300_000);

async function dashboardAsOf(asOf: string): Promise<Dashboard> {
	const r = await loadAs<{ dashboard: Dashboard; asOfQuery: { asOf: string | null } }>(db, load, 'donor.iess@avance.test', {
		params: { slug: 'patss' },
		url: `http://localhost/programmes/patss/dashboard?asOf=${asOf}`
	});
	if (r.kind !== 'value') throw new Error(JSON.stringify(r));
	expect(r.value.asOfQuery.asOf).toBe(asOf);
	return r.value.dashboard;
}

/** The last approval on or before the end of `day`, of a value of a period ended by then, read straight from the table. */
async function lastApprovalBy(day: string): Promise<string | null> {
	const rows = await db
		.selectFrom('indicator_value')
		.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
		.innerJoin('reporting_period', 'reporting_period.id', 'indicator_value.period_id')
		.select(['indicator_value.reviewed_at', 'reporting_period.end_date'])
		.where('indicator.programme_id', '=', programmeId)
		.where('indicator_value.status', '=', 'approved')
		.execute();
	const by = rows
		.filter((r) => r.end_date <= day && r.reviewed_at !== null && r.reviewed_at.slice(0, 10) <= day)
		.map((r) => r.reviewed_at!)
		.sort();
	return by.at(-1)?.slice(0, 10) ?? null;
}

describe('the dashboard header as of a date', () => {
	it('counts the period ending on the date as ended', async () => {
		const dashboard = await dashboardAsOf('2020-06-30');
		expect(dashboard.completeness.lastEndedPeriod).toBe('2020-S1');
		expect((await dashboardAsOf('2020-06-29')).completeness.lastEndedPeriod).toBe('2019-S2');
	});

	it('gives the last approval made by then as "data as of"', async () => {
		const dashboard = await dashboardAsOf('2020-06-30');
		const expected = await lastApprovalBy('2020-06-30');
		expect(expected).not.toBeNull();
		expect(dashboard.header.dataAsOf).toBe(expected);
		expect(dashboard.header.dataAsOf! <= '2020-06-30').toBe(true);
	});

	it('links the last report issued by then, and none before the first issue', async () => {
		const reportLinks = (d: Dashboard) => d.header.links.filter((l) => l.kind === 'report');
		expect(reportLinks(await dashboardAsOf('2020-06-30'))).toEqual([]);
		const dayBefore = new Date(Date.parse(`${issuedOn}T00:00:00Z`) - 24 * 3600_000).toISOString().slice(0, 10);
		expect(reportLinks(await dashboardAsOf(dayBefore))).toEqual([]);
		const onTheDay = reportLinks(await dashboardAsOf(issuedOn));
		expect(onTheDay).toHaveLength(1);
		expect(onTheDay[0]!.href).toMatch(/\/programmes\/patss\/reports\/\d+#issue-1$/);
	});
});
