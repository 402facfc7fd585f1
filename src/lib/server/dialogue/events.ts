import { z } from 'zod';
import { CONSTITUENTS, type Constituent } from '$lib/constituents';
import type { IsoDate, Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { recordAudit } from '../core/audit';
import { DomainValidationError } from '../core/errors';
import { checkbox, dateField, optionalMultilineText, optionalText, optionalUrlField, text } from '../core/validation';
import { inTransaction, type Executor } from '../db/executor';

// Social-dialogue events of a programme (issue 25): the date, the body that met, the parties
// present by constituent group with their names, the outcome and the evidence.

export interface DialogueParty {
	constituent: Constituent;
	names: string;
}

export interface DialogueEvent {
	id: number;
	heldOn: IsoDate;
	body: string;
	outcome: string;
	evidenceUrl: string | null;
	isIllustrative: boolean;
	parties: DialogueParty[];
	version: number;
}

const partyFields = Object.fromEntries(
	CONSTITUENTS.flatMap((c) => [
		[`present_${c}`, checkbox()],
		[`names_${c}`, optionalText(500)]
	])
) as Record<`present_${Constituent}` | `names_${Constituent}`, z.ZodType>;

export const dialogueEventSchema = z
	.object({
		heldOn: dateField(),
		body: text(300),
		outcome: optionalMultilineText(4000),
		evidenceUrl: optionalUrlField(),
		...partyFields
	})
	.transform((data) => {
		const d = data as Record<string, unknown>;
		return {
			heldOn: d.heldOn as string,
			body: d.body as string,
			outcome: (d.outcome as string) ?? '',
			evidenceUrl: (d.evidenceUrl as string | null) ?? null,
			parties: CONSTITUENTS.filter((c) => d[`present_${c}`] === true).map((c) => ({
				constituent: c,
				names: (d[`names_${c}`] as string) ?? ''
			}))
		};
	});
export type DialogueEventInput = z.output<typeof dialogueEventSchema>;

/** Every event of the programme, newest first, with its parties. Two statements. */
export async function listDialogueEvents(db: Executor, programmeId: number, options: { through?: IsoDate } = {}): Promise<DialogueEvent[]> {
	let query = db.selectFrom('social_dialogue_event').selectAll().where('programme_id', '=', programmeId);
	if (options.through) query = query.where('held_on', '<=', options.through);
	const [events, parties] = await Promise.all([
		query.orderBy('held_on', 'desc').orderBy('id', 'desc').execute(),
		db
			.selectFrom('social_dialogue_party')
			.innerJoin('social_dialogue_event', 'social_dialogue_event.id', 'social_dialogue_party.event_id')
			.select(['social_dialogue_party.event_id', 'social_dialogue_party.constituent', 'social_dialogue_party.names'])
			.where('social_dialogue_event.programme_id', '=', programmeId)
			.execute()
	]);
	return events.map((e) => ({
		id: e.id,
		heldOn: e.held_on,
		body: e.body,
		outcome: e.outcome,
		evidenceUrl: e.evidence_url,
		isIllustrative: e.is_illustrative === 1,
		version: e.version,
		parties: CONSTITUENTS.flatMap((c) =>
			parties.filter((p) => p.event_id === e.id && p.constituent === c).map((p) => ({ constituent: c, names: p.names }))
		)
	}));
}

export async function createDialogueEvent(db: Executor, actor: Actor, programme: Programme, input: DialogueEventInput): Promise<number> {
	if (input.parties.length === 0) throw new DomainValidationError({ present_government: { key: 'dialogue.partyRequired' } });
	return inTransaction(db, async (trx) => {
		const { id } = await trx
			.insertInto('social_dialogue_event')
			.values({
				programme_id: programme.id,
				held_on: input.heldOn,
				body: input.body,
				outcome: input.outcome,
				evidence_url: input.evidenceUrl
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('social_dialogue_party')
			.values(input.parties.map((p) => ({ event_id: id, constituent: p.constituent, names: p.names })))
			.execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'social_dialogue_event',
			entityId: id,
			action: 'create',
			after: { heldOn: input.heldOn, body: input.body, outcome: input.outcome, evidenceUrl: input.evidenceUrl, parties: input.parties }
		});
		return id;
	});
}
