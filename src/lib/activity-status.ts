import { earlier } from './as-of';
import { ACTIVITY_STATUSES, type ActivityStatus, type IsoDate } from './model';

// An activity as it stood at a date (a report's cut-off): the one rule, used by the report
// snapshot, and by any "as of" view that prints activities.

export interface ActivityFacts {
	status: ActivityStatus;
	plannedStart: IsoDate | null;
	plannedEnd: IsoDate | null;
	actualStart: IsoDate | null;
	actualEnd: IsoDate | null;
	progress: number | null;
}

/**
 * `current` is the record today; `later` the field values before the changes recorded after
 * `asOf` (as-of.ts). An activity's own dates are the evidence and win: dates are facts about the
 * past, so a start or end typed in late still counts, and a date after `asOf` had not happened
 * yet. So: completed at `asOf` only if it ended by then; under way if it had started by then
 * (whatever was recorded at the time); planned if it had neither started nor was due to; otherwise
 * the status recorded at the date (a cancellation or delay recorded later is undone). The progress is the one recorded at the date when the
 * status is, and unknown (null) when the dates changed the status.
 */
export interface ActivityRecordAt {
	/**
	 * Whether the record was written (created or changed, in the audit trail) by the date: then a
	 * field no later change touched held its value at the date. False for a record with no trace
	 * by then (seeded, or created later): its progress % is today's and is not printed for the past
	 * (review 4, F2 addendum), only the status its dates and history give. Absent: not known, today's kept.
	 */
	onRecord?: boolean;
}

export function activityAsOf(
	current: ActivityFacts,
	asOf: IsoDate,
	later?: Record<string, unknown>,
	options: ActivityRecordAt = {}
): ActivityFacts {
	const recorded = earlier(later, 'status', current.status, ACTIVITY_STATUSES);
	const recordedProgress =
		later && 'progress' in later && (typeof later.progress === 'number' || later.progress === null) ? later.progress : current.progress;
	const actualStart = current.actualStart !== null && current.actualStart <= asOf ? current.actualStart : null;
	const actualEnd = current.actualEnd !== null && current.actualEnd <= asOf ? current.actualEnd : null;
	const { plannedStart, plannedEnd } = current;
	const datesSay = (): ActivityStatus | null => {
		if (current.status === 'completed' && current.actualEnd !== null) {
			if (actualEnd !== null) return 'completed';
			return actualStart !== null ? 'ongoing' : 'planned';
		}
		if (recorded === 'completed' && current.actualEnd === null) return 'completed';
		// Completed at the date and ended by it, whatever was recorded later (a later cancellation).
		if (recorded === 'completed' && actualEnd !== null) return 'completed';
		if (actualStart !== null && (recorded === 'planned' || recorded === 'completed')) return 'ongoing';
		if (actualStart === null && current.actualStart !== null && (recorded === 'ongoing' || recorded === 'completed')) return 'planned';
		// Not due to start yet and not started: it cannot have been under way or behind its plan at
		// the date (a delay typed today, or seeded without history, is today's fact, not then's).
		if (actualStart === null && plannedStart !== null && plannedStart > asOf && (recorded === 'ongoing' || recorded === 'delayed'))
			return 'planned';
		return null;
	};
	const fromDates = datesSay();
	const status = fromDates ?? recorded;
	// A progress % is a fact of the day it was typed: known at the date from the history, or from a
	// record written by then and not changed since; otherwise it postdates the date.
	const progressKnown = (later !== undefined && 'progress' in later) || options.onRecord !== false;
	const progress = status === recorded && progressKnown ? recordedProgress : status === 'completed' ? 100 : null;
	return { status, plannedStart, plannedEnd, actualStart, actualEnd, progress };
}

/** Completed by its planned end, or not yet due; delayed or past its end unfinished is late. */
export function activityOnTime(status: ActivityStatus, plannedEnd: IsoDate | null, actualEnd: IsoDate | null, asOf: IsoDate): boolean {
	if (status === 'delayed') return false;
	if (status === 'cancelled') return true;
	if (!plannedEnd) return true;
	if (status === 'completed') return !actualEnd || actualEnd <= plannedEnd;
	return plannedEnd >= asOf;
}
