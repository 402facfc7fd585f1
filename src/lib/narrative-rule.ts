import { needsNarrative, statusIfApproved, statusInput, type StatusIndicator, type StatusPeriod } from './indicator-status';
import type { IndicatorStatus, IsoDate, Measure } from './model';

// "Explain why it lags", in one place: the status the period would get with a figure approved,
// when that status asks for a narrative. The server refuses a submission on it (values.ts,
// value-batch.ts) and the period entry sheet shows it live beside each row before anything is
// sent, so the hint and the refusal can never disagree.

export function narrativeDueStatus(
	programme: { startDate: IsoDate; effectiveEndDate: IsoDate; endDate?: IsoDate },
	indicator: StatusIndicator & { measure: Measure },
	periods: readonly StatusPeriod[],
	targets: ReadonlyMap<number, number>,
	approved: ReadonlyMap<number, number | null>,
	periodId: number,
	value: number | null,
	narrative: string
): IndicatorStatus | null {
	if (narrative.trim() || indicator.measure === 'qualitative') return null;
	// Judged as at the period's end: "does this figure put the indicator behind?"
	const status = statusIfApproved(statusInput(programme, indicator, periods, targets, approved, '9999-12-31'), periodId, value);
	return needsNarrative(status) ? status : null;
}
