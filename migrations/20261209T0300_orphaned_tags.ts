import type { Kysely } from 'kysely';

// Issue 25: deleting an activity, output or recommendation (or a module, with the outputs and
// activities under it) left its constituent tags behind, and deleting a budget line its translated
// title. The deletions now take them in the same transaction; this removes those already left.
// They belong to records whose own deletion is in the audit log, and no page or report reads them
// (every read starts from a record that exists). Data only: the schema is unchanged.

export async function up(db: Kysely<any>): Promise<void> {
	for (const table of ['activity', 'output', 'recommendation'] as const) {
		await db
			.deleteFrom('constituent_tag')
			.where('entity', '=', table)
			.where('entity_id', 'not in', db.selectFrom(table).select('id'))
			.execute();
	}
	await db
		.deleteFrom('translation')
		.where('entity', '=', 'budget_line')
		.where('entity_id', 'not in', db.selectFrom('budget_line').select('id'))
		.execute();
}
