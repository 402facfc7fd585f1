import type { Actor } from '../core/actor';
import { sql } from 'kysely';
import { z } from 'zod';
import {
	GENDER_ACTION_STATUSES,
	GENDER_ACTION_TYPES,
	type GenderAction,
	type GenderActionStatus,
	type GenderActionType,
	type Programme
} from '$lib/model';
import { changedFields, recordAudit } from '../core/audit';
import { type Executor, inTransaction } from '../db/executor';
import type { GenderActionRow } from '../db/schema';
import { ConflictError, DomainValidationError, NotFoundError } from '../core/errors';
import { checkWithinProgramme } from '../core/dates';
import { replaceLinks, requireOwned } from '../core/links';
import {
	enumField,
	idField,
	idListField,
	optionalDateField,
	optionalMultilineText,
	optionalText,
	optionalUrlField,
	text,
	versionField
} from '../core/validation';
import { assertSaved } from '../core/versioning';

// Gender-strategy actions (design §2 "gender_action"): one module each (or the whole programme),
// linked to the sex-disaggregated indicators whose gap they are meant to close.

/** A module id from a select, or blank for a programme-wide action. */
const optionalModuleField = () =>
	z.preprocess((v) => (v === '' || v === undefined ? null : v), idField().nullable()).transform((v) => v ?? null);

export const genderActionSchema = z.object({
	moduleId: optionalModuleField(),
	title: text(300),
	description: optionalMultilineText(4000),
	type: enumField(GENDER_ACTION_TYPES),
	responsible: optionalText(200),
	partner: optionalText(200),
	startDate: optionalDateField(),
	dueDate: optionalDateField(),
	status: enumField(GENDER_ACTION_STATUSES),
	evidenceUrl: optionalUrlField(),
	internalNotes: optionalMultilineText(4000),
	indicatorIds: idListField(200)
});
export const genderActionEditSchema = genderActionSchema.extend({ version: versionField() });
export type GenderActionInput = z.output<typeof genderActionSchema>;

export function toGenderAction(row: GenderActionRow, indicatorIds: number[]): GenderAction {
	return {
		id: row.id,
		programmeId: row.programme_id,
		moduleId: row.module_id,
		title: row.title,
		description: row.description,
		type: row.type as GenderActionType,
		responsible: row.responsible,
		partner: row.partner,
		startDate: row.start_date,
		dueDate: row.due_date,
		status: row.status as GenderActionStatus,
		evidenceUrl: row.evidence_url,
		internalNotes: row.internal_notes,
		indicatorIds,
		version: row.version
	};
}

export async function genderActionIn(db: Executor, programmeId: number, id: number): Promise<GenderAction> {
	const row = await db
		.selectFrom('gender_action')
		.selectAll()
		.where('id', '=', id)
		.where('programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('gender_action', id);
	const links = await db
		.selectFrom('gender_action_indicator')
		.select('indicator_id')
		.where('action_id', '=', id)
		.orderBy('indicator_id')
		.execute();
	return toGenderAction(
		row,
		links.map((l) => l.indicator_id)
	);
}

async function checkAction(db: Executor, programme: Programme, input: GenderActionInput) {
	checkWithinProgramme(programme, { startDate: input.startDate, dueDate: input.dueDate }, [['startDate', 'dueDate']]);
	if (input.moduleId !== null) {
		const m = await db
			.selectFrom('module')
			.select('id')
			.where('id', '=', input.moduleId)
			.where('programme_id', '=', programme.id)
			.executeTakeFirst();
		if (!m) throw new DomainValidationError({ moduleId: { key: 'validation.unknownRecord' } });
	}
	// Only sex-disaggregated indicators can show the gap an action is meant to close.
	await requireOwned(db, programme.id, 'indicator', input.indicatorIds, 'indicatorIds', 'risks.unknownIndicator');
	// An action closes a gap between women and men: only indicators split by sex show one.
	if (input.indicatorIds.length) {
		const notSplit = await db
			.selectFrom('indicator')
			.select('id')
			.where('id', 'in', input.indicatorIds)
			.where('disaggregated_by_sex', '=', 0)
			.executeTakeFirst();
		if (notSplit) throw new DomainValidationError({ indicatorIds: { key: 'gender.indicatorNotDisaggregated' } });
	}
}

function columns(input: GenderActionInput) {
	return {
		module_id: input.moduleId,
		title: input.title,
		description: input.description,
		type: input.type,
		responsible: input.responsible,
		partner: input.partner,
		start_date: input.startDate,
		due_date: input.dueDate,
		status: input.status,
		evidence_url: input.evidenceUrl,
		internal_notes: input.internalNotes
	};
}

export async function createGenderAction(db: Executor, actor: Actor, programme: Programme, input: GenderActionInput): Promise<number> {
	return inTransaction(db, async (trx) => {
		await checkAction(trx, programme, input);
		const { id } = await trx
			.insertInto('gender_action')
			.values({ programme_id: programme.id, ...columns(input) })
			.returning('id')
			.executeTakeFirstOrThrow();
		await replaceLinks(trx, 'gender_action_indicator', id, input.indicatorIds);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'gender_action',
			entityId: id,
			action: 'create',
			after: input
		});
		return id;
	});
}

export async function updateGenderAction(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: GenderActionInput
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = await genderActionIn(trx, programme.id, id);
		await checkAction(trx, programme, input);
		const result = await trx
			.updateTable('gender_action')
			.set({ ...columns(input), updated_at: new Date().toISOString(), version: sql`version + 1` })
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'gender_action', id);
		await replaceLinks(trx, 'gender_action_indicator', id, input.indicatorIds);
		// Lists compare by content, not identity, so an untouched link list is not reported as changed.
		const { indicatorIds, ...fields } = input;
		const diff = changedFields(before, fields);
		if (before.indicatorIds.join(',') !== indicatorIds.join(',')) {
			diff.before.indicatorIds = before.indicatorIds;
			diff.after.indicatorIds = indicatorIds;
		}
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'gender_action',
			entityId: id,
			action: 'update',
			...diff
		});
	});
}

export async function deleteGenderAction(db: Executor, actor: Actor, programme: Programme, id: number, version: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = await genderActionIn(trx, programme.id, id);
		if (before.version !== version) throw new ConflictError('gender_action', id);
		await trx.deleteFrom('gender_action').where('id', '=', id).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'gender_action',
			entityId: id,
			action: 'delete',
			before
		});
	});
}
