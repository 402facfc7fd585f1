import type { Aggregation, Direction, IsoDate, Measure } from './model';

// How period milestones are read (issue 22, "figures that mean what they say"). For a cumulative
// indicator a milestone is a RUNNING TOTAL: what the indicator should have reached by the end of
// the period since the programme began (20, 40, 60…), never what that period alone adds. A series
// that falls on an increasing cumulative indicator (20, 40, 20…) was almost surely typed per
// period; it draws a falling target line, so it is refused unless confirmed explicitly.

export interface MilestoneIndicator {
	measure: Measure;
	direction: Direction;
	aggregation: Aggregation;
}

export interface MilestonePoint {
	periodId: number;
	startDate: IsoDate;
	value: number | null;
	women?: number | null;
	men?: number | null;
}

/** True when the indicator's milestones are running totals (a cumulative count or rate). */
export function milestonesAreRunningTotals(indicator: MilestoneIndicator): boolean {
	return indicator.aggregation === 'cumulative' && (indicator.measure === 'number' || indicator.measure === 'percentage');
}

/**
 * The periods whose milestone is below an earlier one on an increasing cumulative indicator (or
 * above an earlier one on a decreasing one): a running total cannot go back. Empty when none.
 */
export function fallingMilestones(indicator: MilestoneIndicator, points: readonly MilestonePoint[]): number[] {
	if (!milestonesAreRunningTotals(indicator)) return [];
	const ordered = points.filter((p) => p.value !== null).sort((a, b) => a.startDate.localeCompare(b.startDate));
	const falling: number[] = [];
	let best: number | null = null;
	for (const p of ordered) {
		const v = p.value!;
		if (best !== null && (indicator.direction === 'increase' ? v < best : v > best)) falling.push(p.periodId);
		best = best === null ? v : indicator.direction === 'increase' ? Math.max(best, v) : Math.min(best, v);
	}
	return falling;
}

/**
 * Women and men of a milestone are checked like a value's: for a count they cannot add up to more
 * than the total (the rest is "other / not stated"); rates are not added. Returns the sum when it
 * is too large, else null.
 */
export function splitExceedsTotal(measure: Measure, point: Pick<MilestonePoint, 'value' | 'women' | 'men'>): number | null {
	if (measure !== 'number' || point.value === null || point.women == null || point.men == null) return null;
	const sum = point.women + point.men;
	return sum - point.value > 1e-9 ? sum : null;
}
