// When the demo's values were submitted and approved (review 4, F3). Stamped with the seeding
// clock, the issued 2020 report's "records cited" annex named approvals made in 2026, years after
// the report itself: an annex that proves nothing. A seeded value is dated on its period's own
// timeline instead — submitted a week after the period ended, approved two weeks later — which
// is before every seeded report that cites it is issued (the earliest, El Salvador's 2019-S1
// TCPR, is issued 51 days after its period ends) and, being a fixed date, the same on SQLite and
// PostgreSQL (the seed-parity hash). Never in the future: a period that ended in the last three
// weeks gets the seeding moment.

const DAY = 24 * 3600_000;
/** Days after the period's end: the submission, then the approval. */
export const SUBMITTED_AFTER_DAYS = 7;
export const APPROVED_AFTER_DAYS = 21;

/** A moment `days` after the ISO date `end`, at 15:00 UTC (office hours in the Americas), no later than `now`. */
function after(end: string, days: number, now: Date): string {
	const at = Date.parse(`${end}T15:00:00.000Z`) + days * DAY;
	return new Date(Math.min(at, now.getTime())).toISOString();
}

/** The submission and approval instants of a seeded value of the period ending `periodEnd` (an ISO date). */
export function seededValueDates(periodEnd: string, now: Date = new Date()): { submittedAt: string; reviewedAt: string } {
	return { submittedAt: after(periodEnd, SUBMITTED_AFTER_DAYS, now), reviewedAt: after(periodEnd, APPROVED_AFTER_DAYS, now) };
}
