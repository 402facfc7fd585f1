import { sql } from 'kysely';
import type { Executor } from '../db/executor';
import type { AuditLogRow } from '../db/schema';

export interface AuditEntry {
	userId: number | null;
	programmeId?: number | null;
	entity: string;
	entityId: number | string;
	action: string;
	before?: unknown;
	after?: unknown;
	reason?: string | null;
}

export interface AuditRecord {
	id: number;
	at: string;
	userId: number | null;
	userName: string | null;
	programmeId: number | null;
	entity: string;
	entityId: string;
	action: string;
	before: Record<string, unknown> | null;
	after: Record<string, unknown> | null;
	reason: string | null;
}

const toJson = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** Writes one audit row. Call it inside the same transaction as the change it records. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			user_id: entry.userId,
			programme_id: entry.programmeId ?? null,
			entity: entry.entity,
			entity_id: String(entry.entityId),
			action: entry.action,
			before: toJson(entry.before),
			after: toJson(entry.after),
			reason: entry.reason ?? null
		})
		.execute();
}

/**
 * Writes many audit rows in a few statements (a batch of hundreds of changes, e.g. an import);
 * each row is exactly what recordAudit would write. Same transaction as the changes.
 */
export async function recordAudits(db: Executor, entries: readonly AuditEntry[]): Promise<void> {
	// 8 values a row: well under SQLite's limit of bound parameters per statement.
	for (let i = 0; i < entries.length; i += 500) {
		await db
			.insertInto('audit_log')
			.values(
				entries.slice(i, i + 500).map((entry) => ({
					user_id: entry.userId,
					programme_id: entry.programmeId ?? null,
					entity: entry.entity,
					entity_id: String(entry.entityId),
					action: entry.action,
					before: toJson(entry.before),
					after: toJson(entry.after),
					reason: entry.reason ?? null
				}))
			)
			.execute();
	}
}

/** Only the fields that changed, for a readable before/after pair. */
export function changedFields<T extends object>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } {
	const b: Partial<T> = {};
	const a: Partial<T> = {};
	for (const key of Object.keys(after) as (keyof T)[]) {
		if (after[key] !== undefined && before[key] !== after[key]) {
			b[key] = before[key];
			a[key] = after[key];
		}
	}
	return { before: b, after: a };
}

export interface AuditQuery {
	/** Records about any of these subjects (an entity and some of its ids). */
	subjects?: { entity: string; ids: (number | string)[] }[];
	programmeId?: number;
	limit?: number;
}

export async function listAudit(db: Executor, query: AuditQuery): Promise<AuditRecord[]> {
	const subjects = (query.subjects ?? []).filter((s) => s.ids.length > 0);
	if (query.subjects && subjects.length === 0) return [];
	let q = db
		.selectFrom('audit_log')
		.leftJoin('user', 'user.id', 'audit_log.user_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'audit_log.user_id',
			'user.name as user_name',
			'audit_log.programme_id',
			'audit_log.entity',
			'audit_log.entity_id',
			'audit_log.action',
			'audit_log.before',
			'audit_log.after',
			'audit_log.reason'
		])
		.orderBy('audit_log.at', 'desc')
		.orderBy('audit_log.id', 'desc')
		.limit(query.limit ?? 200);
	if (subjects.length) {
		q = q.where((eb) =>
			eb.or(subjects.map((s) => eb.and([eb('audit_log.entity', '=', s.entity), eb('audit_log.entity_id', 'in', s.ids.map(String))])))
		);
	}
	if (query.programmeId !== undefined) q = q.where('audit_log.programme_id', '=', query.programmeId);
	return (await q.execute()).map(toAuditRecord);
}

type AuditRow = Omit<AuditLogRow, 'before' | 'after'> & { user_name: string | null; before: string | null; after: string | null };

function toAuditRecord(r: AuditRow): AuditRecord {
	return {
		id: r.id,
		at: r.at,
		userId: r.user_id,
		userName: r.user_name,
		programmeId: r.programme_id,
		entity: r.entity,
		entityId: r.entity_id,
		action: r.action,
		before: r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null,
		after: r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null,
		reason: r.reason
	};
}

export interface AuditSearch {
	programmeId: number | null;
	entity: string | null;
	userId: number | null;
	from: string | null;
	to: string | null;
	text: string | null;
	/** Keyset paging: entries older than this id. */
	beforeId: number | null;
}

export interface AuditSearchEntry extends AuditRecord {
	programmeShortName: string | null;
}

/** The admin's audit search: newest first, `limit` + 1 fetched to know whether there is more. */
export async function searchAudit(db: Executor, search: AuditSearch, limit = 50): Promise<{ entries: AuditSearchEntry[]; more: boolean }> {
	let q = db
		.selectFrom('audit_log')
		.leftJoin('user', 'user.id', 'audit_log.user_id')
		.leftJoin('programme', 'programme.id', 'audit_log.programme_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'audit_log.user_id',
			'user.name as user_name',
			'audit_log.programme_id',
			'programme.short_name',
			'audit_log.entity',
			'audit_log.entity_id',
			'audit_log.action',
			'audit_log.before',
			'audit_log.after',
			'audit_log.reason'
		])
		.orderBy('audit_log.id', 'desc')
		.limit(limit + 1);
	if (search.programmeId !== null) q = q.where('audit_log.programme_id', '=', search.programmeId);
	if (search.entity) q = q.where('audit_log.entity', '=', search.entity);
	if (search.userId !== null) q = q.where('audit_log.user_id', '=', search.userId);
	if (search.from) q = q.where('audit_log.at', '>=', search.from);
	// `to` is a calendar date: include the whole day.
	if (search.to) q = q.where('audit_log.at', '<', `${search.to}T99`);
	if (search.beforeId !== null) q = q.where('audit_log.id', '<', search.beforeId);
	if (search.text) {
		const like = `%${search.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		q = q.where((eb) =>
			eb.or([
				eb('audit_log.before', 'like', sql<string>`${like} escape '\\'`),
				eb('audit_log.after', 'like', sql<string>`${like} escape '\\'`),
				eb('audit_log.reason', 'like', sql<string>`${like} escape '\\'`)
			])
		);
	}
	const rows = await q.execute();
	const entries = rows.slice(0, limit).map((r) => ({ ...toAuditRecord(r), programmeShortName: r.short_name }));
	return { entries, more: rows.length > limit };
}

export async function listAuditEntities(db: Executor): Promise<string[]> {
	const rows = await db.selectFrom('audit_log').select('entity').distinct().orderBy('entity').execute();
	return rows.map((r) => r.entity);
}
