import { sql, type Kysely } from 'kysely';
import { appendOnlyTrigger, identity, nowText } from '../src/lib/server/db/ddl';

// Progress reports (design §2 and §5). A report is a draft an evaluator writes (one row per
// section of its layout) over a window: chosen reporting periods, or a date range up to a cut-off.
// Each issue is append-only: the canonical snapshot that was hashed, the hash chain to the
// previous issue, and the files rendered from it with their own hashes. A trigger refuses any
// update or delete of an issue or its files.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('report')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('restrict'))
		.addColumn('layout', 'text', (c) => c.notNull().check(sql`layout in ('oecd_dac', 'eu_narrative')`))
		.addColumn('title_es', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('window_start', 'text', (c) => c.notNull())
		.addColumn('cut_off', 'text', (c) => c.notNull())
		/** JSON array of the languages to issue: ["es"], ["en"] or ["es","en"]. */
		.addColumn('languages', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'issued')`))
		.addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('report_programme').on('report').column('programme_id').execute();

	await db.schema
		.createTable('report_period')
		.addColumn('report_id', 'integer', (c) => c.notNull().references('report.id').onDelete('cascade'))
		.addColumn('period_id', 'integer', (c) => c.notNull().references('reporting_period.id').onDelete('restrict'))
		.addPrimaryKeyConstraint('report_period_pk', ['report_id', 'period_id'])
		.execute();

	await db.schema
		.createTable('report_section')
		.addColumn('id', 'integer', identity)
		.addColumn('report_id', 'integer', (c) => c.notNull().references('report.id').onDelete('cascade'))
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('rating', 'text')
		.addColumn('narrative_es', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('narrative_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('justification_es', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('justification_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('updated_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addUniqueConstraint('report_section_key', ['report_id', 'key'])
		.execute();

	await db.schema
		.createTable('report_comment')
		.addColumn('id', 'integer', identity)
		.addColumn('report_id', 'integer', (c) => c.notNull().references('report.id').onDelete('cascade'))
		.addColumn('section_key', 'text')
		.addColumn('author_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.execute();

	await db.schema
		.createTable('report_issue')
		.addColumn('id', 'integer', identity)
		.addColumn('report_id', 'integer', (c) => c.notNull().references('report.id').onDelete('restrict'))
		.addColumn('number', 'integer', (c) => c.notNull())
		.addColumn('issued_at', 'text', (c) => c.notNull())
		.addColumn('issued_by', 'integer', (c) => c.references('user.id').onDelete('restrict'))
		.addColumn('issued_by_name', 'text', (c) => c.notNull())
		/** The canonical JSON (RFC 8785) of the snapshot: exactly the bytes that were hashed. */
		.addColumn('snapshot', 'text', (c) => c.notNull())
		.addColumn('snapshot_sha256', 'text', (c) => c.notNull().unique())
		.addColumn('previous_hash', 'text')
		.addColumn('supersedes_number', 'integer')
		.addUniqueConstraint('report_issue_number', ['report_id', 'number'])
		.execute();

	await db.schema
		.createTable('report_issue_file')
		.addColumn('id', 'integer', identity)
		.addColumn('issue_id', 'integer', (c) => c.notNull().references('report_issue.id').onDelete('restrict'))
		.addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('es', 'en')`))
		.addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('pdf', 'docx')`))
		.addColumn('path', 'text', (c) => c.notNull())
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('size_bytes', 'integer', (c) => c.notNull())
		.addUniqueConstraint('report_issue_file_kind', ['issue_id', 'lang', 'format'])
		.execute();
	await db.schema.createIndex('report_issue_file_sha').on('report_issue_file').column('sha256').execute();

	await appendOnlyTrigger(db, 'report_issue');
	await appendOnlyTrigger(db, 'report_issue_file');
}
