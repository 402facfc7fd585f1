import { sql, type Kysely } from 'kysely';
import { identity, nowText } from '../src/lib/server/db/ddl';

// The shared indicator library (issue 25): instance-wide entries that programmes' indicators may
// link to, so one indicator can be compared across programmes. An indicator inherits nothing from
// its entry: the link only says "this measures that", and the pages show where they differ. The
// link lives in its own table, owned by the library, one entry per indicator at most.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('library_indicator')
		.addColumn('id', 'integer', identity)
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('title_es', 'text', (c) => c.notNull())
		.addColumn('title_en', 'text', (c) => c.notNull())
		.addColumn('definition_es', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('definition_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('method_es', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('method_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('measure', 'text', (c) => c.notNull())
		.addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('direction', 'text', (c) => c.notNull().defaultTo('increase'))
		.addColumn('disaggregations', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('framework_refs', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addCheckConstraint('library_indicator_measure', sql`measure in ('number', 'percentage', 'milestone', 'qualitative')`)
		.addCheckConstraint('library_indicator_direction', sql`direction in ('increase', 'decrease')`)
		.execute();

	await db.schema
		.createTable('indicator_library_link')
		.addColumn('indicator_id', 'integer', (c) => c.primaryKey().references('indicator.id').onDelete('cascade'))
		.addColumn('library_indicator_id', 'integer', (c) => c.notNull().references('library_indicator.id').onDelete('cascade'))
		.addColumn('linked_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.execute();
	await db.schema.createIndex('indicator_library_link_entry').on('indicator_library_link').column('library_indicator_id').execute();
}
