import { isTripartite } from '$lib/constituents';
import type { IsoDate, Programme } from '$lib/model';
import type { BilingualText, RecordKey, SnapshotRecord } from '$lib/reports/snapshot';
import type { SnapshotTripartite } from '$lib/reports/snapshot-tripartite';
import type { Executor } from '../db/executor';
import { tripartiteRecordsAt } from '../dialogue/as-of';
import { tripartiteLens } from '../dialogue/lens';

// The report snapshot's tripartite block (issue 25): the dialogue domain's own lens rule
// (`tripartiteLens`, the one the dashboard's section uses) on the events held up to the cut-off,
// and the events of the report's window as records to cite. Who took part in each record and
// event is read as it stood at the cut-off (dialogue/as-of), not as it is now. Four statements.

type NewRecord = Omit<SnapshotRecord, 'approvedBy' | 'approvedAt' | 'evidence'>;

export async function tripartiteSnapshot(
	db: Executor,
	programme: Programme,
	context: {
		windowStart: IsoDate;
		cutOff: IsoDate;
		activityIds: readonly number[];
		periods: readonly { id: number; label: string; startDate: IsoDate; endDate: IsoDate }[];
		/** The recommendations adopted as of the cut-off, with their snapshot keys. */
		adopted: readonly { id: number; key: RecordKey }[];
		/** An event's text with its translation (the snapshot's translations, already read). */
		translate?: (eventId: number, field: string, original: string) => BilingualText;
	}
): Promise<{ tripartite: SnapshotTripartite; records: NewRecord[] }> {
	const { tags, events } = await tripartiteRecordsAt(db, programme.id, context.cutOff);
	const lens = tripartiteLens(tags, events, {
		activityIds: context.activityIds,
		periods: context.periods,
		adoptedRecommendationIds: context.adopted.map((r) => r.id),
		through: context.cutOff
	});
	const base = `/programmes/${programme.slug}/dialogue`;
	const records: NewRecord[] = [];
	const inWindow = events.filter((e) => e.heldOn >= context.windowStart).reverse();
	const keyOf = new Map(context.adopted.map((r) => [r.id, r.key]));
	return {
		tripartite: {
			activities: lens.activities,
			eventsPerPeriod: lens.eventsPerPeriod,
			recommendations: {
				adopted: lens.recommendations.adopted,
				tripartite: lens.recommendations.tripartite,
				tripartiteKeys: lens.recommendations.tripartiteIds.map((id) => keyOf.get(id)!)
			},
			totalEvents: lens.totalEvents,
			events: inWindow.map((e) => {
				const key = `dialogue_event:${e.id}`;
				const bodyText = context.translate?.(e.id, 'body', e.body) ?? { original: e.body, translation: null };
				const label = `${e.heldOn} ${e.body}`;
				records.push({
					key,
					kind: 'dialogue_event',
					id: e.id,
					// The body is translatable content (finding 4): the label prints in the reader's language.
					label: { original: label, translation: bodyText.translation === null ? null : `${e.heldOn} ${bodyText.translation}` },
					version: e.version,
					path: `${base}#event-${e.id}`,
					evidenceUrl: e.evidenceUrl,
					illustrative: e.isIllustrative
				});
				const constituents = e.parties.map((p) => p.constituent);
				const bi = (field: string, original: string) => context.translate?.(e.id, field, original) ?? { original, translation: null };
				return {
					key,
					id: e.id,
					heldOn: e.heldOn,
					body: e.body,
					bodyText,
					constituents,
					tripartite: isTripartite(constituents),
					outcomeText: bi('outcome', e.outcome),
					parties: e.parties.map((p) => ({ constituent: p.constituent, names: bi(`names_${p.constituent}`, p.names) }))
				};
			})
		},
		records
	};
}
