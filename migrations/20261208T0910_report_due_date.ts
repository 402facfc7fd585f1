import type { Kysely } from 'kysely';

// When a report is due to the donor (issue 23): evaluators are reminded of a draft that still
// cannot be issued as that date comes near. Optional: a report without one is never reminded of.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('report').addColumn('due_date', 'text').execute();
	await db.schema.createIndex('report_due_date').on('report').columns(['status', 'due_date']).execute();
}
