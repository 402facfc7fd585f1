import type { Kysely } from 'kysely';

// Issue 25 (review finding 4): a library entry's unit, disaggregations, source and framework
// references get their English beside the Spanish, as its title, definition and method already
// have (`title_es`/`title_en`). The library belongs to no programme, so its texts live on its own
// row rather than in the per-programme translation table; the existing columns are the Spanish.
// Blank until someone writes them: a reader of English then sees the Spanish, marked "(es)".

export async function up(db: Kysely<any>): Promise<void> {
	for (const column of ['unit_en', 'disaggregations_en', 'source_en', 'framework_refs_en'])
		await db.schema
			.alterTable('library_indicator')
			.addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
			.execute();
}
