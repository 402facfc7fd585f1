import { sql, type Kysely } from 'kysely';
import { identity, nowText } from '../src/lib/server/db/ddl';

// Report render jobs (design §2 and §5): issuing freezes the snapshot and its hash and records a
// job; a job runner (in any app process) claims it by compare-and-set on `state`, renders the PDF
// and DOCX of each language in a worker with its own memory limit, and records the issue in one
// write transaction that also marks the job done. At most one unfinished job per report (a
// partial unique index), so two evaluators issuing at once make one job and one conflict.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('report_job')
		.addColumn('id', 'integer', identity)
		.addColumn('report_id', 'integer', (c) => c.notNull().references('report.id').onDelete('cascade'))
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		/** The report version the issuer saw: the write claims it, as a form's version does. */
		.addColumn('report_version', 'integer', (c) => c.notNull())
		.addColumn('snapshot_sha256', 'text', (c) => c.notNull())
		/** The facts frozen into the snapshot with the data: when, by whom, from which address. */
		.addColumn('issued_at', 'text', (c) => c.notNull())
		.addColumn('issued_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('issued_by_name', 'text', (c) => c.notNull())
		.addColumn('origin', 'text', (c) => c.notNull())
		.addColumn('state', 'text', (c) =>
			c.notNull().defaultTo('queued').check(sql`state in ('queued', 'rendering', 'done', 'failed')`)
		)
		/** What the renderer is doing: 'pdf-es', 'docx-en', 'writing'. */
		.addColumn('step', 'text')
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('claimed_by', 'text')
		.addColumn('claimed_at', 'text')
		/** Renewed while the claimer works: a claim whose heartbeat stops is taken over or failed. */
		.addColumn('heartbeat_at', 'text')
		/** The folder (under uploads/reports) of the current attempt's files. */
		.addColumn('folder', 'text')
		/** Why it failed: a message key (reports.job.error.*) and the detail for the log. */
		.addColumn('error', 'text')
		.addColumn('error_detail', 'text')
		.addColumn('issue_number', 'integer')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('finished_at', 'text')
		.execute();
	await db.schema.createIndex('report_job_report').on('report_job').columns(['report_id', 'id']).execute();
	await db.schema.createIndex('report_job_state').on('report_job').columns(['state', 'id']).execute();
	await db.schema
		.createIndex('report_job_one_open')
		.on('report_job')
		.column('report_id')
		.unique()
		.where(sql.ref('state'), 'in', [sql.lit('queued'), sql.lit('rendering')])
		.execute();
}
