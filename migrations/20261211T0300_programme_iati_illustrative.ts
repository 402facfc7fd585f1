import type { Kysely } from 'kysely';

// Issue 20 (reviewer's F24): the demo's programmes get an IATI identifier so their IATI file (budgets,
// planned disbursements, expenditure) can be seen, but the source documents give none, so the seeded
// identifier is illustrative and the fact sheet must say so, as every other illustrative seed figure
// does. 1 marks an identifier the seed wrote; saving another identifier on the fact sheet clears it.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('programme')
		.addColumn('iati_illustrative', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
}
