import { z } from 'zod';
import { DIRECTIONS, MEASURES, type Direction, type Locale, type Measure } from '$lib/model';
import { sortByName } from '$lib/collation';
import { titleIn } from '$lib/content-language';
import type { Actor } from '../core/actor';
import { changedFields, recordAudit } from '../core/audit';
import { DomainValidationError, NotFoundError } from '../core/errors';
import { enumField, optionalMultilineText, optionalText, text, versionField } from '../core/validation';
import { assertSaved } from '../core/versioning';
import { inTransaction, type Executor } from '../db/executor';
import type { Selectable } from 'kysely';
import type { LibraryIndicatorTable } from '../db/schema';

// The shared indicator library (issue 25): instance-wide entries admins curate and everyone reads.
// Texts are written in both languages by whoever curates (the entry belongs to no programme, so it
// has no content language of its own).

export interface LibraryEntry {
	id: number;
	code: string;
	title: Record<Locale, string>;
	definition: Record<Locale, string>;
	method: Record<Locale, string>;
	measure: Measure;
	unit: string;
	direction: Direction;
	disaggregations: string;
	source: string;
	frameworkRefs: string;
	/** The English of unit, disaggregations, source and framework references (the fields above are the Spanish). */
	unitEn: string;
	disaggregationsEn: string;
	sourceEn: string;
	frameworkRefsEn: string;
	version: number;
}

export function toEntry(row: Selectable<LibraryIndicatorTable>): LibraryEntry {
	return {
		id: row.id,
		code: row.code,
		title: { es: row.title_es, en: row.title_en },
		definition: { es: row.definition_es, en: row.definition_en },
		method: { es: row.method_es, en: row.method_en },
		measure: row.measure,
		unit: row.unit,
		direction: row.direction,
		disaggregations: row.disaggregations,
		source: row.source,
		frameworkRefs: row.framework_refs,
		unitEn: row.unit_en,
		disaggregationsEn: row.disaggregations_en,
		sourceEn: row.source_en,
		frameworkRefsEn: row.framework_refs_en,
		version: row.version
	};
}

export const libraryEntrySchema = z.object({
	code: text(40),
	titleEs: text(300),
	titleEn: text(300),
	definitionEs: optionalMultilineText(4000),
	definitionEn: optionalMultilineText(4000),
	methodEs: optionalMultilineText(4000),
	methodEn: optionalMultilineText(4000),
	measure: enumField(MEASURES),
	unit: optionalText(60),
	direction: enumField(DIRECTIONS),
	disaggregations: optionalText(300),
	source: optionalText(500),
	frameworkRefs: optionalText(500),
	unitEn: optionalText(60),
	disaggregationsEn: optionalText(300),
	sourceEn: optionalText(500),
	frameworkRefsEn: optionalText(500)
});
export type LibraryEntryInput = z.output<typeof libraryEntrySchema>;
export const libraryEntryEditSchema = libraryEntrySchema.extend({ version: versionField() });

const columnsOf = (input: LibraryEntryInput) => ({
	code: input.code,
	title_es: input.titleEs,
	title_en: input.titleEn,
	definition_es: input.definitionEs ?? '',
	definition_en: input.definitionEn ?? '',
	method_es: input.methodEs ?? '',
	method_en: input.methodEn ?? '',
	measure: input.measure,
	unit: input.unit ?? '',
	direction: input.direction,
	disaggregations: input.disaggregations ?? '',
	source: input.source ?? '',
	framework_refs: input.frameworkRefs ?? '',
	unit_en: input.unitEn ?? '',
	disaggregations_en: input.disaggregationsEn ?? '',
	source_en: input.sourceEn ?? '',
	framework_refs_en: input.frameworkRefsEn ?? ''
});

/** Every entry, by title in the reader's language. One statement. */
export async function listLibrary(db: Executor, locale: Locale): Promise<LibraryEntry[]> {
	const rows = await db.selectFrom('library_indicator').selectAll().orderBy('id').execute();
	return sortByName(rows.map(toEntry), (e) => titleIn(e.title, locale) || e.code, locale);
}

export async function getLibraryEntry(db: Executor, id: number): Promise<LibraryEntry> {
	const row = await db.selectFrom('library_indicator').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) throw new NotFoundError('library_indicator', id);
	return toEntry(row);
}

/** A code as the logframe import matches it: the same code whatever its case or spacing. */
export const foldLibraryCode = (code: string): string => code.normalize('NFC').trim().toLowerCase();

// A code that differs from another only in case is taken too: the import matches codes ignoring
// case, so two such entries would make it link to either. The library is small (one statement).
async function assertCodeFree(db: Executor, code: string, exceptId: number | null) {
	const rows = await db.selectFrom('library_indicator').select(['id', 'code']).execute();
	if (rows.some((r) => r.id !== exceptId && foldLibraryCode(r.code) === foldLibraryCode(code)))
		throw new DomainValidationError({ code: { key: 'library.codeTaken' } });
}

export async function createLibraryEntry(db: Executor, actor: Actor, input: LibraryEntryInput): Promise<number> {
	return inTransaction(db, async (trx) => {
		await assertCodeFree(trx, input.code, null);
		const { id } = await trx.insertInto('library_indicator').values(columnsOf(input)).returning('id').executeTakeFirstOrThrow();
		await recordAudit(trx, { userId: actor.id, entity: 'library_indicator', entityId: id, action: 'create', after: columnsOf(input) });
		return id;
	});
}

export async function updateLibraryEntry(
	db: Executor,
	actor: Actor,
	id: number,
	input: LibraryEntryInput & { version: number }
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = await trx.selectFrom('library_indicator').selectAll().where('id', '=', id).executeTakeFirst();
		if (!before) throw new NotFoundError('library_indicator', id);
		await assertCodeFree(trx, input.code, id);
		const after = columnsOf(input);
		const result = await trx
			.updateTable('library_indicator')
			.set({ ...after, version: input.version + 1, updated_at: new Date().toISOString() })
			.where('id', '=', id)
			.where('version', '=', input.version)
			.executeTakeFirst();
		assertSaved(result, 'library_indicator', id);
		const changes = changedFields(before, after);
		if (Object.keys(changes.after).length)
			await recordAudit(trx, { userId: actor.id, entity: 'library_indicator', entityId: id, action: 'update', ...changes });
	});
}
