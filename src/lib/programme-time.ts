import type { IsoDate } from './model';

// How far through its time a programme is: the dashboard's header and the report's fact sheet
// say the same share, so it has one home.

const time = (d: IsoDate) => Date.parse(`${d}T00:00:00Z`);

/** The share of the time from `start` to `end` gone by at `asOf`, between 0 and 1 (1 when the span is empty). */
export function timeElapsed(start: IsoDate, end: IsoDate, asOf: IsoDate): number {
	const s = time(start);
	const e = time(end);
	if (!(e > s)) return 1;
	return Math.min(1, Math.max(0, (time(asOf) - s) / (e - s)));
}
