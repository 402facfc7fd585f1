import type { Actor } from '../core/actor';
import type { Programme } from '$lib/model';
import { planPeriods, type PeriodPlan } from '$lib/period-plan';
import { type Executor, inTransaction } from '../db/executor';
import { createPeriod } from './periods';

// Generates a programme's reporting periods from its dates in one step (issue 22). Each planned
// period goes through createPeriod (the same checks and audit row as the form); one that would
// overlap an existing period or reuse its label is left out, so generating twice adds nothing,
// and periods added by hand are kept. All in one transaction.

export async function generatePeriods(
	db: Executor,
	actor: Actor,
	programme: Programme,
	plan: PeriodPlan
): Promise<{ created: number; skipped: number }> {
	return inTransaction(db, async (trx) => {
		const existing = await trx
			.selectFrom('reporting_period')
			.select(['label', 'start_date', 'end_date'])
			.where('programme_id', '=', programme.id)
			.execute();
		let created = 0;
		let skipped = 0;
		for (const p of planPeriods(programme.startDate, programme.effectiveEndDate, plan)) {
			const clash = existing.some((e) => e.label === p.label || (e.start_date <= p.endDate && e.end_date >= p.startDate));
			if (clash) {
				skipped++;
				continue;
			}
			await createPeriod(trx, actor, programme, p);
			created++;
		}
		return { created, skipped };
	});
}
