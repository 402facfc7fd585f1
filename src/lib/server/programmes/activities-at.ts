import { activityAsOf, activityOnTime, type ActivityFacts } from '$lib/activity-status';
import type { ActivityStatus, IsoDate } from '$lib/model';
import { todayIso } from '../core/dates';
import { loadRecordedBy, loadValuesAtDate } from '../core/history';
import type { Executor } from '../db/executor';

// A programme's activities as they stood at a date (the API's `?asOf=`): the rule is the report
// snapshot's (activity-status.ts activityAsOf — completed only if it ended by then, the status
// recorded then otherwise, later changes undone from the audit trail). Three statements whatever
// the number of activities (and one for which were on record by then); today's list needs no history.

export interface ActivityAtDate extends ActivityFacts {
	id: number;
	outputId: number;
	moduleId: number;
	code: string;
	title: string;
	responsible: string;
	/** Completed by its planned end, or not yet due, at the date. */
	onTime: boolean;
}

export async function loadActivitiesAt(
	db: Executor,
	programmeId: number,
	options: { asOf?: IsoDate; rewind?: boolean } = {}
): Promise<{ asOf: IsoDate; activities: ActivityAtDate[] }> {
	const asOf = options.asOf ?? todayIso();
	const past = options.rewind === true && asOf < todayIso();
	const [rows, history, recorded] = await Promise.all([
		db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.selectAll('activity')
			.select('module.id as module_id')
			.where('module.programme_id', '=', programmeId)
			.orderBy('module.sort_order')
			.orderBy('module.id')
			.orderBy('output.sort_order')
			.orderBy('output.id')
			.orderBy('activity.sort_order')
			.orderBy('activity.id')
			.execute(),
		past ? loadValuesAtDate(db, programmeId, ['activity'], asOf) : null,
		past ? loadRecordedBy(db, programmeId, 'activity', asOf) : null
	]);
	const later = history?.get('activity');
	const activities = rows.map((row): ActivityAtDate => {
		const today: ActivityFacts = {
			status: row.status as ActivityStatus,
			plannedStart: row.planned_start,
			plannedEnd: row.planned_end,
			actualStart: row.actual_start,
			actualEnd: row.actual_end,
			progress: row.progress
		};
		const at = past ? activityAsOf(today, asOf, later?.get(row.id), { onRecord: recorded?.has(row.id) }) : today;
		return {
			id: row.id,
			outputId: row.output_id,
			moduleId: row.module_id,
			code: row.code,
			title: row.title,
			responsible: row.responsible,
			...at,
			onTime: activityOnTime(at.status, at.plannedEnd, at.actualEnd, asOf)
		};
	});
	return { asOf, activities };
}
