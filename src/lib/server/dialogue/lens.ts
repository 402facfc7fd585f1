import { CONSTITUENTS, isTripartite, type Constituent, type Taggable } from '$lib/constituents';
import type { IsoDate, ReportingPeriod } from '$lib/model';
import type { Executor } from '../db/executor';
import { tripartiteRecordsAt } from './as-of';
import { listDialogueEvents, type DialogueEvent } from './events';
import { constituentTags } from './tags';

// The tripartite lens of a programme (issue 25), for the dashboard and the reports: the share of
// activities each constituent took part in, the social-dialogue events per reporting period, and
// how many adopted recommendations came with all three constituents. The caller gives what other
// domains own (the activities, the periods, which recommendations are adopted), so this domain
// reads only its own tables. Three statements; four with a date (the tags and parties as they stood
// then, see ./as-of).

export interface TripartiteLens {
	activities: { constituent: Constituent; n: number; total: number; share: number | null }[];
	eventsPerPeriod: { periodId: number; label: string; count: number; tripartite: number }[];
	/** `tripartiteIds`: the adopted recommendations that came with all three constituents. */
	recommendations: { tripartite: number; adopted: number; tripartiteIds: number[] };
	latest: DialogueEvent[];
	totalEvents: number;
}

export interface LensContext {
	activityIds: readonly number[];
	periods: readonly Pick<ReportingPeriod, 'id' | 'label' | 'startDate' | 'endDate'>[];
	adoptedRecommendationIds: readonly number[];
	through?: IsoDate;
}

export async function loadTripartiteLens(db: Executor, programmeId: number, context: LensContext): Promise<TripartiteLens> {
	const { tags, events } = context.through
		? await tripartiteRecordsAt(db, programmeId, context.through)
		: { tags: await constituentTags(db, programmeId), events: await listDialogueEvents(db, programmeId) };
	return tripartiteLens(tags, events, context);
}

/**
 * The one rule of the lens, on what was read: the dashboard's section and the report's block
 * (reports/snapshot-tripartite) both call it, so their figures cannot differ. `events` must
 * already stop at `context.through`.
 */
export function tripartiteLens(
	tags: Record<Taggable, Map<number, Constituent[]>>,
	events: readonly DialogueEvent[],
	context: LensContext
): TripartiteLens {
	const total = context.activityIds.length;
	const activities = CONSTITUENTS.map((constituent) => {
		const n = context.activityIds.filter((id) => tags.activity.get(id)?.includes(constituent)).length;
		return { constituent, n, total, share: total ? n / total : null };
	});
	const eventsPerPeriod = [...context.periods]
		.sort((a, b) => a.startDate.localeCompare(b.startDate))
		.map((p) => {
			const within = events.filter((e) => e.heldOn >= p.startDate && e.heldOn <= p.endDate);
			return {
				periodId: p.id,
				label: p.label,
				count: within.length,
				tripartite: within.filter((e) => isTripartite(e.parties.map((x) => x.constituent))).length
			};
		})
		.filter((p) => p.count > 0);
	const tripartiteIds = context.adoptedRecommendationIds.filter((id) => isTripartite(tags.recommendation.get(id) ?? []));
	return {
		activities,
		eventsPerPeriod,
		recommendations: { tripartite: tripartiteIds.length, adopted: context.adoptedRecommendationIds.length, tripartiteIds },
		latest: events.slice(0, 5),
		totalEvents: events.length
	};
}
