import { z } from 'zod';
import { CONSTITUENTS, TAGGABLE, type Constituent, type Taggable } from '$lib/constituents';
import type { Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { recordAudit } from '../core/audit';
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
