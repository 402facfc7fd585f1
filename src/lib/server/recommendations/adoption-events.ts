import type { Actor } from '../core/actor';
import { sql } from 'kysely';
import { z } from 'zod';
import { checkRemoval, checkStep } from '$lib/adoption';
import { ADOPTION_STATUSES, type IsoDate, type Programme } from '$lib/model';
import { discardUpload, recordAttachment, storeUpload, type StoredUpload } from '../core/attachments';
import { recordAudit } from '../core/audit';
import { type Executor, inTransaction, onCommit } from '../db/executor';
import { ConflictError, DomainValidationError, type FieldErrors, ForbiddenTransitionError, NotFoundError } from '../core/errors';
import { dropEventAttachments, EVENT_FILE_OWNER, removeStoredFiles } from './files';
import { recommendationIn } from './recommendations';
import { dateField, enumField, idField, optionalMultilineText, optionalText, optionalUrlField, versionField } from '../core/validation';
import { assertSaved } from '../core/versioning';

// The adoption ladder (design §2): every step the partner takes is an event with a date, the
// instrument (e.g. a resolution number), evidence, author and an internal note; the current
// status is the latest event. Recording or deleting a step bumps the recommendation's version,
// so two people moving the same recommendation at once cannot both succeed unknowingly.

/** An optional upload: a form without the field, or with an empty one, has no file. */
const file = () =>
	z
		.unknown()
		.optional()
		.transform((v) => (v instanceof File && v.size > 0 ? v : null));

export const eventSchema = z.object({
	status: enumField(ADOPTION_STATUSES),
	eventDate: dateField(),
	instrument: optionalText(300),
	evidenceUrl: optionalUrlField(),
	evidenceFile: file(),
	note: optionalMultilineText(4000),
	version: versionField()
});
export type EventInput = z.output<typeof eventSchema>;

export const eventDeleteSchema = z.object({ eventId: idField(), version: versionField() });

async function eventIn(db: Executor, programmeId: number, eventId: number) {
	const row = await db
		.selectFrom('adoption_event')
		.innerJoin('recommendation', 'recommendation.id', 'adoption_event.recommendation_id')
		.selectAll('adoption_event')
		.where('adoption_event.id', '=', eventId)
		.where('recommendation.programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('adoption_event', eventId);
	return row;
}

/** What a step says, for the delete confirmation (scoped like every lookup). */
export async function adoptionEventStep(db: Executor, programmeId: number, recommendationId: number, eventId: number) {
	const event = await eventIn(db, programmeId, eventId);
	if (event.recommendation_id !== recommendationId) throw new NotFoundError('adoption_event', eventId);
	return { eventDate: event.event_date, status: event.status };
}

async function bumpVersion(db: Executor, recommendationId: number, version: number) {
	const result = await db
		.updateTable('recommendation')
		.set({ updated_at: new Date().toISOString(), version: sql`version + 1` })
		.where('id', '=', recommendationId)
		.where('version', '=', version)
		.executeTakeFirst();
	assertSaved(result, 'recommendation', recommendationId);
}

/**
 * Records one step of the ladder. Refused: a date in the future or before the recommendation's
 * date, and a step back down (or a reopening) without a note. The evidence file is written under
 * a temporary name before the transaction, moved into place once it commits, and removed if
 * anything fails.
 */
export async function recordAdoptionEvent(
	db: Executor,
	actor: Actor,
	programme: Programme,
	recommendationId: number,
	input: EventInput,
	today: IsoDate
): Promise<number> {
	let upload: StoredUpload | null = null;
	try {
		if (input.evidenceFile) upload = await storeUpload(input.evidenceFile, 'evidenceFile');
		const stored = upload;
		// The file moves into place once this commits (onCommit), so only inTransaction will do.
		return await inTransaction(db, async (trx) => {
			const rec = await recommendationIn(trx, programme.id, recommendationId);
			if (rec.version !== input.version) throw new ConflictError('recommendation', recommendationId);
			const events = await trx
				.selectFrom('adoption_event')
				.select(['id', 'event_date', 'status', 'note'])
				.where('recommendation_id', '=', recommendationId)
				.execute();
			const problems = checkStep({
				issuedOn: rec.issued_on,
				today,
				events: events.map((e) => ({ id: e.id, eventDate: e.event_date, status: e.status, note: e.note })),
				eventDate: input.eventDate,
				status: input.status,
				note: input.note
			});
			const fields: FieldErrors = {};
			if (problems.eventDate?.problem === 'future') fields.eventDate = { key: 'recommendations.dateInFuture', params: { today } };
			if (problems.eventDate?.problem === 'beforeIssued')
				fields.eventDate = { key: 'recommendations.dateBeforeIssued', params: { date: rec.issued_on } };
			if (problems.eventDate?.problem === 'breaksNext') {
				fields.eventDate = {
					key: 'recommendations.dateBreaksNext',
					params: { next: `adoptionStatus.${problems.eventDate.next}`, date: problems.eventDate.nextDate }
				};
			}
			if (problems.note) {
				fields.note = {
					key: problems.note.problem === 'down' ? 'recommendations.noteRequiredDown' : 'recommendations.noteRequiredReopen',
					params: { from: `adoptionStatus.${problems.note.from}`, to: `adoptionStatus.${problems.note.to}` }
				};
			}
			if (Object.keys(fields).length) throw new DomainValidationError(fields);

			const { id } = await trx
				.insertInto('adoption_event')
				.values({
					recommendation_id: recommendationId,
					event_date: input.eventDate,
					status: input.status,
					instrument: input.instrument,
					evidence_url: input.evidenceUrl,
					note: input.note,
					author_id: actor.id,
					is_illustrative: 0
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			if (stored) await recordAttachment(trx, { programmeId: programme.id, entity: EVENT_FILE_OWNER, id }, stored, actor.id);
			await bumpVersion(trx, recommendationId, input.version);
			const { evidenceFile: _file, version: _version, ...after } = input;
			await recordAudit(trx, {
				userId: actor.id,
				programmeId: programme.id,
				entity: 'adoption_event',
				entityId: id,
				action: 'create',
				after: { recommendationId, ...after, evidenceFile: stored?.originalName ?? null }
			});
			return id;
		});
	} catch (error) {
		await discardUpload(upload);
		throw error;
	}
}

/** Removes a step recorded by mistake (with its evidence file); the audit log keeps what it said. */
export async function deleteAdoptionEvent(
	db: Executor,
	actor: Actor,
	programme: Programme,
	recommendationId: number,
	eventId: number,
	version: number
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const event = await eventIn(trx, programme.id, eventId);
		if (event.recommendation_id !== recommendationId) throw new NotFoundError('adoption_event', eventId);
		const rec = await recommendationIn(trx, programme.id, recommendationId);
		if (rec.version !== version) throw new ConflictError('recommendation', recommendationId);
		const ladder = await trx
			.selectFrom('adoption_event')
			.select(['id', 'event_date', 'status', 'note'])
			.where('recommendation_id', '=', recommendationId)
			.execute();
		if (
			checkRemoval(
				ladder.map((e) => ({ id: e.id, eventDate: e.event_date, status: e.status, note: e.note })),
				eventId
			)
		) {
			throw new ForbiddenTransitionError('recommendations.removalBreaksNext');
		}
		const stored = await dropEventAttachments(trx, programme.id, [eventId]);
		await trx.deleteFrom('adoption_event').where('id', '=', eventId).execute();
		await bumpVersion(trx, recommendationId, version);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'adoption_event',
			entityId: eventId,
			action: 'delete',
			before: {
				recommendationId,
				eventDate: event.event_date,
				status: event.status,
				instrument: event.instrument,
				evidenceUrl: event.evidence_url,
				note: event.note,
				isIllustrative: event.is_illustrative === 1,
				files: stored.length
			}
		});
		// The files go only once the outermost transaction commits: a rollback keeps them.
		await onCommit(trx, () => removeStoredFiles(stored));
		return stored;
	});
}
