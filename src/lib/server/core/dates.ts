import type { IsoDate, Programme } from '$lib/model';
import { DomainValidationError, type FieldErrors } from './errors';

/** Today as an ISO calendar date (UTC), the default "as of" of every read model. */
export function todayIso(): IsoDate {
	return new Date().toISOString().slice(0, 10);
}

/**
 * Every date in `dates` falls within the programme (start to effective end), and in each pair
 * `[from, to]` the second is not before the first. Refusals are messages next to the fields.
 */
export function checkWithinProgramme(
	programme: Pick<Programme, 'startDate' | 'effectiveEndDate'>,
	dates: Record<string, string | null>,
	pairs: [string, string][]
): void {
	const start = programme.startDate;
	const end = programme.effectiveEndDate;
	const fields: FieldErrors = {};
	for (const [field, value] of Object.entries(dates)) {
		if (value && (value < start || value > end)) fields[field] = { key: 'validation.outsideProgramme', params: { start, end } };
	}
	for (const [from, to] of pairs) {
		const a = dates[from];
		const b = dates[to];
		if (a && b && b < a && !fields[to]) fields[to] = { key: 'validation.endBeforeStart' };
	}
	if (Object.keys(fields).length) throw new DomainValidationError(fields);
}
