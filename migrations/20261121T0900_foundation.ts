import { sql, type Kysely } from 'kysely';
import { identity, nowText, binaryType } from '../src/lib/server/db/ddl';

// Foundation: programmes and their logframe skeleton, accounts, sessions, memberships, audit log.
// Dates are ISO-8601 text ('YYYY-MM-DD'); instants are ISO-8601 UTC text. Every editable row has a
// `version` so that concurrent edits are detected instead of silently overwritten.

export async function up(db: Kysely<any>): Promise<void> {
	const now = nowText(db);

	await db.schema
		.createTable('user')
		.addColumn('id', 'integer', identity)
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('locale', 'text', (c) => c.notNull().defaultTo('es').check(sql`locale in ('es', 'en')`))
		.addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('secret_hash', binaryType(db), (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_verified_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('session_user_id').on('session').column('user_id').execute();

	await db.schema
		.createTable('programme')
		.addColumn('id', 'integer', identity)
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('short_name', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('country', 'text', (c) => c.notNull())
		.addColumn('partners', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('donor', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('funding_modality', 'text', (c) => c.notNull())
		.addColumn('budget_cents', 'integer')
		.addColumn('currency', 'text', (c) => c.notNull().defaultTo('USD'))
		.addColumn('start_date', 'text', (c) => c.notNull())
		.addColumn('end_date', 'text', (c) => c.notNull())
		.addColumn('revised_end_date', 'text')
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('sdg_targets', 'text', (c) => c.notNull().defaultTo('[]'))
		.addColumn('gender_marker', 'integer', (c) => c.notNull().defaultTo(0).check(sql`gender_marker in (0, 1, 2)`))
		.addColumn('iati_identifier', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();

	await db.schema
		.createTable('membership')
		.addColumn('id', 'integer', identity)
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('coordinator', 'evaluator', 'donor')`))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addUniqueConstraint('membership_user_programme', ['user_id', 'programme_id'])
		.execute();
	await db.schema.createIndex('membership_programme_id').on('membership').column('programme_id').execute();

	await db.schema
		.createTable('module')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('objective', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('module_programme_order').on('module').columns(['programme_id', 'sort_order']).execute();

	await db.schema
		.createTable('output')
		.addColumn('id', 'integer', identity)
		.addColumn('module_id', 'integer', (c) => c.notNull().references('module.id').onDelete('cascade'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('output_module_order').on('output').columns(['module_id', 'sort_order']).execute();

	await db.schema
		.createTable('activity')
		.addColumn('id', 'integer', identity)
		.addColumn('output_id', 'integer', (c) => c.notNull().references('output.id').onDelete('cascade'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('planned_start', 'text')
		.addColumn('planned_end', 'text')
		.addColumn('actual_start', 'text')
		.addColumn('actual_end', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('planned').check(sql`status in ('planned', 'ongoing', 'completed', 'delayed', 'cancelled')`)
		)
		.addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0).check(sql`progress between 0 and 100`))
		.addColumn('responsible', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('activity_output_order').on('activity').columns(['output_id', 'sort_order']).execute();

	await db.schema
		.createTable('reporting_period')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		.addColumn('label', 'text', (c) => c.notNull())
		.addColumn('start_date', 'text', (c) => c.notNull())
		.addColumn('end_date', 'text', (c) => c.notNull())
		.addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addUniqueConstraint('reporting_period_programme_label', ['programme_id', 'label'])
		.execute();
	await db.schema
		.createIndex('reporting_period_programme_start')
		.on('reporting_period')
		.columns(['programme_id', 'start_date'])
		.execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'integer', identity)
		.addColumn('at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('user_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('programme_id', 'integer', (c) => c.references('programme.id').onDelete('set null'))
		.addColumn('entity', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text', (c) => c.notNull())
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('before', 'text')
		.addColumn('after', 'text')
		.addColumn('reason', 'text')
		.execute();
	await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id', 'at']).execute();
	await db.schema.createIndex('audit_log_programme_at').on('audit_log').columns(['programme_id', 'at']).execute();
	await db.schema.createIndex('audit_log_user_at').on('audit_log').columns(['user_id', 'at']).execute();
}

export async function down(): Promise<void> {
	// Forward-only: a landed migration is history. Undo a change with a new migration.
	throw new Error('Migrations are forward-only');
}
