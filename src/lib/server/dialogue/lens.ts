import { CONSTITUENTS, isTripartite, type Constituent } from '$lib/constituents';
import type { IsoDate, ReportingPeriod } from '$lib/model';
import type { Executor } from '../db/executor';
import { listDialogueEvents, type DialogueEvent } from './events';
import { constituentTags } from './tags';

// The tripartite lens of a programme (issue 25), for the dashboard and the reports: the share of
// activities each constituent took part in, the social-dialogue events per reporting period, and
// how many adopted recommendations came with all three constituents. The caller gives what other
// domains own (the activities, the periods, which recommendations are adopted), so this domain
// reads only its own tables. Three statements.

export interface TripartiteLens {
	activities: { constituent: Constituent; n: number; total: number; share: number | null }[];
	eventsPerPeriod: { periodId: number; label: string; count: number; tripartite: number }[];
	recommendations: { tripartite: number; adopted: number };
	latest: DialogueEvent[];
	totalEvents: number;
}

export async function loadTripartiteLens(
	db: Executor,
	programmeId: number,
	context: {
		activityIds: readonly number[];
		periods: readonly ReportingPeriod[];
		adoptedRecommendationIds: readonly number[];
		through?: IsoDate;
	}
): Promise<TripartiteLens> {
	const [tags, events] = await Promise.all([
		constituentTags(db, programmeId),
		listDialogueEvents(db, programmeId, { through: context.through })
	]);
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
	const tripartite = context.adoptedRecommendationIds.filter((id) => isTripartite(tags.recommendation.get(id) ?? [])).length;
	return {
		activities,
		eventsPerPeriod,
		recommendations: { tripartite, adopted: context.adoptedRecommendationIds.length },
		latest: events.slice(0, 5),
		totalEvents: events.length
	};
}
