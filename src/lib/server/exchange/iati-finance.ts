import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { minorToDecimal, plannedInPeriod } from '$lib/finance-rules';
import type { ExportData } from './export-data';

// The activity's money in IATI 2.03 (issue 20 item 4): a `budget` per reporting period (what the
// budget lines plan for it, from the rules module's plan: the phasing, or the straight line over
// the programme's dates) and an expenditure `transaction` per budget line and counted period (net
// of refunds, which IATI's decimal value allows). Only what the file's reader may see: the export
// data are read for a public viewer, so only ended periods are counted. Codes from the official
// codelists (BudgetType, BudgetStatus, TransactionType). When a budget revision is in force at the
// file's date, each period also gets a revised `budget` (type 2) from the amounts in force, beside
// the original (type 1) from the lines' original amounts; recorded planned disbursements follow as
// `planned-disbursement`s (type 1, original), before the transactions as the schema orders them.

/** BudgetType: 1 Original, 2 Revised (also the planned-disbursement's type). */
export const BUDGET_TYPE = { original: '1', revised: '2' } as const;
/** BudgetStatus: 1 Indicative, 2 Committed (a programme's approved budget is committed). */
export const BUDGET_STATUS = { indicative: '1', committed: '2' } as const;
/** TransactionType: 4 Expenditure. */
export const TRANSACTION_TYPE = { expenditure: '4' } as const;

/** Writes the budgets and transactions into `activity`, in the schema's place (after the policy markers, before the results). */
export function iatiFinanceElements(activity: XMLBuilder, data: ExportData): void {
	const f = data.finance?.view;
	if (!f || f.lines.length === 0) return;
	const currency = f.currency;
	const programme = { startDate: data.programme.startDate, endDate: data.programme.effectiveEndDate };
	const periods = f.periods.map((p) => ({ id: p.id, startDate: p.startDate, endDate: p.endDate }));
	const phasingOf = (phasing: Record<number, number>) => new Map(Object.entries(phasing).map(([k, v]) => [Number(k), v]));
	const plannedIn = (period: (typeof periods)[number], revised: boolean) =>
		f.lines.reduce(
			(sum, l) =>
				sum +
				plannedInPeriod(
					revised
						? { amountMinor: l.amountMinor, phasing: phasingOf(l.phasing) }
						: { amountMinor: l.originalMinor, phasing: phasingOf(l.originalPhasing) },
					programme,
					periods,
					period
				),
			0
		);
	for (const type of f.revised ? ([BUDGET_TYPE.original, BUDGET_TYPE.revised] as const) : [BUDGET_TYPE.original]) {
		for (const period of periods) {
			const planned = plannedIn(period, type === BUDGET_TYPE.revised);
			if (planned === 0) continue;
			const budget = activity.ele('budget', { type, status: BUDGET_STATUS.committed });
			budget.ele('period-start', { 'iso-date': period.startDate });
			budget.ele('period-end', { 'iso-date': period.endDate });
			budget.ele('value', { currency, 'value-date': period.startDate }).txt(minorToDecimal(planned));
		}
	}
	const periodById = new Map(periods.map((p) => [p.id, p]));
	for (const d of f.plannedDisbursements) {
		const period = periodById.get(d.periodId);
		if (!period) continue;
		const disbursement = activity.ele('planned-disbursement', { type: BUDGET_TYPE.original });
		disbursement.ele('period-start', { 'iso-date': period.startDate });
		disbursement.ele('period-end', { 'iso-date': period.endDate });
		disbursement.ele('value', { currency, 'value-date': period.startDate }).txt(minorToDecimal(d.amountMinor));
	}
	const periodOf = new Map(periods.map((p) => [p.id, p]));
	const lang = data.programme.contentLanguage;
	for (const line of f.lines) {
		for (const periodId of f.countedPeriodIds) {
			const cell = f.cells[line.id]?.[periodId];
			if (!cell) continue;
			const spent = (cell.entered?.amountMinor ?? 0) + cell.importedMinor;
			const period = periodOf.get(periodId)!;
			const transaction = activity.ele('transaction', { ref: `${data.programme.iatiIdentifier!.trim()}-${line.code}-${period.endDate}` });
			transaction.ele('transaction-type', { code: TRANSACTION_TYPE.expenditure });
			transaction.ele('transaction-date', { 'iso-date': period.endDate });
			transaction.ele('value', { currency, 'value-date': period.endDate }).txt(minorToDecimal(spent));
			const title = data.finance!.lineTitle[line.id];
			const description = transaction.ele('description');
			const written = new Set<string>();
			for (const t of [title?.[lang], title?.es, title?.en]) {
				if (!t || t.fallback || written.has(t.lang) || !t.text.trim()) continue;
				description.ele('narrative', { 'xml:lang': t.lang }).txt(`${line.code} ${t.text}`);
				written.add(t.lang);
			}
			if (written.size === 0) description.ele('narrative').txt(`${line.code} ${line.title}`);
		}
	}
}
