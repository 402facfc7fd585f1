import type { Actor } from '../core/actor';
import { sql } from 'kysely';
import { z } from 'zod';
import { daysOverdue, isOverdue } from '$lib/adoption';
import { KEY_ACTION_STATUSES, type IsoDate, type KeyAction, type Programme } from '$lib/model';
import { changedFields, recordAudit } from '../core/audit';
import { type Executor, inTransaction } from '../db/executor';
import type { KeyActionRow } from '../db/schema';
import { ConflictError, DomainValidationError, NotFoundError } from '../core/errors';
import { recommendationIn } from './recommendations';
import { enumField, idField, multilineText, optionalDateField, optionalText, versionField } from '../core/validation';
import { assertSaved } from '../core/versioning';

// Key actions of a recommendation (design §2): what will be done, by whom, by when, and how far
// it got. Overdue (past due and neither completed nor no longer applicable) is computed as of a
// date the caller gives, never stored, so it can never go stale.

export interface KeyActionView extends KeyAction {
	/** Days past due as of the date it was judged on; null when not overdue. */
	daysOverdue: number | null;
}

export function toKeyAction(row: KeyActionRow, today: IsoDate): KeyActionView {
	const base = { dueDate: row.due_date, status: row.status };
	return {
		id: row.id,
		recommendationId: row.recommendation_id,
		action: row.action,
		responsible: row.responsible,
		dueDate: row.due_date,
		status: row.status,
		overdue: isOverdue(base, today),
		daysOverdue: daysOverdue(base, today),
		isIllustrative: row.is_illustrative === 1,
		version: row.version
	};
}

export const keyActionSchema = z.object({
	action: multilineText(1000),
	responsible: optionalText(200),
	dueDate: optionalDateField(),
	status: enumField(KEY_ACTION_STATUSES)
});
export type KeyActionInput = z.output<typeof keyActionSchema>;
export const keyActionEditSchema = keyActionSchema.extend({ keyActionId: idField(), version: versionField() });
export const keyActionDeleteSchema = z.object({ keyActionId: idField(), version: versionField() });

async function keyActionIn(db: Executor, programmeId: number, recommendationId: number, id: number): Promise<KeyActionRow> {
	const row = await db
		.selectFrom('key_action')
		.innerJoin('recommendation', 'recommendation.id', 'key_action.recommendation_id')
		.selectAll('key_action')
		.where('key_action.id', '=', id)
		.where('key_action.recommendation_id', '=', recommendationId)
		.where('recommendation.programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('key_action', id);
	return row;
}

/** A due date before the recommendation was made is a typing mistake. */
function checkDueDate(input: KeyActionInput, issuedOn: IsoDate) {
	if (input.dueDate && input.dueDate < issuedOn) {
		throw new DomainValidationError({ dueDate: { key: 'recommendations.dueBeforeIssued', params: { date: issuedOn } } });
	}
}

const columns = (input: KeyActionInput) => ({
	action: input.action,
	responsible: input.responsible,
	due_date: input.dueDate,
	status: input.status
});

export async function addKeyAction(
	db: Executor,
	actor: Actor,
	programme: Programme,
	recommendationId: number,
	input: KeyActionInput
): Promise<number> {
	return inTransaction(db, async (trx) => {
		const rec = await recommendationIn(trx, programme.id, recommendationId);
		checkDueDate(input, rec.issued_on);
		const { id } = await trx
			.insertInto('key_action')
			.values({ recommendation_id: recommendationId, ...columns(input) })
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'key_action',
			entityId: id,
			action: 'create',
			after: { recommendationId, ...input }
		});
		return id;
	});
}

export async function updateKeyAction(
	db: Executor,
	actor: Actor,
	programme: Programme,
	recommendationId: number,
	id: number,
	version: number,
	input: KeyActionInput
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const rec = await recommendationIn(trx, programme.id, recommendationId);
		const row = await keyActionIn(trx, programme.id, recommendationId, id);
		if (row.version !== version) throw new ConflictError('key_action', id);
		checkDueDate(input, rec.issued_on);
		const result = await trx
			.updateTable('key_action')
			// Edited by a person: no longer the seed's illustration.
			.set({ ...columns(input), is_illustrative: 0, updated_at: new Date().toISOString(), version: sql`version + 1` })
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'key_action', id);
		const before = { action: row.action, responsible: row.responsible, dueDate: row.due_date, status: row.status };
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'key_action',
			entityId: id,
			action: 'update',
			...changedFields(before, input)
		});
	});
}

export async function deleteKeyAction(
	db: Executor,
	actor: Actor,
	programme: Programme,
	recommendationId: number,
	id: number,
	version: number
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const row = await keyActionIn(trx, programme.id, recommendationId, id);
		if (row.version !== version) throw new ConflictError('key_action', id);
		await trx.deleteFrom('key_action').where('id', '=', id).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'key_action',
			entityId: id,
			action: 'delete',
			before: { recommendationId, action: row.action, responsible: row.responsible, dueDate: row.due_date, status: row.status }
		});
	});
}

/** The name of a key action for the delete confirmation (scoped like every lookup). */
export async function keyActionName(db: Executor, programmeId: number, recommendationId: number, id: number): Promise<string> {
	return (await keyActionIn(db, programmeId, recommendationId, id)).action;
}
