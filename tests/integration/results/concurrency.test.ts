import { describe, expect, it } from 'vitest';
import { openConfigured } from '$lib/server/db/connection';
import { ConflictError } from '$lib/server/core/errors';
import { approveValue } from '$lib/server/results/values';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { testingOnPostgres } from '../../helpers/postgres';

// Several app processes on one PostgreSQL database: each has its own pool, and the optimistic
// version check and the one-approved-value rule still let exactly one of two simultaneous
// approvals through; the other is told the value changed (409), never a 500 nor two approvals.

describe.runIf(testingOnPostgres())('two app processes approving the same value at once', () => {
	it('lets one approval through and refuses the other as a conflict', async () => {
		const db = await freshDatabase({ seed: true, demoAccounts: true });
		const patss = await seeded(db, 'patss');
		const pending = await db
			.selectFrom('indicator_value')
			.select(['id', 'version', 'period_id'])
			.where('indicator_id', '=', patss.indicatorId('4.2-1'))
			.where('status', '=', 'submitted')
			.executeTakeFirstOrThrow();
		const reviewer = { id: await userId(db, 'coord2.patss@avance.test') };
		const processes = [openConfigured(), openConfigured()];
		try {
			const outcomes = await Promise.allSettled(
				processes.map((p) => approveValue(p, reviewer, patss.programme, pending.id, pending.version))
			);
			expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
			const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
			expect(refused.reason).toBeInstanceOf(ConflictError);
		} finally {
			for (const p of processes) await p.destroy();
		}
		const rows = await db
			.selectFrom('indicator_value')
			.select(['id', 'status'])
			.where('indicator_id', '=', patss.indicatorId('4.2-1'))
			.where('period_id', '=', pending.period_id)
			.execute();
		expect(rows.filter((r) => r.status === 'approved').map((r) => r.id)).toEqual([pending.id]);
		const audits = await db
			.selectFrom('audit_log')
			.select('id')
			.where('entity', '=', 'indicator_value')
			.where('entity_id', '=', String(pending.id))
			.where('action', '=', 'approve')
			.execute();
		expect(audits).toHaveLength(1);
	});
});
