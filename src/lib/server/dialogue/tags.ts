import { z } from 'zod';
import { CONSTITUENTS, TAGGABLE, type Constituent, type Taggable } from '$lib/constituents';
import type { Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { recordAudit, recordAudits } from '../core/audit';
import { NotFoundError } from '../core/errors';
import { checkbox, enumField, idField } from '../core/validation';
import { inTransaction, type Executor } from '../db/executor';

// Which constituents took part in an activity, an output or a recommendation (issue 25).

const constituentList = () =>
	z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(enumField(CONSTITUENTS)).max(4));

export const constituentTagSchema = z.object({
	entity: enumField(TAGGABLE),
	entityId: idField(),
	constituents: constituentList()
});

/**
 * The constituents fieldset of an activity, output or recommendation form, to `.extend()` its
 * schema with: the ticked groups, and whether the form carried the fieldset at all (a form
 * without it leaves the record's constituents alone).
 */
export const constituentFormFields = { constituents: constituentList(), constituentsShown: checkbox() };

/** The record must belong to the programme (an activity or output through its module). */
async function assertInProgramme(db: Executor, programmeId: number, entity: Taggable, id: number) {
	const row =
		entity === 'recommendation'
			? await db.selectFrom('recommendation').select('id').where('id', '=', id).where('programme_id', '=', programmeId).executeTakeFirst()
			: entity === 'output'
				? await db
						.selectFrom('output')
						.innerJoin('module', 'module.id', 'output.module_id')
						.select('output.id')
						.where('output.id', '=', id)
						.where('module.programme_id', '=', programmeId)
						.executeTakeFirst()
				: await db
						.selectFrom('activity')
						.innerJoin('output', 'output.id', 'activity.output_id')
						.innerJoin('module', 'module.id', 'output.module_id')
						.select('activity.id')
						.where('activity.id', '=', id)
						.where('module.programme_id', '=', programmeId)
						.executeTakeFirst();
	if (!row) throw new NotFoundError(entity, id);
}

/** Replaces the constituents of one record, in the audit log when they change. */
export async function setConstituents(
	db: Executor,
	actor: Actor,
	programme: Programme,
	entity: Taggable,
	entityId: number,
	constituents: readonly Constituent[]
): Promise<void> {
	const wanted = CONSTITUENTS.filter((c) => constituents.includes(c));
	await inTransaction(db, async (trx) => {
		await assertInProgramme(trx, programme.id, entity, entityId);
		const before = (
			await trx.selectFrom('constituent_tag').select('constituent').where('entity', '=', entity).where('entity_id', '=', entityId).execute()
		).map((r) => r.constituent);
		const previous = CONSTITUENTS.filter((c) => before.includes(c));
		if (previous.join() === wanted.join()) return;
		await trx.deleteFrom('constituent_tag').where('entity', '=', entity).where('entity_id', '=', entityId).execute();
		if (wanted.length)
			await trx
				.insertInto('constituent_tag')
				.values(wanted.map((constituent) => ({ programme_id: programme.id, entity, entity_id: entityId, constituent })))
				.execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity,
			entityId,
			action: 'tag_constituents',
			before: { constituents: previous },
			after: { constituents: wanted }
		});
	});
}

/** The constituents of every tagged record of the programme, by kind then id. One statement. */
export async function constituentTags(db: Executor, programmeId: number): Promise<Record<Taggable, Map<number, Constituent[]>>> {
	const rows = await db
		.selectFrom('constituent_tag')
		.select(['entity', 'entity_id', 'constituent'])
		.where('programme_id', '=', programmeId)
		.execute();
	const out: Record<Taggable, Map<number, Constituent[]>> = { activity: new Map(), output: new Map(), recommendation: new Map() };
	for (const r of rows) {
		const list = out[r.entity].get(r.entity_id) ?? [];
		list.push(r.constituent);
		out[r.entity].set(r.entity_id, list);
	}
	for (const map of Object.values(out))
		for (const [id, list] of map)
			map.set(
				id,
				CONSTITUENTS.filter((c) => list.includes(c))
			);
	return out;
}

/** A record about to be deleted: its own tags go, and those of the outputs and activities under it. */
export type TaggedDeletion = { entity: 'module' | 'output' | 'activity' | 'recommendation'; id: number };

/**
 * Removes the constituents of a record that is being deleted, and of the records the deletion
 * takes with it (a module's outputs and their activities, an output's activities), each removal
 * in the audit log as a change to no constituents — so a report rebuilt as of an earlier date
 * still finds them (./as-of). Call it in the deletion's transaction, before the rows go (the
 * tags are found through them). Two statements and one audit row per tagged record.
 */
export async function dropConstituentTags(db: Executor, actor: Actor, programme: Programme, record: TaggedDeletion): Promise<void> {
	await inTransaction(db, async (trx) => {
		const { entity, id } = record;
		const rows = await trx
			.selectFrom('constituent_tag')
			.select(['id', 'entity', 'entity_id', 'constituent'])
			.where('programme_id', '=', programme.id)
			.where((eb) => {
				const outputs =
					entity === 'module'
						? eb.selectFrom('output').select('output.id').where('output.module_id', '=', id)
						: entity === 'output'
							? eb.selectFrom('output').select('output.id').where('output.id', '=', id)
							: null;
				const activities = outputs
					? eb.selectFrom('activity').select('activity.id').where('activity.output_id', 'in', outputs)
					: entity === 'activity'
						? eb.selectFrom('activity').select('activity.id').where('activity.id', '=', id)
						: null;
				return eb.or([
					...(entity === 'recommendation' ? [eb.and([eb('entity', '=', 'recommendation'), eb('entity_id', '=', id)])] : []),
					...(outputs ? [eb.and([eb('entity', '=', 'output'), eb('entity_id', 'in', outputs)])] : []),
					...(activities ? [eb.and([eb('entity', '=', 'activity'), eb('entity_id', 'in', activities)])] : [])
				]);
			})
			.orderBy('entity')
			.orderBy('entity_id')
			.execute();
		if (!rows.length) return;
		await trx
			.deleteFrom('constituent_tag')
			.where(
				'id',
				'in',
				rows.map((r) => r.id)
			)
			.execute();
		const byRecord = new Map<string, { entity: Taggable; entityId: number; constituents: Constituent[] }>();
		for (const r of rows) {
			const key = `${r.entity}:${r.entity_id}`;
			const found = byRecord.get(key) ?? { entity: r.entity, entityId: r.entity_id, constituents: [] };
			found.constituents.push(r.constituent);
			byRecord.set(key, found);
		}
		await recordAudits(
			trx,
			[...byRecord.values()].map((r) => ({
				userId: actor.id,
				programmeId: programme.id,
				entity: r.entity,
				entityId: r.entityId,
				action: 'tag_constituents',
				before: { constituents: CONSTITUENTS.filter((c) => r.constituents.includes(c)) },
				after: { constituents: [] }
			}))
		);
	});
}
