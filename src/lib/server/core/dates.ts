import type { IsoDate } from '$lib/model';

/** Today as an ISO calendar date (UTC), the default "as of" of every read model. */
export function todayIso(): IsoDate {
	return new Date().toISOString().slice(0, 10);
}
