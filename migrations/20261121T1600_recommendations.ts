import { sql, type Kysely } from 'kysely';
import { identity, nowText } from '../src/lib/server/db/ddl';

// Recommendation adoption tracker: the documents recommendations come from, the recommendations
// with their management response, the partner's adoption ladder (one event per step), key
// actions, internal comments, links to the logframe, and indicators that take their value from
// the tracker ("recommendations adopted").

export async function up(db: Kysely<any>): Promise<void> {
	const now = nowText(db);

	await db.schema
		.createTable('source_document')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('midterm_evaluation', 'final_evaluation', 'technical_study')`))
		.addColumn('issued_on', 'text')
		.addColumn('url', 'text')
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('source_document_programme_id').on('source_document').column('programme_id').execute();

	await db.schema
		.createTable('recommendation')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		.addColumn('source_document_id', 'integer', (c) => c.references('source_document.id').onDelete('set null'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		// The date the recommendation was made: no adoption step may be dated before it.
		.addColumn('issued_on', 'text', (c) => c.notNull())
		.addColumn('addressed_to', 'text', (c) => c.notNull())
		.addColumn('area', 'text', (c) => c.notNull().check(sql`area in ('coverage', 'governance', 'sustainability', 'quality')`))
		.addColumn('priority', 'text', (c) => c.notNull().defaultTo('medium').check(sql`priority in ('high', 'medium', 'low')`))
		.addColumn('timeframe', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('management_response', 'text', (c) => c.check(sql`management_response in ('accepted', 'partially_accepted', 'rejected')`))
		.addColumn('management_response_text', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('internal_notes', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addUniqueConstraint('recommendation_programme_code', ['programme_id', 'code'])
		.execute();
	await db.schema.createIndex('recommendation_source_document_id').on('recommendation').column('source_document_id').execute();
	await db.schema.createIndex('recommendation_programme_area').on('recommendation').columns(['programme_id', 'area']).execute();

	// The adoption ladder: every step is an event; the current status is the latest event.
	await db.schema
		.createTable('adoption_event')
		.addColumn('id', 'integer', identity)
		.addColumn('recommendation_id', 'integer', (c) => c.notNull().references('recommendation.id').onDelete('cascade'))
		.addColumn('event_date', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.check(
					sql`status in ('proposed', 'under_review', 'accepted_in_principle', 'partially_adopted', 'adopted', 'implemented', 'rejected', 'no_longer_applicable')`
				)
		)
		.addColumn('instrument', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('evidence_url', 'text')
		// Internal: never shown to donors.
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('author_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('is_illustrative', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute();
	await db.schema.createIndex('adoption_event_recommendation_date').on('adoption_event').columns(['recommendation_id', 'event_date', 'id']).execute();
	await db.schema.createIndex('adoption_event_author_id').on('adoption_event').column('author_id').execute();

	await db.schema
		.createTable('key_action')
		.addColumn('id', 'integer', identity)
		.addColumn('recommendation_id', 'integer', (c) => c.notNull().references('recommendation.id').onDelete('cascade'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('responsible', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('due_date', 'text')
		.addColumn('status', 'text', (c) =>
			c.notNull().defaultTo('not_initiated').check(sql`status in ('not_initiated', 'initiated', 'completed', 'no_longer_applicable')`)
		)
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(now))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('key_action_recommendation_id').on('key_action').column('recommendation_id').execute();

	await db.schema
		.createTable('recommendation_comment')
		.addColumn('id', 'integer', identity)
		.addColumn('recommendation_id', 'integer', (c) => c.notNull().references('recommendation.id').onDelete('cascade'))
		.addColumn('author_id', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
		.execute();
	await db.schema.createIndex('recommendation_comment_recommendation').on('recommendation_comment').columns(['recommendation_id', 'created_at']).execute();
	await db.schema.createIndex('recommendation_comment_author_id').on('recommendation_comment').column('author_id').execute();

	// Links to the logframe, one table per kind so every link has a real foreign key.
	for (const [table, target] of [
		['recommendation_module', 'module'],
		['recommendation_output', 'output'],
		['recommendation_indicator', 'indicator'],
		['recommendation_risk', 'risk']
	] as const) {
		await db.schema
			.createTable(table)
			.addColumn('recommendation_id', 'integer', (c) => c.notNull().references('recommendation.id').onDelete('cascade'))
			.addColumn(`${target}_id`, 'integer', (c) => c.notNull().references(`${target}.id`).onDelete('cascade'))
			.addPrimaryKeyConstraint(`${table}_pk`, ['recommendation_id', `${target}_id`])
			.execute();
		await db.schema.createIndex(`${table}_${target}_id`).on(table).column(`${target}_id`).execute();
	}

	// An indicator may take its values from the tracker instead of from entered values.
	await db.schema
		.alterTable('indicator')
		.addColumn('source', 'text', (c) => c.notNull().defaultTo('manual').check(sql`source in ('manual', 'recommendations_adopted')`))
		.execute();
}
