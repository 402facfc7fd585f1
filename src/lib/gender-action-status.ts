import { earlier, earlierDate } from './as-of';
import { GENDER_ACTION_STATUSES, type GenderActionStatus, type IsoDate } from './model';

// A gender action as it stood at a date (a report's cut-off, the dashboard's "as of").

export interface GenderActionFacts {
	status: GenderActionStatus;
	startDate: IsoDate | null;
	dueDate: IsoDate | null;
}

/**
 * `later`: the field values before the changes recorded after `asOf` (as-of.ts). A gender action
 * carries no completion date, so its own dates bound what it can have been: one that starts after
 * the date was still planned, and one due after the date is not counted completed at it (it was
 * under way if it had started, planned otherwise).
 */
export function genderActionAsOf(current: GenderActionFacts, asOf: IsoDate, later?: Record<string, unknown>): GenderActionFacts {
	let status = earlier(later, 'status', current.status, GENDER_ACTION_STATUSES);
	const startDate = earlierDate(later, 'startDate', current.startDate);
	const dueDate = earlierDate(later, 'dueDate', current.dueDate);
	const started = startDate === null || startDate <= asOf;
	if (status === 'completed' && dueDate !== null && dueDate > asOf) status = started ? 'ongoing' : 'planned';
	if (status === 'ongoing' && !started) status = 'planned';
	return { status, startDate, dueDate };
}
