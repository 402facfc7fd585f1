import { otherLocale } from '$lib/content-language';
import { z } from 'zod';
import { CONSTITUENTS, type Constituent } from '$lib/constituents';
import type { IsoDate, Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { changedFields, recordAudit } from '../core/audit';
import { ConflictError, DomainValidationError, NotFoundError } from '../core/errors';
import { todayIso } from '../core/dates';
import { assertSaved } from '../core/versioning';
import { dropTranslations, saveTranslations } from '../core/translations';
import {
	checkbox,
	dateField,
	optionalMultilineText,
	optionalText,
	optionalUrlField,
	text,
	translationText,
	versionField
} from '../core/validation';
import { sql } from 'kysely';
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
		[`names_${c}`, optionalText(500)],
		// The names in the programme's other language (finding 4): translatable content like the body.
		[`names_${c}Translation`, translationText(500)]
	])
) as Record<`present_${Constituent}` | `names_${Constituent}` | `names_${Constituent}Translation`, z.ZodType>;

/** The texts of an event in the programme's other language, by translatable field (absent: left as stored). */
export type DialogueEventTranslations = Partial<Record<'body' | 'outcome' | `names_${Constituent}`, string>>;

const dialogueEventFields = z
	.object({
		heldOn: dateField(),
		body: text(300),
		bodyTranslation: translationText(300),
		outcome: optionalMultilineText(4000),
		outcomeTranslation: translationText(4000, true),
		evidenceUrl: optionalUrlField(),
		...partyFields
	})
	.superRefine((d, ctx) => {
		const data = d as Record<string, unknown>;
		// An event is recorded once held: a future date would count in the page but not the dashboard.
		if (typeof data.heldOn === 'string' && data.heldOn > todayIso())
			ctx.addIssue({ code: 'custom', path: ['heldOn'], message: 'dialogue.heldOnFuture' });
		// Names typed for a group that is not ticked would be dropped: say so next to them instead.
		for (const c of CONSTITUENTS)
			if (data[`present_${c}`] !== true && typeof data[`names_${c}`] === 'string' && (data[`names_${c}`] as string).trim() !== '')
				ctx.addIssue({ code: 'custom', path: [`names_${c}`], message: 'dialogue.namesWithoutParty' });
	});

function toInput(data: z.output<typeof dialogueEventFields>) {
	const d = data as Record<string, unknown>;
	return {
		heldOn: d.heldOn as string,
		body: d.body as string,
		outcome: (d.outcome as string) ?? '',
		evidenceUrl: (d.evidenceUrl as string | null) ?? null,
		parties: CONSTITUENTS.filter((c) => d[`present_${c}`] === true).map((c) => ({
			constituent: c,
			names: (d[`names_${c}`] as string) ?? ''
		})),
		translations: translationsOf(d)
	};
}

function translationsOf(d: Record<string, unknown>): DialogueEventTranslations {
	const out: DialogueEventTranslations = {};
	const take = (field: keyof DialogueEventTranslations, value: unknown) => {
		if (typeof value === 'string') out[field] = value;
	};
	take('body', d.bodyTranslation);
	take('outcome', d.outcomeTranslation);
	// A group not present has no names, in either language.
	for (const c of CONSTITUENTS)
		take(`names_${c}`, d[`present_${c}`] === true ? d[`names_${c}Translation`] : d[`names_${c}Translation`] === undefined ? undefined : '');
	return out;
}

/** Writes the event's texts in the programme's other language, in the caller's transaction. */
function saveEventTranslations(db: Executor, actor: Actor, programme: Programme, id: number, texts: DialogueEventTranslations | undefined) {
	if (!texts || Object.keys(texts).length === 0) return Promise.resolve([]);
	const locale = otherLocale(programme.contentLanguage);
	return saveTranslations(db, actor, { programmeId: programme.id, entity: 'social_dialogue_event', entityId: id, locale }, texts);
}

export const dialogueEventSchema = dialogueEventFields.transform(toInput);
/** The edit form: the same fields and the version it was read at. */
export const dialogueEventEditSchema = dialogueEventFields
	.extend({ version: versionField() })
	.transform((d) => ({ ...toInput(d), version: d.version }));
export type DialogueEventInput = Omit<z.output<typeof dialogueEventSchema>, 'translations'> & { translations?: DialogueEventTranslations };

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

const requireParty = (input: DialogueEventInput) => {
	if (input.parties.length === 0) throw new DomainValidationError({ present_government: { key: 'dialogue.partyRequired' } });
};

export async function createDialogueEvent(db: Executor, actor: Actor, programme: Programme, input: DialogueEventInput): Promise<number> {
	requireParty(input);
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
		await saveEventTranslations(trx, actor, programme, id, input.translations);
		return id;
	});
}

/** One event of the programme, with its parties; NotFoundError when it is not the programme's. Two statements. */
export async function dialogueEventIn(db: Executor, programmeId: number, id: number): Promise<DialogueEvent> {
	const [row, parties] = await Promise.all([
		db.selectFrom('social_dialogue_event').selectAll().where('id', '=', id).where('programme_id', '=', programmeId).executeTakeFirst(),
		db.selectFrom('social_dialogue_party').select(['constituent', 'names']).where('event_id', '=', id).execute()
	]);
	if (!row) throw new NotFoundError('social_dialogue_event', id);
	return {
		id: row.id,
		heldOn: row.held_on,
		body: row.body,
		outcome: row.outcome,
		evidenceUrl: row.evidence_url,
		isIllustrative: row.is_illustrative === 1,
		version: row.version,
		parties: CONSTITUENTS.flatMap((c) => parties.filter((p) => p.constituent === c).map((p) => ({ constituent: c, names: p.names })))
	};
}

/** What the audit log keeps of an event: its fields and parties, comparable as plain values. */
const audited = (e: Pick<DialogueEvent, 'heldOn' | 'body' | 'outcome' | 'evidenceUrl' | 'parties'>) => ({
	heldOn: e.heldOn,
	body: e.body,
	outcome: e.outcome,
	evidenceUrl: e.evidenceUrl,
	parties: JSON.stringify(e.parties)
});

/**
 * Saves an edited event read at `version` (a ConflictError when someone saved it since), its
 * parties replaced, the changed fields in the audit log. An edited event is no longer the seed's
 * illustration: a person has vouched for it.
 */
export async function updateDialogueEvent(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: DialogueEventInput
): Promise<void> {
	requireParty(input);
	await inTransaction(db, async (trx) => {
		const before = await dialogueEventIn(trx, programme.id, id);
		// Saving clears the "illustrative" flag (a person now vouches for the event): that is a
		// change for the audit too. Saving nothing new writes nothing.
		const changed = changedFields(
			{ ...audited(before), isIllustrative: before.isIllustrative },
			{ ...audited(input), isIllustrative: false }
		);
		if (Object.keys(changed.after).length === 0) {
			if (before.version !== version) throw new ConflictError('social_dialogue_event', id);
			// Only the other language may have changed: each changed text is written and audited on its own.
			await saveEventTranslations(trx, actor, programme, id, input.translations);
			return;
		}
		const result = await trx
			.updateTable('social_dialogue_event')
			.set({
				held_on: input.heldOn,
				body: input.body,
				outcome: input.outcome,
				evidence_url: input.evidenceUrl,
				is_illustrative: 0,
				updated_at: new Date().toISOString(),
				version: sql<number>`version + 1`
			})
			.where('id', '=', id)
			.where('programme_id', '=', programme.id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'social_dialogue_event', id);
		await trx.deleteFrom('social_dialogue_party').where('event_id', '=', id).execute();
		await trx
			.insertInto('social_dialogue_party')
			.values(input.parties.map((p) => ({ event_id: id, constituent: p.constituent, names: p.names })))
			.execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'social_dialogue_event',
			entityId: id,
			action: 'update',
			before: { ...changed.before, ...(changed.before.parties !== undefined ? { parties: before.parties } : {}) },
			after: { ...changed.after, ...(changed.after.parties !== undefined ? { parties: input.parties } : {}) }
		});
		await saveEventTranslations(trx, actor, programme, id, input.translations);
	});
}

/** Deletes an event read at `version` with its parties, kept whole in the audit log. */
export async function deleteDialogueEvent(db: Executor, actor: Actor, programme: Programme, id: number, version: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = await dialogueEventIn(trx, programme.id, id);
		if (before.version !== version) throw new ConflictError('social_dialogue_event', id);
		await trx.deleteFrom('social_dialogue_party').where('event_id', '=', id).execute();
		const result = await trx
			.deleteFrom('social_dialogue_event')
			.where('id', '=', id)
			.where('programme_id', '=', programme.id)
			.where('version', '=', version)
			.executeTakeFirst();
		if (Number(result.numDeletedRows) === 0) throw new ConflictError('social_dialogue_event', id);
		// Its texts in the other language go with it, kept in the deletion's audit record.
		const translations = await dropTranslations(trx, 'social_dialogue_event', id);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'social_dialogue_event',
			entityId: id,
			action: 'delete',
			before: {
				heldOn: before.heldOn,
				body: before.body,
				outcome: before.outcome,
				evidenceUrl: before.evidenceUrl,
				parties: before.parties,
				...translations
			}
		});
	});
}
