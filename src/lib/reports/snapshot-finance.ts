import type { RecordKey } from './snapshot';

// The money-and-results part of a report snapshot (issue 20): the finance rules' figures as of the
// cut-off, counting ended periods only (an issued report goes to donors). Amounts are integer
// minor units of `currency`; rates are fractions. Each figure points to a record ("finance:…"),
// so a narrative cites it ([[finance:delivery]], [[finance:M1]], [[finance:1.1]]) like any figure.

export interface SnapshotFinanceFigures {
	key: RecordKey;
	budgetMinor: number;
	plannedMinor: number;
	spentMinor: number;
	deliveryRate: number | null;
	burnRate: number | null;
	resultsProgress: number | null;
	spendingAhead: boolean;
	/**
	 * The original budget (the lines' amounts before any revision, allocated by the same shares);
	 * budgetMinor is the budget in force at the cut-off. Absent from snapshots frozen before it was kept.
	 */
	originalBudgetMinor?: number;
}

export interface SnapshotFinance {
	currency: string;
	illustrative: boolean;
	/** The margin the "spending ahead of results" flag uses (a fraction). */
	margin: number;
	programme: SnapshotFinanceFigures;
	programmeLevelMinor: number;
	modules: (SnapshotFinanceFigures & { moduleId: number; outputs: (SnapshotFinanceFigures & { outputId: number })[] })[];
	/** The budget revisions in force at the cut-off: how many, and the date of the latest (absent before it was kept). */
	revisions?: { count: number; lastOn: string | null };
	costPerUnit: { indicatorId: number; indicatorKey: RecordKey; change: number; costMinor: number; spentMinor: number }[];
}
