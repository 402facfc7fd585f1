import { earlier } from './as-of';
import type { Indicator } from './model';

// Targets as they stood at a date (issue 19: "a target changed after the cut-off prints its value
// at the cut-off"), by the shared as-of rule ($lib/as-of.ts): the changes recorded after the date
// are undone with the audit trail's "before" values. Two kinds of change carry targets:
//  - an indicator update: its end target and baseline ("targetValue", "baselineValue", "baselineDate");
//  - a "set_targets" entry: per period id, the milestone before ({ value, women, men }, or null
//    when the period had none).

/** The indicator's baseline and end target at the date, from the fields to put back. */
export function indicatorAtDate<T extends Pick<Indicator, 'targetValue' | 'baselineValue' | 'baselineDate'>>(
	indicator: T,
	fields: Record<string, unknown> | undefined
): T {
	if (!fields) return indicator;
	const number = (field: 'targetValue' | 'baselineValue') => {
		const value = earlier<unknown>(fields, field, indicator[field]);
		return value === null || (typeof value === 'number' && Number.isFinite(value)) ? value : indicator[field];
	};
	const date = earlier<unknown>(fields, 'baselineDate', indicator.baselineDate);
	return {
		...indicator,
		targetValue: number('targetValue'),
		baselineValue: number('baselineValue'),
		baselineDate: date === null || typeof date === 'string' ? date : indicator.baselineDate
	};
}

/**
 * The period targets (milestones) at the date: `current` by period id, with each period changed
 * since put back as it was (`earlierTargets`: period id → { value } or null when it had none).
 */
export function targetsAtDate(
	current: ReadonlyMap<number, number>,
	earlierTargets: Record<string, unknown> | undefined
): Map<number, number> {
	const result = new Map(current);
	if (!earlierTargets) return result;
	for (const [key, before] of Object.entries(earlierTargets)) {
		const periodId = Number(key);
		if (!Number.isSafeInteger(periodId)) continue;
		if (before === null) result.delete(periodId);
		else if (typeof before === 'object' && typeof (before as { value?: unknown }).value === 'number')
			result.set(periodId, (before as { value: number }).value);
	}
	return result;
}
