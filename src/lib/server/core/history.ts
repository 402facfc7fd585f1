import { dayAfter, valuesAtDate, type LaterChange } from '$lib/as-of';
import type { IsoDate } from '$lib/model';
import type { Executor } from '../db/executor';

// The dated history of a programme's records, read from the audit trail: every update records
// the fields' values before it, so the changes recorded after a date, undone oldest first, give
// the records as they stood at that date (see $lib/as-of.ts). One statement whatever the size.

export type HistoryEntity = 'activity' | 'gender_action' | 'key_action' | 'risk' | 'indicator';

/** Per entity, per record id: the field values it had at `asOf` that have changed since. */
export type ValuesAtDate = Map<HistoryEntity, Map<number, Record<string, unknown>>>;

export async function loadValuesAtDate(
	db: Executor,
	programmeId: number,
	entities: readonly HistoryEntity[],
	asOf: IsoDate
): Promise<ValuesAtDate> {
	const rows = await db
		.selectFrom('audit_log')
		.select(['id', 'entity', 'entity_id', 'at', 'before'])
		.where('programme_id', '=', programmeId)
		.where('at', '>=', dayAfter(asOf))
		.where('action', '=', 'update')
		.where('entity', 'in', [...entities])
		.orderBy('at')
		.orderBy('id')
		.execute();
	const byEntity = new Map<HistoryEntity, LaterChange[]>();
	for (const row of rows) {
		let before: Record<string, unknown> | null;
		try {
			const parsed: unknown = row.before === null ? null : JSON.parse(row.before);
			before = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
		} catch {
			before = null;
		}
		const id = Number(row.entity_id);
		if (!Number.isSafeInteger(id)) continue;
		const entity = row.entity as HistoryEntity;
		let list = byEntity.get(entity);
		if (!list) byEntity.set(entity, (list = []));
		list.push({ entityId: id, at: row.at, before });
	}
	const result: ValuesAtDate = new Map();
	for (const entity of entities) result.set(entity, valuesAtDate(byEntity.get(entity) ?? []));
	return result;
}

/**
 * The records of `entity` written (created or changed) in the audit trail on or before `asOf`:
 * their fields that no later change touched are known to have held at the date. A record with no
 * such trace (seeded, or created later) has only its own dates as evidence. One statement.
 */
export async function loadRecordedBy(db: Executor, programmeId: number, entity: HistoryEntity, asOf: IsoDate): Promise<Set<number>> {
	const rows = await db
		.selectFrom('audit_log')
		.select('entity_id')
		.distinct()
		.where('programme_id', '=', programmeId)
		.where('entity', '=', entity)
		.where('action', 'in', ['create', 'update'])
		.where('at', '<', dayAfter(asOf))
		.execute();
	return new Set(rows.map((r) => Number(r.entity_id)).filter((id) => Number.isSafeInteger(id)));
}

/** Per indicator: its fields at the date (end target, baseline) and its period targets at the date. */
export interface TargetsAtDate {
	fields: Map<number, Record<string, unknown>>;
	targets: Map<number, Record<string, unknown>>;
}

/**
 * The indicators' targets as they stood at `asOf` (see $lib/target-history.ts): the changes to
 * indicators (updates) and to their period targets (`set_targets`) recorded after the date, for
 * all the given programmes in one statement.
 */
export async function loadTargetsAtDate(db: Executor, programmeIds: readonly number[], asOf: IsoDate): Promise<TargetsAtDate> {
	const rows = programmeIds.length
		? await db
				.selectFrom('audit_log')
				.select(['id', 'entity_id', 'at', 'action', 'before'])
				.where('programme_id', 'in', [...programmeIds])
				.where('at', '>=', dayAfter(asOf))
				.where('entity', '=', 'indicator')
				.where('action', 'in', ['update', 'set_targets'])
				.orderBy('at')
				.orderBy('id')
				.execute()
		: [];
	const updates: LaterChange[] = [];
	const targetChanges: LaterChange[] = [];
	for (const row of rows) {
		const id = Number(row.entity_id);
		if (!Number.isSafeInteger(id)) continue;
		let before: Record<string, unknown> | null;
		try {
			const parsed: unknown = row.before === null ? null : JSON.parse(row.before);
			before = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
		} catch {
			before = null;
		}
		(row.action === 'set_targets' ? targetChanges : updates).push({ entityId: id, at: row.at, before });
	}
	return { fields: valuesAtDate(updates), targets: valuesAtDate(targetChanges) };
}
