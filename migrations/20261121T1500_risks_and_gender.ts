import { sql, type Kysely } from 'kysely';
import { identity, nowText } from '../src/lib/server/db/ddl';

// Risks-and-assumptions matrix (with reviews, assumption checks and links to the indicators a
// risk threatens) and gender-strategy actions (with the sex-disaggregated indicators they target).

export async function up(db: Kysely<any>): Promise<void> {
	const now = nowText(db);

	await db.schema
		.createTable('risk')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		// Attached to the programme (all null), a module, an output or an activity (the most specific wins).
		.addColumn('module_id', 'integer', (c) => c.references('module.id').onDelete('cascade'))
		.addColumn('output_id', 'integer', (c) => c.references('output.id').onDelete('cascade'))
		.addColumn('activity_id', 'integer', (c) => c.references('activity.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('risk', 'assumption')`))
		.addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('category', 'text', (c) =>
			c.notNull().check(sql`category in ('political', 'institutional', 'financial', 'operational', 'external', 'reputational')`)
		)
		.addColumn('likelihood', 'integer', (c) => c.notNull().check(sql`likelihood between 1 and 5`))
		.addColumn('impact', 'integer', (c) => c.notNull().check(sql`impact between 1 and 5`))
		.addColumn('mitigation', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('contingency', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('owner', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'monitoring', 'materialised', 'closed')`))
		.addColumn('next_review_date', 'text')
		// Internal: never shown to donors.
		.addColumn('internal_notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('risk_programme_status').on('risk').columns(['programme_id', 'status']).execute();
	await db.schema.createIndex('risk_module_id').on('risk').column('module_id').execute();
	await db.schema.createIndex('risk_output_id').on('risk').column('output_id').execute();
	await db.schema.createIndex('risk_activity_id').on('risk').column('activity_id').execute();

	// Each re-assessment is kept; the risk's likelihood and impact are those of its latest review.
	await db.schema
		.createTable('risk_review')
		.addColumn('id', 'integer', identity)
		.addColumn('risk_id', 'integer', (c) => c.notNull().references('risk.id').onDelete('cascade'))
		.addColumn('reviewed_on', 'text', (c) => c.notNull())
		.addColumn('likelihood', 'integer', (c) => c.notNull().check(sql`likelihood between 1 and 5`))
		.addColumn('impact', 'integer', (c) => c.notNull().check(sql`impact between 1 and 5`))
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('reviewer_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute();
	await db.schema.createIndex('risk_review_risk_date').on('risk_review').columns(['risk_id', 'reviewed_on']).execute();
	await db.schema.createIndex('risk_review_reviewer_id').on('risk_review').column('reviewer_id').execute();

	// An assumption's periodic check: does it still hold in this reporting period?
	await db.schema
		.createTable('assumption_check')
		.addColumn('id', 'integer', identity)
		.addColumn('risk_id', 'integer', (c) => c.notNull().references('risk.id').onDelete('cascade'))
		.addColumn('period_id', 'integer', (c) => c.notNull().references('reporting_period.id').onDelete('cascade'))
		.addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('holds', 'partly', 'no')`))
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('checked_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('checked_at', 'text', (c) => c.notNull().defaultTo(now))
		.addUniqueConstraint('assumption_check_risk_period', ['risk_id', 'period_id'])
		.execute();
	await db.schema.createIndex('assumption_check_period_id').on('assumption_check').column('period_id').execute();
	await db.schema.createIndex('assumption_check_checked_by').on('assumption_check').column('checked_by').execute();

	await db.schema
		.createTable('risk_indicator')
		.addColumn('risk_id', 'integer', (c) => c.notNull().references('risk.id').onDelete('cascade'))
		.addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('risk_indicator_pk', ['risk_id', 'indicator_id'])
		.execute();
	await db.schema.createIndex('risk_indicator_indicator_id').on('risk_indicator').column('indicator_id').execute();

	await db.schema
		.createTable('gender_action')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		// Null: a programme-wide action (the strategy itself); otherwise the module it belongs to.
		.addColumn('module_id', 'integer', (c) => c.references('module.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('type', 'text', (c) =>
			c.notNull().check(sql`type in ('analysis', 'capacity_building', 'policy_advice', 'data_statistics', 'participation', 'communication')`)
		)
		.addColumn('responsible', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('partner', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('start_date', 'text')
		.addColumn('due_date', 'text')
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('planned').check(sql`status in ('planned', 'ongoing', 'completed', 'cancelled')`))
		.addColumn('evidence_url', 'text')
		.addColumn('internal_notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('gender_action_programme_module').on('gender_action').columns(['programme_id', 'module_id']).execute();
	await db.schema.createIndex('gender_action_module_id').on('gender_action').column('module_id').execute();

	await db.schema
		.createTable('gender_action_indicator')
		.addColumn('action_id', 'integer', (c) => c.notNull().references('gender_action.id').onDelete('cascade'))
		.addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
		.addPrimaryKeyConstraint('gender_action_indicator_pk', ['action_id', 'indicator_id'])
		.execute();
	await db.schema.createIndex('gender_action_indicator_indicator_id').on('gender_action_indicator').column('indicator_id').execute();
}
