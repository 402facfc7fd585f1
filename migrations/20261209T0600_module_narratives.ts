import type { Kysely } from 'kysely';
import { identity, nowText } from '../src/lib/server/db/ddl';

// The ILO progress report's "progress per outcome" (issue 21): each outcome (module) has its own
// narrative, written by the evaluator per report and per language, versioned like a section, so
// two evaluators saving the same outcome get a conflict rather than a silent overwrite. A row is
// created the first time an outcome's narrative is saved; no row reads as an empty narrative.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('report_module_narrative')
		.addColumn('id', 'integer', identity)
		.addColumn('report_id', 'integer', (c) => c.notNull().references('report.id').onDelete('cascade'))
		.addColumn('module_id', 'integer', (c) => c.notNull().references('module.id').onDelete('cascade'))
		.addColumn('narrative_es', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('narrative_en', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('updated_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema
		.createIndex('report_module_narrative_report')
		.on('report_module_narrative')
		.columns(['report_id', 'module_id'])
		.unique()
		.execute();
}
