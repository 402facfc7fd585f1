import { sql, type Kysely } from 'kysely';
import { identity, nowText } from '../src/lib/server/db/ddl';

// The evaluator's instruments (issue 24). An evaluation matrix is a set of questions per report,
// each tagged with an OECD-DAC criterion or an ILO cross-cutting driver, linked to the indicators
// and records that answer it (its evidence sufficiency is computed from them, never stored).
// Lessons learned and emerging good practices hold the ILO EVAL templates' fields; `search_text`
// is their folded text in both languages (see src/lib/evaluation/search-text.ts), so one LIKE
// search runs the same on SQLite and PostgreSQL.

const CRITERIA = sql`(
	'relevance', 'coherence', 'effectiveness', 'efficiency', 'impact', 'sustainability',
	'labour_standards', 'social_dialogue', 'gender_equality', 'disability_inclusion', 'environmental_sustainability')`;

export async function up(db: Kysely<any>): Promise<void> {
	const now = nowText(db);

	await db.schema
		.createTable('lesson')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('lesson', 'practice')`))
		.addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'validated')`))
		.addColumn('theme', 'text', (c) => c.notNull())
		.addColumn('criterion', 'text', (c) => c.check(sql`criterion is null or criterion in ${CRITERIA}`))
		.addColumn('title', 'text', (c) => c.notNull())
		// Lesson learned template.
		.addColumn('context', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('challenges', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('causal_factors', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('targeted_users', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('success', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('administrative_issues', 'text', (c) => c.notNull().defaultTo(''))
		// Emerging good practice template.
		.addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('conditions', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('cause_effect', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('impact', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('replication', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('pb_link', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('validated_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('validated_at', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('lesson_programme_status').on('lesson').columns(['programme_id', 'status']).execute();
	await db.schema.createIndex('lesson_status_validated').on('lesson').columns(['status', 'validated_at']).execute();
	await db.schema.createIndex('lesson_created_by').on('lesson').column('created_by').execute();
	await db.schema.createIndex('lesson_validated_by').on('lesson').column('validated_by').execute();

	for (const [table, column, target] of [
		['lesson_module', 'module_id', 'module'],
		['lesson_output', 'output_id', 'output'],
		['lesson_recommendation', 'recommendation_id', 'recommendation'],
		['lesson_indicator', 'indicator_id', 'indicator']
	] as const) {
		await db.schema
			.createTable(table)
			.addColumn('lesson_id', 'integer', (c) => c.notNull().references('lesson.id').onDelete('cascade'))
			.addColumn(column, 'integer', (c) => c.notNull().references(`${target}.id`).onDelete('cascade'))
			.addPrimaryKeyConstraint(`${table}_pk`, ['lesson_id', column])
			.execute();
		await db.schema.createIndex(`${table}_${column}`).on(table).column(column).execute();
	}

	await db.schema
		.createTable('evaluation_question')
		.addColumn('id', 'integer', identity)
		.addColumn('report_id', 'integer', (c) => c.notNull().references('report.id').onDelete('cascade'))
		.addColumn('criterion', 'text', (c) => c.notNull().check(sql`criterion in ${CRITERIA}`))
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('question', 'text', (c) => c.notNull())
		.addColumn('judgement_criteria', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('sources', 'text', (c) => c.notNull().defaultTo(''))
		/** Comma-separated methods (document_review,survey…), in the order of EVALUATION_METHODS. */
		.addColumn('methods', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('evaluation_question_report').on('evaluation_question').columns(['report_id', 'sort_order']).execute();
	await db.schema.createIndex('evaluation_question_created_by').on('evaluation_question').column('created_by').execute();

	for (const [table, column, target] of [
		['evaluation_question_indicator', 'indicator_id', 'indicator'],
		['evaluation_question_recommendation', 'recommendation_id', 'recommendation']
	] as const) {
		await db.schema
			.createTable(table)
			.addColumn('question_id', 'integer', (c) => c.notNull().references('evaluation_question.id').onDelete('cascade'))
			.addColumn(column, 'integer', (c) => c.notNull().references(`${target}.id`).onDelete('cascade'))
			.addPrimaryKeyConstraint(`${table}_pk`, ['question_id', column])
			.execute();
		await db.schema.createIndex(`${table}_${column}`).on(table).column(column).execute();
	}
}
