import type { Actor } from '../core/actor';
import { sql } from 'kysely';
import { z } from 'zod';
import { SOURCE_KINDS, type Programme, type SourceDocument } from '$lib/model';
import { changedFields, recordAudit } from '../core/audit';
import { type Executor, inTransaction } from '../db/executor';
import { ConflictError, NotFoundError } from '../core/errors';
import { enumField, idField, optionalDateField, optionalUrlField, text, versionField } from '../core/validation';
import { assertSaved } from '../core/versioning';

// The documents recommendations come from: evaluations (which call for a management response)
// and technical studies. Deleting one keeps its recommendations, without a source.

export interface EditableSourceDocument extends SourceDocument {
	/** How many recommendations cite it. */
	recommendations: number;
}

export const sourceDocumentSchema = z.object({
	title: text(500),
	kind: enumField(SOURCE_KINDS),
	issuedOn: optionalDateField(),
	url: optionalUrlField()
});
export type SourceDocumentInput = z.output<typeof sourceDocumentSchema>;
export const sourceDocumentEditSchema = sourceDocumentSchema.extend({ id: idField(), version: versionField() });
export const sourceDocumentDeleteSchema = z.object({ id: idField(), version: versionField() });

/** The programme's documents with how many recommendations cite each. One statement. */
export async function listSourceDocuments(db: Executor, programmeId: number): Promise<EditableSourceDocument[]> {
	const rows = await db
		.selectFrom('source_document')
		.leftJoin('recommendation', 'recommendation.source_document_id', 'source_document.id')
		.selectAll('source_document')
		.select((eb) => eb.fn.count<number>('recommendation.id').as('recommendations'))
		.where('source_document.programme_id', '=', programmeId)
		.groupBy('source_document.id')
		.orderBy('source_document.issued_on', (ob) => ob.asc().nullsFirst())
		.orderBy('source_document.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		programmeId: r.programme_id,
		title: r.title,
		kind: r.kind,
		issuedOn: r.issued_on,
		url: r.url,
		version: r.version,
		recommendations: Number(r.recommendations)
	}));
}

async function sourceIn(db: Executor, programmeId: number, id: number) {
	const row = await db
		.selectFrom('source_document')
		.selectAll()
		.where('id', '=', id)
		.where('programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('source_document', id);
	return row;
}

const columns = (input: SourceDocumentInput) => ({ title: input.title, kind: input.kind, issued_on: input.issuedOn, url: input.url });

export async function createSourceDocument(db: Executor, actor: Actor, programme: Programme, input: SourceDocumentInput): Promise<number> {
	return inTransaction(db, async (trx) => {
		const { id } = await trx
			.insertInto('source_document')
			.values({ programme_id: programme.id, ...columns(input) })
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'source_document',
			entityId: id,
			action: 'create',
			after: input
		});
		return id;
	});
}

export async function updateSourceDocument(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: SourceDocumentInput
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const row = await sourceIn(trx, programme.id, id);
		if (row.version !== version) throw new ConflictError('source_document', id);
		const result = await trx
			.updateTable('source_document')
			.set({ ...columns(input), version: sql`version + 1` })
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'source_document', id);
		const before = { title: row.title, kind: row.kind, issuedOn: row.issued_on, url: row.url };
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'source_document',
			entityId: id,
			action: 'update',
			...changedFields(before, input)
		});
	});
}

export async function deleteSourceDocument(db: Executor, actor: Actor, programme: Programme, id: number, version: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const row = await sourceIn(trx, programme.id, id);
		if (row.version !== version) throw new ConflictError('source_document', id);
		const cited = await trx.selectFrom('recommendation').select('id').where('source_document_id', '=', id).execute();
		// The foreign key sets their source to null; the audit row says which ones lost it.
		await trx.deleteFrom('source_document').where('id', '=', id).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'source_document',
			entityId: id,
			action: 'delete',
			before: { title: row.title, kind: row.kind, issuedOn: row.issued_on, url: row.url, recommendationIds: cited.map((r) => r.id) }
		});
	});
}
