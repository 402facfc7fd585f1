import type { Kysely } from 'kysely';

// A correction says why (issue 19): reopening an issued report needs a reason, kept on the report
// while the correction is written and frozen with the issue that it produces (its cover and the
// issue list print it). The issue table stays append-only: a new column is no update of a row.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('report').addColumn('correction_reason', 'text').execute();
	await db.schema.alterTable('report_issue').addColumn('correction_reason', 'text').execute();
}

export async function down(): Promise<void> {
	// Forward-only: a landed migration is history. Undo a change with a new migration.
	throw new Error('Migrations are forward-only');
}
