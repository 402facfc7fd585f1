import { SelectQueryNode, sql } from 'kysely';
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

	it('tells the loser someone else changed the value when the winner commits while the loser is judging', async () => {
		// The order the flaky CI run met, made to happen every time: the winner's approval is done
		// but not committed; the loser starts, and the winner commits right after the loser's
		// first read (or, if the loser waits on the winner's row lock first, once it waits). The
		// loser must be told of the conflict, never of the four-eyes rule.
		const db = await freshDatabase({ seed: true, demoAccounts: true });
		const patss = await seeded(db, 'patss');
		const pending = await db
			.selectFrom('indicator_value')
			.select(['id', 'version'])
			.where('indicator_id', '=', patss.indicatorId('4.2-1'))
			.where('status', '=', 'submitted')
			.executeTakeFirstOrThrow();
		const reviewer = { id: await userId(db, 'coord2.patss@avance.test') };
		const [winner, loser] = [openConfigured(), openConfigured()];
		try {
			let commit!: () => void;
			const held = new Promise<void>((resolve) => (commit = resolve));
			let approvedInside!: () => void;
			const inside = new Promise<void>((resolve) => (approvedInside = resolve));
			const winning = winner.transaction().execute(async (trx) => {
				await approveValue(trx, reviewer, patss.programme, pending.id, pending.version);
				approvedInside();
				await held;
			});
			await inside;
			const reads = new Set<unknown>();
			const watched = loser.withPlugin({
				transformQuery: ({ node, queryId }) => {
					if (SelectQueryNode.is(node)) reads.add(queryId);
					return node;
				},
				transformResult: async ({ queryId, result }) => {
					if (reads.has(queryId)) {
						commit();
						await winning;
					}
					return result;
				}
			});
			let settled = false;
			const losing = approveValue(watched, reviewer, patss.programme, pending.id, pending.version)
				.then(
					() => null,
					(error: unknown) => error
				)
				.finally(() => (settled = true));
			// A loser that takes a lock first waits on the winner's row: then the winner commits.
			while (!settled) {
				const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'`.execute(
					db
				);
				if (rows[0]!.n > 0) commit();
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
			await winning;
			expect(await losing).toBeInstanceOf(ConflictError);
		} finally {
			for (const p of [winner, loser]) await p.destroy();
		}
	});
});
