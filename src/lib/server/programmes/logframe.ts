import type { Actor } from '../core/actor';
import { checkWithinProgramme } from '../core/dates';
import { sql } from 'kysely';
import { z } from 'zod';
import { ACTIVITY_STATUSES, type Programme } from '$lib/model';
import { changedFields, recordAudit } from '../core/audit';
import { type Executor, inTransaction, onCommit } from '../db/executor';
import {
	auditOfCascade,
	cascadeOf,
	dropEvidenceRows,
	impactSummary,
	removeEvidenceFiles,
	type CascadeScope,
	type ImpactSummary
} from '../core/cascade';
import { ConflictError, DomainValidationError, ForbiddenTransitionError, NotFoundError } from '../core/errors';
import { toActivity, toModule, toOutput } from './programmes';
import {
	enumField,
	idField,
	numberField,
	optionalDateField,
	optionalMultilineText,
	optionalText,
	text,
	versionField
} from '../core/validation';
import { assertSaved } from '../core/versioning';

// Editing the logframe skeleton: modules, outputs and activities (periods: periods.ts). Every
// function checks that the record belongs to the programme it is called for, writes one audit
// row, and refuses a save made on a stale version.

export const moduleSchema = z.object({
	code: text(20),
	title: text(300),
	objective: optionalMultilineText(2000)
});
export const outputSchema = z.object({
	moduleId: idField(),
	code: text(20),
	title: text(300),
	description: optionalMultilineText(2000)
});
export const activitySchema = z.object({
	outputId: idField(),
	code: text(20),
	title: text(300),
	plannedStart: optionalDateField(),
	plannedEnd: optionalDateField(),
	actualStart: optionalDateField(),
	actualEnd: optionalDateField(),
	status: enumField(ACTIVITY_STATUSES),
	progress: numberField({ min: 0, max: 100, integer: true }),
	responsible: optionalText(200),
	/** Why it departs from its plan (issue 21): printed beside it in the donor reports. */
	deviationReason: optionalMultilineText(2000)
});
export const versioned = z.object({ id: idField(), version: versionField() });
export const moveSchema = z.object({ id: idField(), direction: z.enum(['up', 'down']) });

export type ModuleInput = z.output<typeof moduleSchema>;
export type OutputInput = z.output<typeof outputSchema>;
export type ActivityInput = z.output<typeof activitySchema>;

// ---- lookups scoped to a programme -------------------------------------------------------------

async function moduleIn(db: Executor, programmeId: number, id: number) {
	const row = await db.selectFrom('module').selectAll().where('id', '=', id).where('programme_id', '=', programmeId).executeTakeFirst();
	if (!row) throw new NotFoundError('module', id);
	return row;
}

async function outputIn(db: Executor, programmeId: number, id: number) {
	const row = await db
		.selectFrom('output')
		.innerJoin('module', 'module.id', 'output.module_id')
		.selectAll('output')
		.where('output.id', '=', id)
		.where('module.programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('output', id);
	return row;
}

async function activityIn(db: Executor, programmeId: number, id: number) {
	const row = await db
		.selectFrom('activity')
		.innerJoin('output', 'output.id', 'activity.output_id')
		.innerJoin('module', 'module.id', 'output.module_id')
		.selectAll('activity')
		.where('activity.id', '=', id)
		.where('module.programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('activity', id);
	return row;
}

// ---- rules -------------------------------------------------------------------------------------

async function checkCodeFree(
	db: Executor,
	table: 'module' | 'output' | 'activity',
	parent: { column: 'programme_id' | 'module_id' | 'output_id'; id: number },
	code: string,
	exceptId?: number
) {
	let q = db.selectFrom(table).select('id').where(sql.ref(parent.column), '=', parent.id).where('code', '=', code);
	if (exceptId) q = q.where('id', '!=', exceptId);
	if (await q.executeTakeFirst()) throw new DomainValidationError({ code: { key: 'logframe.codeTaken' } });
}

async function nextSortOrder(
	db: Executor,
	table: 'module' | 'output' | 'activity',
	column: 'programme_id' | 'module_id' | 'output_id',
	parentId: number
) {
	const row = await db
		.selectFrom(table)
		.select((eb) => eb.fn.max<number | null>('sort_order').as('max'))
		.where(sql.ref(column), '=', parentId)
		.executeTakeFirst();
	return (row?.max ?? -1) + 1;
}

// ---- modules -----------------------------------------------------------------------------------

export async function createModule(db: Executor, actor: Actor, programme: Programme, input: ModuleInput): Promise<number> {
	return inTransaction(db, async (trx) => {
		await checkCodeFree(trx, 'module', { column: 'programme_id', id: programme.id }, input.code);
		const { id } = await trx
			.insertInto('module')
			.values({ programme_id: programme.id, ...input, sort_order: await nextSortOrder(trx, 'module', 'programme_id', programme.id) })
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, { userId: actor.id, programmeId: programme.id, entity: 'module', entityId: id, action: 'create', after: input });
		return id;
	});
}

export async function updateModule(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: ModuleInput
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = toModule(await moduleIn(trx, programme.id, id));
		await checkCodeFree(trx, 'module', { column: 'programme_id', id: programme.id }, input.code, id);
		const result = await trx
			.updateTable('module')
			.set({ ...input, version: sql`version + 1` })
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'module', id);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'module',
			entityId: id,
			action: 'update',
			...changedFields(before, input)
		});
	});
}

// ---- outputs -----------------------------------------------------------------------------------

export async function createOutput(db: Executor, actor: Actor, programme: Programme, input: OutputInput): Promise<number> {
	return inTransaction(db, async (trx) => {
		await moduleIn(trx, programme.id, input.moduleId);
		await checkCodeFree(trx, 'output', { column: 'module_id', id: input.moduleId }, input.code);
		const { id } = await trx
			.insertInto('output')
			.values({
				module_id: input.moduleId,
				code: input.code,
				title: input.title,
				description: input.description,
				sort_order: await nextSortOrder(trx, 'output', 'module_id', input.moduleId)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, { userId: actor.id, programmeId: programme.id, entity: 'output', entityId: id, action: 'create', after: input });
		return id;
	});
}

export async function updateOutput(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: OutputInput
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = toOutput(await outputIn(trx, programme.id, id));
		await moduleIn(trx, programme.id, input.moduleId);
		await checkCodeFree(trx, 'output', { column: 'module_id', id: input.moduleId }, input.code, id);
		const moved = before.moduleId !== input.moduleId;
		const result = await trx
			.updateTable('output')
			.set({
				module_id: input.moduleId,
				code: input.code,
				title: input.title,
				description: input.description,
				...(moved ? { sort_order: await nextSortOrder(trx, 'output', 'module_id', input.moduleId) } : {}),
				version: sql`version + 1`
			})
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'output', id);
		// Output-level indicators follow their output to its new module.
		if (moved) await trx.updateTable('indicator').set({ module_id: input.moduleId }).where('output_id', '=', id).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'output',
			entityId: id,
			action: 'update',
			...changedFields(before, input)
		});
	});
}

// ---- activities --------------------------------------------------------------------------------

function activityValues(input: ActivityInput) {
	return {
		output_id: input.outputId,
		code: input.code,
		title: input.title,
		planned_start: input.plannedStart,
		planned_end: input.plannedEnd,
		actual_start: input.actualStart,
		actual_end: input.actualEnd,
		status: input.status,
		progress: input.progress,
		responsible: input.responsible,
		deviation_reason: input.deviationReason
	};
}

export function checkActivityDates(programme: Programme, input: ActivityInput) {
	checkWithinProgramme(
		programme,
		{ plannedStart: input.plannedStart, plannedEnd: input.plannedEnd, actualStart: input.actualStart, actualEnd: input.actualEnd },
		[
			['plannedStart', 'plannedEnd'],
			['actualStart', 'actualEnd']
		]
	);
	if (input.status === 'completed' && input.progress !== 100) {
		throw new DomainValidationError({ progress: { key: 'logframe.completedMeansFull' } });
	}
}

export async function createActivity(db: Executor, actor: Actor, programme: Programme, input: ActivityInput): Promise<number> {
	checkActivityDates(programme, input);
	return inTransaction(db, async (trx) => {
		await outputIn(trx, programme.id, input.outputId);
		await checkCodeFree(trx, 'activity', { column: 'output_id', id: input.outputId }, input.code);
		const { id } = await trx
			.insertInto('activity')
			.values({ ...activityValues(input), sort_order: await nextSortOrder(trx, 'activity', 'output_id', input.outputId) })
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'activity',
			entityId: id,
			action: 'create',
			after: input
		});
		return id;
	});
}

export async function updateActivity(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: ActivityInput
): Promise<void> {
	checkActivityDates(programme, input);
	await inTransaction(db, async (trx) => {
		const before = toActivity(await activityIn(trx, programme.id, id));
		await outputIn(trx, programme.id, input.outputId);
		await checkCodeFree(trx, 'activity', { column: 'output_id', id: input.outputId }, input.code, id);
		const result = await trx
			.updateTable('activity')
			.set({ ...activityValues(input), version: sql`version + 1` })
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'activity', id);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'activity',
			entityId: id,
			action: 'update',
			...changedFields(before, input)
		});
	});
}

// ---- order -------------------------------------------------------------------------------------

const PARENT = { module: 'programme_id', output: 'module_id', activity: 'output_id' } as const;
export type LogframeEntity = keyof typeof PARENT;

/** Swaps the record with its neighbour above or below, within the same parent. */
export async function moveLogframeItem(
	db: Executor,
	actor: Actor,
	programme: Programme,
	entity: LogframeEntity,
	id: number,
	direction: 'up' | 'down'
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const row =
			entity === 'module'
				? await moduleIn(trx, programme.id, id)
				: entity === 'output'
					? await outputIn(trx, programme.id, id)
					: await activityIn(trx, programme.id, id);
		const parentColumn = PARENT[entity];
		const parentId = (row as unknown as Record<string, number>)[parentColumn]!;
		const siblings = await trx
			.selectFrom(entity)
			.select(['id', 'sort_order'])
			.where(sql.ref(parentColumn), '=', parentId)
			.orderBy('sort_order')
			.orderBy('id')
			.execute();
		const index = siblings.findIndex((s) => s.id === id);
		const swapWith = siblings[direction === 'up' ? index - 1 : index + 1];
		if (!swapWith) return;
		// Renumber the whole list so equal sort orders (older data) cannot make a swap a no-op.
		const order = siblings.map((s) => s.id);
		order[index] = swapWith.id;
		order[siblings.indexOf(swapWith)] = id;
		for (const [position, siblingId] of order.entries()) {
			await trx.updateTable(entity).set({ sort_order: position }).where('id', '=', siblingId).execute();
		}
		await recordAudit(trx, { userId: actor.id, programmeId: programme.id, entity, entityId: id, action: 'reorder', after: { direction } });
	});
}

// ---- deletion ----------------------------------------------------------------------------------

function scopeOf(entity: LogframeEntity, id: number): CascadeScope {
	return entity === 'module' ? { moduleIds: [id] } : entity === 'output' ? { outputIds: [id] } : { activityIds: [id] };
}

/** What goes with a module, output or activity when it is deleted (shown before confirming). */
export async function deletionImpact(db: Executor, programmeId: number, entity: LogframeEntity, id: number): Promise<ImpactSummary> {
	if (entity === 'module') await moduleIn(db, programmeId, id);
	else if (entity === 'output') await outputIn(db, programmeId, id);
	else await activityIn(db, programmeId, id);
	return impactSummary(await cascadeOf(db, scopeOf(entity, id)));
}

/**
 * Deletes a module, output or activity and everything under it, keeping a full audit record of
 * what went. Refused while any of it holds values of a period whose report was issued.
 */
export async function deleteLogframeItem(
	db: Executor,
	actor: Actor,
	programme: Programme,
	entity: LogframeEntity,
	id: number,
	version: number
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const row =
			entity === 'module'
				? toModule(await moduleIn(trx, programme.id, id))
				: entity === 'output'
					? toOutput(await outputIn(trx, programme.id, id))
					: toActivity(await activityIn(trx, programme.id, id));
		if (row.version !== version) throw new ConflictError(entity, id);
		const cascade = await cascadeOf(trx, scopeOf(entity, id));
		if (cascade.lockedValues > 0) throw new ForbiddenTransitionError('logframe.lockedData');
		await dropEvidenceRows(trx, cascade);
		await trx.deleteFrom(entity).where('id', '=', id).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity,
			entityId: id,
			action: 'delete',
			before: { ...row, ...auditOfCascade(cascade) }
		});
		// The files go only once the outermost transaction commits: a rollback keeps them.
		await onCommit(trx, () => removeEvidenceFiles(cascade));
		return cascade;
	});
}
