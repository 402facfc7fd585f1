import type { Actor } from '../core/actor';
import { sql } from 'kysely';
import { z } from 'zod';
import { adoptedCountsFrom, type LadderEvent } from '$lib/adoption';
import { PRIORITIES, RECOMMENDATION_AREAS, type AdoptionStatus, type IsoDate, type Programme, type Recommendation } from '$lib/model';
import { changedFields, recordAudit } from '../core/audit';
import { type Executor, inTransaction, onCommit } from '../db/executor';
import type { RecommendationRow } from '../db/schema';
import { ConflictError, DomainValidationError, type FieldErrors, NotFoundError } from '../core/errors';
import { dropEventAttachments, removeStoredFiles } from './files';
import { foreignLinks, linksOf, writeLinks, type Links } from './links';
import { dateField, enumField, idField, idListField, multilineText, optionalMultilineText, optionalText, text } from '../core/validation';
import { assertSaved } from '../core/versioning';

// Recommendations themselves (design §2 "recommendation"): their text, source, addressee, area,
// priority and timeframe, and the "recommendations adopted" count the derived indicator reads.
// Elsewhere: the ladder (adoption-events.ts), key actions (key-actions.ts), links to the logframe
// (links.ts), the management response (management-responses.ts), and what the pages read
// (tracker.ts, detail.ts). Every write checks the
// records belong to the programme, refuses a stale version, and writes one audit row in the same
// transaction.

export function toRecommendation(row: RecommendationRow, status: AdoptionStatus): Recommendation {
	return {
		id: row.id,
		programmeId: row.programme_id,
		sourceDocumentId: row.source_document_id,
		code: row.code,
		text: row.text,
		issuedOn: row.issued_on,
		addressedTo: row.addressed_to,
		area: row.area,
		priority: row.priority,
		timeframe: row.timeframe,
		managementResponse: row.management_response,
		managementResponseText: row.management_response_text,
		responseIsIllustrative: row.response_is_illustrative === 1,
		status,
		internalNotes: row.internal_notes,
		version: row.version
	};
}

export async function recommendationIn(db: Executor, programmeId: number, id: number): Promise<RecommendationRow> {
	const row = await db
		.selectFrom('recommendation')
		.selectAll()
		.where('id', '=', id)
		.where('programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('recommendation', id);
	return row;
}

/** Every adoption event of the programme's recommendations, grouped by recommendation. One statement. */
export async function programmeLadders(db: Executor, programmeId: number): Promise<Map<number, LadderEvent[]>> {
	return (await laddersOfProgrammes(db, [programmeId])).get(programmeId) ?? new Map();
}

/** The same for several programmes at once (by programme, then recommendation). One statement. */
export async function laddersOfProgrammes(db: Executor, programmeIds: number[]): Promise<Map<number, Map<number, LadderEvent[]>>> {
	const byProgramme = new Map<number, Map<number, LadderEvent[]>>();
	if (programmeIds.length === 0) return byProgramme;
	const rows = await db
		.selectFrom('adoption_event')
		.innerJoin('recommendation', 'recommendation.id', 'adoption_event.recommendation_id')
		.select([
			'recommendation.programme_id',
			'adoption_event.id',
			'adoption_event.recommendation_id',
			'adoption_event.event_date',
			'adoption_event.status'
		])
		.where('recommendation.programme_id', 'in', programmeIds)
		.execute();
	for (const r of rows) {
		let ladders = byProgramme.get(r.programme_id);
		if (!ladders) byProgramme.set(r.programme_id, (ladders = new Map()));
		let list = ladders.get(r.recommendation_id);
		if (!list) ladders.set(r.recommendation_id, (list = []));
		list.push({ id: r.id, eventDate: r.event_date, status: r.status });
	}
	return byProgramme;
}

/**
 * For each date, how many of the programme's recommendations were adopted or implemented as of
 * that date (the latest event dated on or before it; same date: the later id). One statement
 * whatever the number of dates or recommendations. It counts with `isAdopted`, the same rule the
 * tracker's and the portfolio's figures use (`adoptionAsOf`), so an indicator defined as
 * "recommendations adopted" always agrees with the tracker.
 */
export async function adoptedCountsAsOf(db: Executor, programmeId: number, dates: IsoDate[]): Promise<Map<IsoDate, number>> {
	if (dates.length === 0) return new Map();
	return adoptedCountsFrom((await programmeLadders(db, programmeId)).values(), dates);
}

// ---- forms -------------------------------------------------------------------------------------

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const recommendationSchema = z.object({
	code: text(20),
	text: multilineText(4000),
	sourceDocumentId: z.preprocess(blankToUndefined, idField().optional()).transform((v) => v ?? null),
	issuedOn: dateField(),
	addressedTo: text(200),
	area: enumField(RECOMMENDATION_AREAS),
	priority: enumField(PRIORITIES),
	timeframe: optionalText(200),
	internalNotes: optionalMultilineText(4000),
	moduleIds: idListField(),
	outputIds: idListField(),
	indicatorIds: idListField(),
	riskIds: idListField()
});
export type RecommendationInput = z.output<typeof recommendationSchema>;

// ---- rules -------------------------------------------------------------------------------------

async function checkReferences(db: Executor, programmeId: number, input: RecommendationInput, exceptId?: number) {
	const fields: FieldErrors = {};
	let codeQuery = db.selectFrom('recommendation').select('id').where('programme_id', '=', programmeId).where('code', '=', input.code);
	if (exceptId) codeQuery = codeQuery.where('id', '!=', exceptId);
	if (await codeQuery.executeTakeFirst()) fields.code = { key: 'recommendations.codeTaken' };
	if (input.sourceDocumentId !== null) {
		const source = await db
			.selectFrom('source_document')
			.select('id')
			.where('id', '=', input.sourceDocumentId)
			.where('programme_id', '=', programmeId)
			.executeTakeFirst();
		if (!source) fields.sourceDocumentId = { key: 'validation.unknownRecord' };
	}
	Object.assign(fields, await foreignLinks(db, programmeId, input));
	if (Object.keys(fields).length) throw new DomainValidationError(fields);
}

function checkIssuedOn(issuedOn: IsoDate, today: IsoDate) {
	if (issuedOn > today) throw new DomainValidationError({ issuedOn: { key: 'recommendations.issuedInFuture' } });
}

function columns(input: RecommendationInput) {
	return {
		code: input.code,
		text: input.text,
		source_document_id: input.sourceDocumentId,
		issued_on: input.issuedOn,
		addressed_to: input.addressedTo,
		area: input.area,
		priority: input.priority,
		timeframe: input.timeframe,
		internal_notes: input.internalNotes
	};
}

// idListField already gives distinct ids in ascending order.
const linksOfInput = (input: RecommendationInput): Links => ({
	moduleIds: input.moduleIds,
	outputIds: input.outputIds,
	indicatorIds: input.indicatorIds,
	riskIds: input.riskIds
});

// ---- writes ------------------------------------------------------------------------------------

export async function createRecommendation(
	db: Executor,
	actor: Actor,
	programme: Programme,
	input: RecommendationInput,
	today: IsoDate
): Promise<number> {
	checkIssuedOn(input.issuedOn, today);
	return inTransaction(db, async (trx) => {
		await checkReferences(trx, programme.id, input);
		const { id } = await trx
			.insertInto('recommendation')
			.values({ programme_id: programme.id, ...columns(input) })
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeLinks(trx, id, linksOfInput(input));
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'recommendation',
			entityId: id,
			action: 'create',
			after: input
		});
		return id;
	});
}

export async function updateRecommendation(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: RecommendationInput,
	today: IsoDate
): Promise<void> {
	checkIssuedOn(input.issuedOn, today);
	await inTransaction(db, async (trx) => {
		const row = await recommendationIn(trx, programme.id, id);
		if (row.version !== version) throw new ConflictError('recommendation', id);
		await checkReferences(trx, programme.id, input, id);
		// The ladder may not start before the recommendation: moving its date past a step is refused.
		const first = await trx
			.selectFrom('adoption_event')
			.select('event_date')
			.where('recommendation_id', '=', id)
			.orderBy('event_date')
			.limit(1)
			.executeTakeFirst();
		if (first && first.event_date < input.issuedOn) {
			throw new DomainValidationError({ issuedOn: { key: 'recommendations.issuedAfterEvents', params: { date: first.event_date } } });
		}
		const beforeLinks = await linksOf(trx, id);
		const result = await trx
			.updateTable('recommendation')
			.set({ ...columns(input), updated_at: new Date().toISOString(), version: sql`version + 1` })
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'recommendation', id);
		const afterLinks = linksOfInput(input);
		await writeLinks(trx, id, afterLinks);
		const before = { ...toRecommendation(row, 'proposed'), ...beforeLinks };
		const diff = changedFields(
			Object.fromEntries(Object.entries(before).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])),
			Object.fromEntries(Object.entries({ ...input, ...afterLinks }).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]))
		);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'recommendation',
			entityId: id,
			action: 'update',
			...diff
		});
	});
}

export interface RecommendationDeletionImpact {
	events: number;
	keyActions: number;
	comments: number;
}

/** What goes with a recommendation when it is deleted (shown before confirming). */
export async function recommendationDeletionImpact(db: Executor, programmeId: number, id: number): Promise<RecommendationDeletionImpact> {
	await recommendationIn(db, programmeId, id);
	const counts = await db
		.selectNoFrom((eb) => [
			eb.selectFrom('adoption_event').select(eb.fn.countAll<number>().as('n')).where('recommendation_id', '=', id).as('events'),
			eb.selectFrom('key_action').select(eb.fn.countAll<number>().as('n')).where('recommendation_id', '=', id).as('keyActions'),
			eb.selectFrom('recommendation_comment').select(eb.fn.countAll<number>().as('n')).where('recommendation_id', '=', id).as('comments')
		])
		.executeTakeFirstOrThrow();
	return { events: counts.events ?? 0, keyActions: counts.keyActions ?? 0, comments: counts.comments ?? 0 };
}

/** Deletes a recommendation with its ladder, key actions, comments and links, keeping a full audit record. */
export async function deleteRecommendation(db: Executor, actor: Actor, programme: Programme, id: number, version: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const row = await recommendationIn(trx, programme.id, id);
		if (row.version !== version) throw new ConflictError('recommendation', id);
		const impact = await recommendationDeletionImpact(trx, programme.id, id);
		const links = await linksOf(trx, id);
		const eventIds = (await trx.selectFrom('adoption_event').select('id').where('recommendation_id', '=', id).execute()).map((e) => e.id);
		const stored = await dropEventAttachments(trx, programme.id, eventIds);
		await trx.deleteFrom('recommendation').where('id', '=', id).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'recommendation',
			entityId: id,
			action: 'delete',
			before: { ...toRecommendation(row, 'proposed'), ...links, impact }
		});
		// The files go only once the outermost transaction commits: a rollback keeps them.
		await onCommit(trx, () => removeStoredFiles(stored));
		return stored;
	});
}
