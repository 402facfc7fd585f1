import { sql, type Kysely } from 'kysely';
import { identity, nowText } from '../src/lib/server/db/ddl';

// Budget revisions and planned disbursements (issue 20, design §2 finance). A budget line keeps
// its original (approved) amount; a revision records a new amount in force from a date, with its
// reason, so a report reads the budget in force at its cut-off and the IATI file gives the
// original and the revised budget side by side. Revisions are dated facts: one per line and
// date; recording or removing one bumps the line's version (concurrent edits are detected there).
// Planned disbursements are what the donor plans to pay in a reporting period (IATI
// `planned-disbursement`), one per programme and period. Amounts are integer minor units.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('budget_revision')
		.addColumn('id', 'integer', identity)
		.addColumn('budget_line_id', 'integer', (c) => c.notNull().references('budget_line.id').onDelete('cascade'))
		.addColumn('effective_on', 'text', (c) => c.notNull())
		.addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor >= 0`))
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addUniqueConstraint('budget_revision_line_date', ['budget_line_id', 'effective_on'])
		.execute();
	await db.schema.createIndex('budget_revision_created_by').on('budget_revision').column('created_by').execute();

	await db.schema
		.createTable('planned_disbursement')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		.addColumn('period_id', 'integer', (c) => c.notNull().references('reporting_period.id').onDelete('cascade'))
		.addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor >= 0`))
		.addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addUniqueConstraint('planned_disbursement_programme_period', ['programme_id', 'period_id'])
		.execute();
	await db.schema.createIndex('planned_disbursement_period').on('planned_disbursement').column('period_id').execute();
	await db.schema.createIndex('planned_disbursement_created_by').on('planned_disbursement').column('created_by').execute();
}
