import type { Kysely } from 'kysely';

// The fact sheet an admin keeps in the app (design §2): the IATI reporting organisation's
// reference beside the identifier, and the language the programme's own texts are written in.
// The seeded programmes are written in Spanish.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('programme').addColumn('iati_reporting_org', 'text').execute();
	await db.schema
		.alterTable('programme')
		.addColumn('content_language', 'text', (c) => c.notNull().defaultTo('es'))
		.execute();
}
