import { budgetInForce, type BudgetRevision } from '$lib/finance-rules';
import type { IsoDate } from '$lib/model';
import type { Executor } from '../db/executor';

// Each programme's budget lines' total in force on a day (the portfolio and the overview print it
// through programmeBudgetMinor, as the dashboard and the report do). Two statements whatever the
// number of programmes; each line's amount in force by the one rule (budgetInForce).

export async function budgetTotals(db: Executor, programmeIds: readonly number[], at: IsoDate): Promise<Map<number, number>> {
	const totals = new Map<number, number>();
	if (programmeIds.length === 0) return totals;
	const [lines, revisions] = await Promise.all([
		db
			.selectFrom('budget_line')
			.select(['id', 'programme_id', 'amount_minor'])
			.where('programme_id', 'in', [...programmeIds])
			.execute(),
		db
			.selectFrom('budget_revision')
			.innerJoin('budget_line', 'budget_line.id', 'budget_revision.budget_line_id')
			.select(['budget_revision.budget_line_id', 'budget_revision.effective_on', 'budget_revision.amount_minor'])
			.where('budget_line.programme_id', 'in', [...programmeIds])
			.execute()
	]);
	const byLine = new Map<number, BudgetRevision[]>();
	for (const r of revisions) {
		const list = byLine.get(r.budget_line_id) ?? [];
		list.push({ effectiveOn: r.effective_on, amountMinor: r.amount_minor });
		byLine.set(r.budget_line_id, list);
	}
	for (const line of lines)
		totals.set(line.programme_id, (totals.get(line.programme_id) ?? 0) + budgetInForce(line.amount_minor, byLine.get(line.id) ?? [], at));
	return totals;
}
