import { SPENDING_AHEAD_MARGIN, type FinanceFigures } from '$lib/finance-rules';
import type { Programme } from '$lib/model';
import type { BilingualText, RecordKey, SnapshotRecord } from '$lib/reports/snapshot';
import type { SnapshotFinance, SnapshotFinanceFigures } from '$lib/reports/snapshot-finance';
import type { Executor } from '../db/executor';
import { loadFinance, type FinanceLogframe } from '../finance/finance-read';
import type { ProgrammeAssessment } from '../results/assessment';

// The report snapshot's finance block (issue 20), read through the finance read model as a donor
// reads it (ended periods at the cut-off only), with the snapshot's own assessment, so the report
// prints the figures the Finance tab and the dashboard show. Null when the programme has no budget lines.

type NewRecord = Omit<SnapshotRecord, 'approvedBy' | 'approvedAt' | 'evidence' | 'evidenceUrl'>;

export async function financeSnapshot(
	db: Executor,
	programme: Programme,
	cutOff: string,
	assessment: ProgrammeAssessment,
	label: (entity: 'module' | 'output', id: number, code: string, title: string) => BilingualText,
	logframe: FinanceLogframe
): Promise<{ finance: SnapshotFinance | null; records: NewRecord[] }> {
	const view = await loadFinance(db, programme, { id: 0, internal: false, canReview: false }, { cutOff, assessment, logframe });
	if (!view.lines.length) return { finance: null, records: [] };
	const base = `/programmes/${programme.slug}/finance`;
	const records: NewRecord[] = [];
	const figures = (
		key: RecordKey,
		f: FinanceFigures,
		originalMinor: number,
		recordLabel: BilingualText,
		id: number
	): SnapshotFinanceFigures => {
		records.push({ key, kind: 'finance', id, label: recordLabel, version: 1, path: base, illustrative: view.illustrative });
		return {
			key,
			budgetMinor: f.budgetMinor,
			plannedMinor: f.plannedMinor,
			spentMinor: f.spentMinor,
			deliveryRate: f.deliveryRate,
			burnRate: f.burnRate,
			resultsProgress: f.resultsProgress,
			spendingAhead: f.spendingAhead,
			originalBudgetMinor: originalMinor
		};
	};
	const programmeLabel: BilingualText =
		programme.contentLanguage === 'es'
			? { original: 'Ejecución del presupuesto', translation: 'Budget delivery' }
			: { original: 'Budget delivery', translation: 'Ejecución del presupuesto' };
	return {
		finance: {
			currency: view.currency,
			illustrative: view.illustrative,
			margin: SPENDING_AHEAD_MARGIN,
			programme: figures('finance:delivery', view.programme, view.originalBudgetMinor, programmeLabel, programme.id),
			revisions: view.revisionsInForce,
			programmeLevelMinor: view.programmeLevelMinor,
			modules: view.modules.map((m) => ({
				moduleId: m.id,
				...figures(`finance:${m.code}`, m.figures, m.originalBudgetMinor, label('module', m.id, m.code, m.title), m.id),
				outputs: m.outputs.map((o) => ({
					outputId: o.id,
					...figures(`finance:${o.code}`, o.figures, o.originalBudgetMinor, label('output', o.id, o.code, o.title), o.id)
				}))
			})),
			costPerUnit: view.costPerUnit.map((c) => ({
				indicatorId: c.indicatorId,
				indicatorKey: `indicator:${c.code}`,
				change: c.change,
				costMinor: c.costMinor,
				spentMinor: c.spentMinor
			}))
		},
		records
	};
}
