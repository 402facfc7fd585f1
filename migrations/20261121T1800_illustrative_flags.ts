import type { Kysely } from 'kysely';

// Key actions and management responses the seed infers (the documents give none) are marked as
// illustrative, like seeded values and adoption steps, so the UI can say so. Editing one by hand
// clears the mark.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('key_action').addColumn('is_illustrative', 'integer', (c) => c.notNull().defaultTo(0)).execute();
	await db.schema.alterTable('recommendation').addColumn('response_is_illustrative', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}
