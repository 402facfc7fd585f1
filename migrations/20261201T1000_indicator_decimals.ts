import type { Kysely } from 'kysely';

// Each indicator says how many decimals its figures show (design §2): head counts none, so an
// expected 24.94 people reads "25"; rates one. Existing percentages get one, everything else none.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('indicator')
		.addColumn('decimals', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.updateTable('indicator').set({ decimals: 1 }).where('measure', '=', 'percentage').execute();
}
