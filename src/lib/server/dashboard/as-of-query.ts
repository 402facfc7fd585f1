import { z } from 'zod';
import type { IsoDate, Programme } from '$lib/model';
import { todayIso } from '../core/dates';
import { isValidIsoDate } from '../core/validation';

// The dashboard's "as of" control (issue 19): a GET form's `?asOf=`, checked here so the page can
// say what is wrong beside the field and keep what was typed. A date counts only when it is real
// and within the programme's span (its start to its effective end, and never after today: nothing
// is known of tomorrow).

export type AsOfProblem = 'invalid' | 'outside';

export interface AsOfQuery {
	/** The date to read the programme at, or null for today's dashboard. */
	asOf: IsoDate | null;
	/** What was typed (trimmed, bounded), to put back into the field. */
	typed: string;
	problem: AsOfProblem | null;
	/** The dates the field accepts. */
	min: IsoDate;
	max: IsoDate;
}

const typedSchema = z
	.string()
	.trim()
	.max(40)
	.refine((v) => !/\p{Cc}/u.test(v));

export function asOfSpan(programme: Pick<Programme, 'startDate' | 'effectiveEndDate'>, today: IsoDate = todayIso()) {
	return { min: programme.startDate, max: programme.effectiveEndDate < today ? programme.effectiveEndDate : today };
}

export function parseAsOfQuery(
	url: URL,
	programme: Pick<Programme, 'startDate' | 'effectiveEndDate'>,
	today: IsoDate = todayIso()
): AsOfQuery {
	const { min, max } = asOfSpan(programme, today);
	const raw = url.searchParams.get('asOf');
	if (raw === null || raw.trim() === '') return { asOf: null, typed: '', problem: null, min, max };
	const parsed = typedSchema.safeParse(raw);
	if (!parsed.success) return { asOf: null, typed: '', problem: 'invalid', min, max };
	const typed = parsed.data;
	if (!isValidIsoDate(typed)) return { asOf: null, typed, problem: 'invalid', min, max };
	if (typed < min || typed > max) return { asOf: null, typed, problem: 'outside', min, max };
	return { asOf: typed, typed, problem: null, min, max };
}
