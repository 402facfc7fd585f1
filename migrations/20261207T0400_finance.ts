import { sql, type Kysely } from 'kysely';
import { identity, nowText } from '../src/lib/server/db/ddl';

// Money beside results (design §2 "budget_line", "budget_allocation", "expenditure"; issue 20).
// Amounts are integer minor units (cents) in the programme's currency, never floats, so a sum
// prints exactly what was typed. A budget line may be phased per reporting period (the plan);
// allocations give a share of the line (basis points, 10000 = 100 %) to a module or an output,
// the rest being programme-level. Expenditure rows: one typed row per line × period (the grid),
// any number of imported rows (each carrying the SHA-256 of the file it came from).

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('budget_line')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('category', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`category in ('staff', 'experts', 'training', 'travel', 'equipment', 'subcontracts', 'other_direct', 'support_costs')`
				)
		)
		.addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor >= 0`))
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('is_illustrative', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addUniqueConstraint('budget_line_programme_code', ['programme_id', 'code'])
		.execute();

	await db.schema
		.createTable('budget_phasing')
		.addColumn('budget_line_id', 'integer', (c) => c.notNull().references('budget_line.id').onDelete('cascade'))
		.addColumn('period_id', 'integer', (c) => c.notNull().references('reporting_period.id').onDelete('cascade'))
		.addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor >= 0`))
		.addPrimaryKeyConstraint('budget_phasing_pk', ['budget_line_id', 'period_id'])
		.execute();
	await db.schema.createIndex('budget_phasing_period').on('budget_phasing').column('period_id').execute();

	await db.schema
		.createTable('budget_allocation')
		.addColumn('id', 'integer', identity)
		.addColumn('budget_line_id', 'integer', (c) => c.notNull().references('budget_line.id').onDelete('cascade'))
		.addColumn('module_id', 'integer', (c) => c.references('module.id').onDelete('cascade'))
		.addColumn('output_id', 'integer', (c) => c.references('output.id').onDelete('cascade'))
		/** Basis points of the line: 10000 = 100 %. */
		.addColumn('share_bp', 'integer', (c) => c.notNull().check(sql`share_bp > 0 and share_bp <= 10000`))
		.addCheckConstraint('budget_allocation_one_target', sql`(module_id is null) <> (output_id is null)`)
		.execute();
	await db.schema.createIndex('budget_allocation_line').on('budget_allocation').column('budget_line_id').execute();
	await db.schema.createIndex('budget_allocation_module').on('budget_allocation').column('module_id').execute();
	await db.schema.createIndex('budget_allocation_output').on('budget_allocation').column('output_id').execute();

	await db.schema
		.createTable('expenditure')
		.addColumn('id', 'integer', identity)
		.addColumn('budget_line_id', 'integer', (c) => c.notNull().references('budget_line.id').onDelete('cascade'))
		.addColumn('period_id', 'integer', (c) => c.notNull().references('reporting_period.id').onDelete('restrict'))
		/** Negative for a refund. */
		.addColumn('amount_minor', 'bigint', (c) => c.notNull())
		.addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('entered', 'imported')`))
		.addColumn('import_sha256', 'text')
		.addColumn('spent_on', 'text')
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('is_illustrative', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addCheckConstraint('expenditure_import_hash', sql`(source = 'imported') = (import_sha256 is not null)`)
		.execute();
	await db.schema.createIndex('expenditure_line_period').on('expenditure').columns(['budget_line_id', 'period_id']).execute();
	await db.schema.createIndex('expenditure_period').on('expenditure').column('period_id').execute();
	await db.schema.createIndex('expenditure_import').on('expenditure').column('import_sha256').execute();
	await db.schema.createIndex('expenditure_created_by').on('expenditure').column('created_by').execute();
	// The grid keeps one typed figure per line and period.
	await sql`create unique index expenditure_one_entered on expenditure (budget_line_id, period_id) where source = 'entered'`.execute(db);
}
