import { titleIn } from '$lib/content-language';
import type { Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { recordAudit } from '../core/audit';
import { DomainValidationError } from '../core/errors';
import { idField } from '../core/validation';
import { inTransaction, type Executor } from '../db/executor';
import { indicatorIn } from '../results/indicators';
import { z } from 'zod';
import { foldLibraryCode, toEntry, type LibraryEntry } from './entries';

// A programme indicator's link to the library entry it measures. The link copies nothing: the
// indicator keeps its own definition, unit and targets, and the pages show where they differ.

export const libraryLinkSchema = z.object({
	/** Blank removes the link. */
	libraryIndicatorId: z.preprocess((v) => (v === '' || v === undefined ? null : v), idField().nullable())
});

/** The entry an indicator links to, or null. One statement. */
export async function libraryEntryOf(db: Executor, indicatorId: number): Promise<LibraryEntry | null> {
	const row = await db
		.selectFrom('indicator_library_link')
		.innerJoin('library_indicator', 'library_indicator.id', 'indicator_library_link.library_indicator_id')
		.selectAll('library_indicator')
		.where('indicator_library_link.indicator_id', '=', indicatorId)
		.executeTakeFirst();
	return row ? toEntry(row) : null;
}

/** Links the indicator of `programme` to an entry (or unlinks it with null), in the audit log. */
export async function setLibraryLink(
	db: Executor,
	actor: Actor,
	programme: Programme,
	indicatorId: number,
	libraryIndicatorId: number | null
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await indicatorIn(trx, programme.id, indicatorId);
		if (libraryIndicatorId !== null) {
			const exists = await trx.selectFrom('library_indicator').select('id').where('id', '=', libraryIndicatorId).executeTakeFirst();
			// The library belongs to no programme: its own message, next to the field.
			if (!exists) throw new DomainValidationError({ libraryIndicatorId: { key: 'library.unknownEntry' } });
		}
		const before = await trx
			.selectFrom('indicator_library_link')
			.select('library_indicator_id')
			.where('indicator_id', '=', indicatorId)
			.executeTakeFirst();
		const previous = before?.library_indicator_id ?? null;
		if (previous === libraryIndicatorId) return;
		await trx.deleteFrom('indicator_library_link').where('indicator_id', '=', indicatorId).execute();
		if (libraryIndicatorId !== null)
			await trx
				.insertInto('indicator_library_link')
				.values({ indicator_id: indicatorId, library_indicator_id: libraryIndicatorId })
				.execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'indicator',
			entityId: indicatorId,
			action: 'link_library',
			before: { libraryIndicatorId: previous },
			after: { libraryIndicatorId }
		});
	});
}

/** How many programme indicators link to each entry (the library list). One statement. */
export async function linkCounts(db: Executor, programmeIds?: readonly number[]): Promise<Map<number, number>> {
	// Only the links in the programmes the reader may see (all when no list is given).
	if (programmeIds && programmeIds.length === 0) return new Map();
	let query = db
		.selectFrom('indicator_library_link')
		.innerJoin('indicator', 'indicator.id', 'indicator_library_link.indicator_id')
		.select((eb) => ['indicator_library_link.library_indicator_id', eb.fn.countAll<number>().as('n')])
		.groupBy('indicator_library_link.library_indicator_id');
	if (programmeIds) query = query.where('indicator.programme_id', 'in', [...programmeIds]);
	const rows = await query.execute();
	return new Map(rows.map((r) => [r.library_indicator_id, Number(r.n)]));
}

/** What the indicator form's library choice needs: every entry by title, and the current link. Two statements. */
export async function libraryChoices(db: Executor, indicatorId: number, locale: 'es' | 'en') {
	const [entries, current] = await Promise.all([
		db.selectFrom('library_indicator').select(['id', 'code', 'title_es', 'title_en']).orderBy('code').execute(),
		db.selectFrom('indicator_library_link').select('library_indicator_id').where('indicator_id', '=', indicatorId).executeTakeFirst()
	]);
	return {
		entries: entries.map((e) => ({ id: e.id, code: e.code, title: titleIn({ es: e.title_es, en: e.title_en }, locale) })),
		current: current?.library_indicator_id ?? null
	};
}

/**
 * The library's codes for the logframe import and its template (issue 25): every entry by its
 * code (trimmed, lower case), and the code each indicator of the programme links to. Two statements.
 */
export async function libraryCodes(db: Executor, programmeId: number): Promise<{ ids: Map<string, number>; linked: Map<number, string> }> {
	const [entries, links] = await Promise.all([
		db.selectFrom('library_indicator').select(['id', 'code']).execute(),
		db
			.selectFrom('indicator_library_link')
			.innerJoin('indicator', 'indicator.id', 'indicator_library_link.indicator_id')
			.innerJoin('library_indicator', 'library_indicator.id', 'indicator_library_link.library_indicator_id')
			.select(['indicator_library_link.indicator_id', 'library_indicator.code'])
			.where('indicator.programme_id', '=', programmeId)
			.execute()
	]);
	return {
		ids: new Map(entries.map((e) => [foldLibraryCode(e.code), e.id])),
		linked: new Map(links.map((l) => [l.indicator_id, l.code]))
	};
}
