import { sql, type Kysely } from 'kysely';
import { identity, nowText } from '../src/lib/server/db/ddl';

// Content in the other language (design §2, translation): one row per record × field × locale.
// The programme id is kept on each row so that a page, report or export reads every translation
// of a programme in one statement, whatever its size.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('translation')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		.addColumn('entity', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'integer', (c) => c.notNull())
		.addColumn('field', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull().check(sql`locale in ('es', 'en')`))
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addUniqueConstraint('translation_record_field_locale', ['entity', 'entity_id', 'field', 'locale'])
		.execute();
	await db.schema.createIndex('translation_programme_locale').on('translation').columns(['programme_id', 'locale']).execute();
}
