import { describe, expect, it } from 'vitest';
import { seedDatabase } from '../../../seed/index';
import { freshDatabase } from '../../helpers/db';
import { fakeRenderers } from '../../helpers/reports';

// The demo seed replays history through the real workflow (approvals, issued PATSS and donor
// reports), and that workflow writes notices with its events. Nobody is to be mailed about a
// seeded past: a freshly seeded demo database has an empty outbox (issue 23, reviewer defect 5:
// the seeded issues queued "report issued" notices with links to http://localhost:3000). The
// reports are issued through the real path (job, snapshot, issue, notices) with the quick
// renderers: the files are not what this test looks at.

describe('the demo seed and the outbox', () => {
	it('seeds the issued reports and their history without queueing a single notice', async () => {
		const db = await freshDatabase({ demoAccounts: true });
		await seedDatabase(db, { demoAccounts: true, reports: true, renderers: fakeRenderers });
		const issues = await db.selectFrom('report_issue').select('id').execute();
		expect(issues.length).toBeGreaterThan(0);
		const approved = await db.selectFrom('audit_log').select('id').where('action', '=', 'issue').execute();
		expect(approved.length).toBe(issues.length);
		const queued = await db.selectFrom('notification').select(['kind', 'recipient', 'link']).execute();
		expect(queued).toEqual([]);
	}, 300_000);
});
