import {
	NO_FILTERS as NO_TRACKER_FILTERS,
	adoptionAsOf,
	filterRecommendations,
	keyActionAsOf,
	latestEvent,
	statusAsOf,
	summarizeBy,
	summarizeKeyActions,
	type AdoptionSummary,
	type KeyActionSummary,
	type TrackerFilters
} from '$lib/adoption';
import {
	RECOMMENDATION_AREAS,
	type AdoptionStatus,
	type IsoDate,
	type KeyActionStatus,
	type ManagementResponse,
	type Priority,
	type RecommendationArea,
	type SourceKind,
	type Programme
} from '$lib/model';
import type { Executor } from '../db/executor';
import { todayIso } from '../core/dates';
import { loadValuesAtDate } from '../core/history';
import type { Viewer } from '../core/viewer';
import { toKeyAction, type KeyActionView } from './key-actions';
import { programmeLadders } from './recommendations';

// The tracker view (/programmes/<slug>/recommendations) in a fixed number of statements however
// many recommendations, steps and key actions a programme has: one query per table, put together
// in memory. It carries no internal notes, so donors and the team get the same rows.

/** Codes in natural order: COB-2 before COB-10. */
export const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code, 'es', { numeric: true });

export interface TrackerRow {
	id: number;
	code: string;
	text: string;
	issuedOn: IsoDate;
	addressedTo: string;
	area: RecommendationArea;
	priority: Priority;
	timeframe: string;
	status: AdoptionStatus;
	/** Date of the step that set the status; null while only proposed. */
	statusDate: IsoDate | null;
	sourceId: number | null;
	sourceTitle: string | null;
	sourceKind: SourceKind | null;
	managementResponse: ManagementResponse | null;
	keyActionCount: number;
	keyActionsCompleted: number;
	overdueActions: number;
}

export interface OverdueAction {
	id: number;
	recommendationId: number;
	recommendationCode: string;
	action: string;
	responsible: string;
	dueDate: IsoDate;
	status: KeyActionStatus;
	daysOverdue: number;
}

export interface Tracker {
	asOf: IsoDate;
	/** The recommendations the filters let through. */
	rows: TrackerRow[];
	/** How many the programme has in all. */
	total: number;
	/** Rates over all the programme's recommendations (filters narrow the table only). */
	summary: AdoptionSummary;
	byArea: { key: string; summary: AdoptionSummary }[];
	byAddressee: { key: string; summary: AdoptionSummary }[];
	keyActions: KeyActionSummary;
	/** Overdue key actions, the oldest debt first. */
	overdue: OverdueAction[];
	sources: { id: number; title: string; kind: SourceKind }[];
	addressees: string[];
}

export async function loadTracker(
	db: Executor,
	programme: Pick<Programme, 'id'>,
	_viewer: Pick<Viewer, 'internal'>,
	options: { asOf?: IsoDate; rewind?: boolean } & Partial<TrackerFilters> = {}
): Promise<Tracker> {
	const programmeId = programme.id;
	const today = options.asOf ?? todayIso();
	const filters: TrackerFilters = { ...NO_TRACKER_FILTERS, ...options };
	// The adoption status is always the ladder's at the date. Asked to rewind (the API's and the
	// dashboard's "as of"), an earlier date also reads each key action as it stood then, by the
	// rule the report snapshot uses (adoption.ts keyActionAsOf).
	const past = options.rewind === true && today < todayIso();
	const [recRows, ladders, actionRows, sourceRows, history] = await Promise.all([
		db
			.selectFrom('recommendation')
			.leftJoin('source_document', 'source_document.id', 'recommendation.source_document_id')
			.select([
				'recommendation.id',
				'recommendation.code',
				'recommendation.text',
				'recommendation.issued_on',
				'recommendation.addressed_to',
				'recommendation.area',
				'recommendation.priority',
				'recommendation.timeframe',
				'recommendation.management_response',
				'recommendation.source_document_id',
				'source_document.title as source_title',
				'source_document.kind as source_kind'
			])
			.where('recommendation.programme_id', '=', programmeId)
			.execute(),
		programmeLadders(db, programmeId),
		db
			.selectFrom('key_action')
			.innerJoin('recommendation', 'recommendation.id', 'key_action.recommendation_id')
			.selectAll('key_action')
			.where('recommendation.programme_id', '=', programmeId)
			.orderBy('key_action.id')
			.execute(),
		db
			.selectFrom('source_document')
			.select(['id', 'title', 'kind'])
			.where('programme_id', '=', programmeId)
			.orderBy('issued_on', (ob) => ob.asc().nullsFirst())
			.orderBy('id')
			.execute(),
		past ? loadValuesAtDate(db, programmeId, ['key_action'], today) : null
	]);

	const keyActionHistory = history?.get('key_action');
	const actions = actionRows.map((r) => {
		if (!past) return toKeyAction(r, today);
		const at = keyActionAsOf({ dueDate: r.due_date, status: r.status as KeyActionStatus }, today, keyActionHistory?.get(r.id));
		return toKeyAction({ ...r, due_date: at.dueDate, status: at.status }, today);
	});
	const actionsByRec = new Map<number, KeyActionView[]>();
	for (const a of actions) {
		let list = actionsByRec.get(a.recommendationId);
		if (!list) actionsByRec.set(a.recommendationId, (list = []));
		list.push(a);
	}

	// Rewound to an earlier date, a recommendation made after it did not exist yet (the snapshot's rule).
	const made = past ? recRows.filter((r) => r.issued_on === null || r.issued_on <= today) : recRows;
	const madeIds = new Set(made.map((r) => r.id));
	const madeActions = past ? actions.filter((a) => madeIds.has(a.recommendationId)) : actions;
	const all: TrackerRow[] = made
		.map((r) => {
			const ladder = ladders.get(r.id) ?? [];
			const recActions = actionsByRec.get(r.id) ?? [];
			return {
				id: r.id,
				code: r.code,
				text: r.text,
				issuedOn: r.issued_on,
				addressedTo: r.addressed_to,
				area: r.area,
				priority: r.priority,
				timeframe: r.timeframe,
				status: statusAsOf(ladder, today),
				statusDate: latestEvent(ladder, today)?.eventDate ?? null,
				sourceId: r.source_document_id,
				sourceTitle: r.source_title,
				sourceKind: r.source_kind,
				managementResponse: r.management_response,
				keyActionCount: recActions.length,
				keyActionsCompleted: recActions.filter((a) => a.status === 'completed').length,
				overdueActions: recActions.filter((a) => a.overdue).length
			};
		})
		.sort(byCode);

	const summary = adoptionAsOf(
		made.map((r) => ladders.get(r.id) ?? []),
		today
	);
	const codeOf = new Map(all.map((r) => [r.id, r.code]));
	return {
		asOf: today,
		rows: filterRecommendations(all, filters),
		total: all.length,
		summary,
		byArea: summarizeBy(
			all,
			(r) => r.area,
			(r) => r.status,
			RECOMMENDATION_AREAS
		),
		byAddressee: summarizeBy(
			all,
			(r) => r.addressedTo,
			(r) => r.status
		),
		keyActions: summarizeKeyActions(madeActions, today),
		overdue: madeActions
			.filter((a) => a.daysOverdue !== null)
			.map((a) => ({
				id: a.id,
				recommendationId: a.recommendationId,
				recommendationCode: codeOf.get(a.recommendationId) ?? '',
				action: a.action,
				responsible: a.responsible,
				dueDate: a.dueDate!,
				status: a.status,
				daysOverdue: a.daysOverdue!
			}))
			.sort((a, b) => b.daysOverdue - a.daysOverdue || a.recommendationCode.localeCompare(b.recommendationCode, 'es', { numeric: true })),
		sources: sourceRows,
		addressees: [...new Set(all.map((r) => r.addressedTo))].sort((a, b) => a.localeCompare(b, 'es'))
	};
}
