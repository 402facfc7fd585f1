import { sql, type Kysely } from 'kysely';

// Library codes are unique whatever their case (review of issue 25): the logframe import matches a
// code ignoring case, so `sdg-1.3.1` beside `SDG-1.3.1` would make it link to either. The entries
// module refuses such a code with a field message; this index keeps the rule for any other writer.
// lower() folds ASCII on both SQLite and PostgreSQL, which is what codes are written in.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('library_indicator_code_folded')
		.on('library_indicator')
		.unique()
		.expression(sql`lower(code)`)
		.execute();
}
