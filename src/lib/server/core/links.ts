import type { Kysely } from 'kysely';
import type { Executor } from '../db/executor';
import { DomainValidationError, type FieldErrors } from './errors';

// Many-to-many links (a risk and the indicators it threatens, a recommendation and its modules…)
// and the check that every linked record belongs to the same programme.

/** Each link table: the column of the record that owns the links, and the column of the linked one. */
const LINK_TABLES = {
	risk_indicator: ['risk_id', 'indicator_id'],
	gender_action_indicator: ['action_id', 'indicator_id'],
	recommendation_module: ['recommendation_id', 'module_id'],
	recommendation_output: ['recommendation_id', 'output_id'],
	recommendation_indicator: ['recommendation_id', 'indicator_id'],
	recommendation_risk: ['recommendation_id', 'risk_id']
} as const;
export type LinkTable = keyof typeof LINK_TABLES;

// The link tables seen as plain two-column tables, so one function can write any of them.
type LinkDatabase = Record<LinkTable, Record<string, number>>;

/** Replaces every link of `ownerId` in `table` with `ids`. */
export async function replaceLinks(db: Executor, table: LinkTable, ownerId: number, ids: readonly number[]): Promise<void> {
	const [ownerColumn, linkedColumn] = LINK_TABLES[table];
	const links = db as unknown as Kysely<LinkDatabase>;
	await links.deleteFrom(table).where(ownerColumn, '=', ownerId).execute();
	if (ids.length) {
		await links
			.insertInto(table)
			.values(ids.map((id) => ({ [ownerColumn]: ownerId, [linkedColumn]: id })))
			.execute();
	}
}

export type OwnedKind = 'module' | 'output' | 'activity' | 'indicator' | 'risk';

/** The ids among `ids` that are records of `kind` in the programme (a module of another programme is not one). */
export async function ownedIds(db: Executor, programmeId: number, kind: OwnedKind, ids: readonly number[]): Promise<Set<number>> {
	if (ids.length === 0) return new Set();
	const list = [...ids];
	let rows: { id: number }[];
	if (kind === 'module' || kind === 'indicator' || kind === 'risk') {
		rows = await db.selectFrom(kind).select('id').where('programme_id', '=', programmeId).where('id', 'in', list).execute();
	} else if (kind === 'output') {
		rows = await db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select('output.id')
			.where('module.programme_id', '=', programmeId)
			.where('output.id', 'in', list)
			.execute();
	} else {
		rows = await db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select('activity.id')
			.where('module.programme_id', '=', programmeId)
			.where('activity.id', 'in', list)
			.execute();
	}
	return new Set(rows.map((r) => r.id));
}

/** Refuses, next to `field`, any id that is not a record of `kind` in the programme. */
export async function requireOwned(
	db: Executor,
	programmeId: number,
	kind: OwnedKind,
	ids: readonly number[],
	field: string,
	key: FieldErrors[string]['key'] = 'validation.unknownRecord'
): Promise<void> {
	const owned = await ownedIds(db, programmeId, kind, ids);
	if (ids.some((id) => !owned.has(id))) throw new DomainValidationError({ [field]: { key } });
}
