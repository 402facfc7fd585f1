import type { IsoDate } from './model';

// "As it stood at a date" (a report's cut-off, the dashboard's or the API's "as of"), the part
// every record kind shares. A record's own row is what it is TODAY; two things rewind it:
//  1. its dated history: every change recorded after the date (the audit trail keeps each
//     field's value before the change) is undone, the earliest such change giving the value the
//     field had at the date;
//  2. its own dates: a thing dated after the date (an activity that ended later, a key action
//     due later) cannot have happened yet — the rule for that lives with each record kind
//     (activity-status.ts, gender-action-status.ts, adoption.ts, risk-rules.ts).

/** One change of a record recorded after the date, with the fields' values before it. */
export interface LaterChange {
	entityId: number;
	/** When it was recorded (ISO timestamp or "YYYY-MM-DD HH:MM:SS"). */
	at: string;
	before: Record<string, unknown> | null;
}

/**
 * For each record, the value each field had before the first change recorded after the date:
 * the field values to put back. Changes must be given oldest first.
 */
export function valuesAtDate(changes: readonly LaterChange[]): Map<number, Record<string, unknown>> {
	const result = new Map<number, Record<string, unknown>>();
	for (const change of changes) {
		if (!change.before) continue;
		let fields = result.get(change.entityId);
		if (!fields) result.set(change.entityId, (fields = {}));
		for (const [field, value] of Object.entries(change.before)) {
			if (!(field in fields)) fields[field] = value;
		}
	}
	return result;
}

/** The first instant after the day `date`: changes recorded from then on came after it. */
export function dayAfter(date: IsoDate): IsoDate {
	return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The field's earlier value when it is one of `allowed` (a typo'd or foreign value is ignored). */
export function earlier<T>(fields: Record<string, unknown> | undefined, field: string, current: T, allowed?: readonly T[]): T {
	if (!fields || !(field in fields)) return current;
	const value = fields[field] as T;
	if (allowed && !allowed.includes(value)) return current;
	return value;
}

/** An earlier date (or null) when the field held a date or nothing. */
export function earlierDate(fields: Record<string, unknown> | undefined, field: string, current: IsoDate | null): IsoDate | null {
	if (!fields || !(field in fields)) return current;
	const value = fields[field];
	if (value === null || value === '') return null;
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : current;
}
