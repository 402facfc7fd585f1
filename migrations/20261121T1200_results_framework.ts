import { sql, type Kysely } from 'kysely';
import { identity, nowText, floatType } from '../src/lib/server/db/ddl';

// Results framework: indicators with their reference sheet, per-period targets (milestones),
// per-period values with a review workflow, internal comments on values, and uploaded evidence.

export async function up(db: Kysely<any>): Promise<void> {
	const now = nowText(db);

	await db.schema
		.createTable('indicator')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		// Level: programme (impact) when both are null, module (outcome), or output.
		.addColumn('module_id', 'integer', (c) => c.references('module.id').onDelete('cascade'))
		.addColumn('output_id', 'integer', (c) => c.references('output.id').onDelete('cascade'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('definition', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('measure', 'text', (c) => c.notNull().check(sql`measure in ('number', 'percentage', 'milestone', 'qualitative')`))
		.addColumn('direction', 'text', (c) => c.notNull().defaultTo('increase').check(sql`direction in ('increase', 'decrease')`))
		.addColumn('aggregation', 'text', (c) =>
			c.notNull().defaultTo('per_period').check(sql`aggregation in ('per_period', 'cumulative', 'latest')`)
		)
		.addColumn('baseline_value', floatType(db))
		.addColumn('baseline_date', 'text')
		.addColumn('baseline_note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('target_value', floatType(db))
		.addColumn('means_of_verification', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('frequency', 'text', (c) => c.notNull().defaultTo('semiannual'))
		.addColumn('responsible', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('disaggregated_by_sex', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('sdg_target', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('ilo_outcome', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('eu_logframe_code', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('is_key', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('indicator_programme_order').on('indicator').columns(['programme_id', 'sort_order']).execute();
	await db.schema.createIndex('indicator_module_id').on('indicator').column('module_id').execute();
	await db.schema.createIndex('indicator_output_id').on('indicator').column('output_id').execute();

	await db.schema
		.createTable('indicator_target')
		.addColumn('id', 'integer', identity)
		.addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
		.addColumn('period_id', 'integer', (c) => c.notNull().references('reporting_period.id').onDelete('cascade'))
		.addColumn('value', floatType(db), (c) => c.notNull())
		.addColumn('women', floatType(db))
		.addColumn('men', floatType(db))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addUniqueConstraint('indicator_target_indicator_period', ['indicator_id', 'period_id'])
		.execute();
	await db.schema.createIndex('indicator_target_period_id').on('indicator_target').column('period_id').execute();

	await db.schema
		.createTable('indicator_value')
		.addColumn('id', 'integer', identity)
		.addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
		.addColumn('period_id', 'integer', (c) => c.notNull().references('reporting_period.id').onDelete('cascade'))
		// Total (1/0 for a milestone; null for a qualitative indicator).
		.addColumn('value', floatType(db))
		.addColumn('women', floatType(db))
		.addColumn('men', floatType(db))
		.addColumn('not_stated', floatType(db))
		.addColumn('narrative', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('evidence_url', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('draft').check(sql`status in ('draft', 'submitted', 'returned', 'approved', 'superseded')`)
		)
		.addColumn('return_note', 'text')
		// A correction of an approved value: which one it replaces, and why.
		.addColumn('corrects_id', 'integer', (c) => c.references('indicator_value.id').onDelete('set null'))
		.addColumn('correction_reason', 'text')
		.addColumn('entered_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('entered_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('submitted_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('submitted_at', 'text')
		.addColumn('reviewed_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('reviewed_at', 'text')
		// Figures the seed adds where the documents give none (shown as such in the UI).
		.addColumn('is_illustrative', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('indicator_value_indicator_period').on('indicator_value').columns(['indicator_id', 'period_id']).execute();
	await db.schema.createIndex('indicator_value_period_id').on('indicator_value').column('period_id').execute();
	await db.schema.createIndex('indicator_value_status').on('indicator_value').columns(['status', 'indicator_id']).execute();
	await db.schema.createIndex('indicator_value_corrects_id').on('indicator_value').column('corrects_id').execute();
	for (const col of ['entered_by', 'submitted_by', 'reviewed_by']) {
		await db.schema.createIndex(`indicator_value_${col}`).on('indicator_value').column(col).execute();
	}
	// One approved value per indicator and period, and at most one value in progress beside it.
	await sql`create unique index indicator_value_one_approved on indicator_value (indicator_id, period_id) where status = 'approved'`.execute(db);
	await sql`create unique index indicator_value_one_open on indicator_value (indicator_id, period_id) where status in ('draft', 'submitted', 'returned')`.execute(db);

	await db.schema
		.createTable('value_comment')
		.addColumn('id', 'integer', identity)
		.addColumn('value_id', 'integer', (c) => c.notNull().references('indicator_value.id').onDelete('cascade'))
		.addColumn('author_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute();
	await db.schema.createIndex('value_comment_value_id').on('value_comment').columns(['value_id', 'created_at']).execute();
	await db.schema.createIndex('value_comment_author_id').on('value_comment').column('author_id').execute();

	// Uploaded evidence for any record (an indicator value, later an adoption event…). Files live
	// outside static/ and are served only to members allowed to see the record they belong to.
	await db.schema
		.createTable('attachment')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		.addColumn('owner_entity', 'text', (c) => c.notNull())
		.addColumn('owner_id', 'integer', (c) => c.notNull())
		.addColumn('original_name', 'text', (c) => c.notNull())
		.addColumn('stored_name', 'text', (c) => c.notNull().unique())
		.addColumn('content_type', 'text', (c) => c.notNull())
		.addColumn('size_bytes', 'integer', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('uploaded_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('uploaded_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute();
	await db.schema.createIndex('attachment_owner').on('attachment').columns(['owner_entity', 'owner_id']).execute();
	await db.schema.createIndex('attachment_programme_id').on('attachment').column('programme_id').execute();
	await db.schema.createIndex('attachment_uploaded_by').on('attachment').column('uploaded_by').execute();
}
