import { dayAfter, valuesAtDate, type LaterChange } from '$lib/as-of';
import { CONSTITUENTS, TAGGABLE, type Constituent, type Taggable } from '$lib/constituents';
import type { IsoDate } from '$lib/model';
import type { Executor } from '../db/executor';
import { listDialogueEvents, type DialogueEvent, type DialogueParty } from './events';
import { constituentTags } from './tags';

// Who of the constituents took part, as it stood at a date (issue 25: a report reads the tags as
// at its cut-off, not as they are now), by the shared as-of rule ($lib/as-of.ts): the changes the
// audit trail recorded after the date are undone with their "before" values —
//  - a "tag_constituents" entry of an activity, output or recommendation keeps { constituents };
//  - an "update" of a social-dialogue event keeps { parties } when its parties changed.
// The dashboard (as of today by default) and the report snapshot both read through here, so the
// lens rule sees the same records. Four statements whatever the size.

export interface TripartiteRecords {
	tags: Record<Taggable, Map<number, Constituent[]>>;
	/** The events held up to the date, newest first, each with its parties at the date. */
	events: DialogueEvent[];
}

const ENTITIES = [...TAGGABLE, 'social_dialogue_event'] as const;

export async function tripartiteRecordsAt(db: Executor, programmeId: number, through: IsoDate): Promise<TripartiteRecords> {
	const [tags, events, later] = await Promise.all([
		constituentTags(db, programmeId),
		listDialogueEvents(db, programmeId, { through }),
		db
			.selectFrom('audit_log')
			.select(['id', 'entity', 'entity_id', 'at', 'before'])
			.where('programme_id', '=', programmeId)
			.where('at', '>=', dayAfter(through))
			.where('entity', 'in', [...ENTITIES])
			.where((eb) =>
				eb.or([
					eb.and([eb('action', '=', 'tag_constituents'), eb('entity', 'in', [...TAGGABLE])]),
					eb.and([eb('action', '=', 'update'), eb('entity', '=', 'social_dialogue_event')])
				])
			)
			.orderBy('at')
			.orderBy('id')
			.execute()
	]);
	const changes = new Map<string, LaterChange[]>();
	for (const row of later) {
		const id = Number(row.entity_id);
		if (!Number.isSafeInteger(id)) continue;
		const list = changes.get(row.entity) ?? [];
		list.push({ entityId: id, at: row.at, before: parseObject(row.before) });
		changes.set(row.entity, list);
	}
	return { tags: tagsAtDate(tags, changes), events: eventsAtDate(events, valuesAtDate(changes.get('social_dialogue_event') ?? [])) };
}

function parseObject(text: string | null): Record<string, unknown> | null {
	if (text === null) return null;
	try {
		const parsed: unknown = JSON.parse(text);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

/** The constituents of a list as recorded, in the one order; null when it is not such a list. */
function constituentsOf(value: unknown): Constituent[] | null {
	if (!Array.isArray(value)) return null;
	return CONSTITUENTS.filter((c) => value.includes(c));
}

function tagsAtDate(
	current: Record<Taggable, Map<number, Constituent[]>>,
	changes: ReadonlyMap<string, LaterChange[]>
): Record<Taggable, Map<number, Constituent[]>> {
	const result = {} as Record<Taggable, Map<number, Constituent[]>>;
	for (const entity of TAGGABLE) {
		const map = new Map(current[entity]);
		for (const [id, fields] of valuesAtDate(changes.get(entity) ?? [])) {
			const earlier = constituentsOf(fields.constituents);
			if (!earlier) continue;
			if (earlier.length) map.set(id, earlier);
			else map.delete(id);
		}
		result[entity] = map;
	}
	return result;
}

function eventsAtDate(events: readonly DialogueEvent[], fields: ReadonlyMap<number, Record<string, unknown>>): DialogueEvent[] {
	return events.map((e) => {
		const recorded = fields.get(e.id)?.parties;
		if (!Array.isArray(recorded)) return e;
		const parties: DialogueParty[] = CONSTITUENTS.flatMap((c) =>
			recorded
				.filter(
					(p): p is { constituent: string; names?: unknown } =>
						!!p && typeof p === 'object' && (p as { constituent?: unknown }).constituent === c
				)
				.map((p) => ({ constituent: c, names: typeof p.names === 'string' ? p.names : '' }))
		);
		return { ...e, parties };
	});
}
