import { sql, type Kysely } from 'kysely';
import { identity, nowText } from '../src/lib/server/db/ddl';

// The tripartite lens (issue 25): social-dialogue events of a programme with the parties present
// (government, employers' and workers' organisations, others, each with names), and the
// constituents that took part in activities, outputs and recommendations.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('social_dialogue_event')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		.addColumn('held_on', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('evidence_url', 'text')
		.addColumn('is_illustrative', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();
	await db.schema.createIndex('social_dialogue_event_programme').on('social_dialogue_event').columns(['programme_id', 'held_on']).execute();

	await db.schema
		.createTable('social_dialogue_party')
		.addColumn('id', 'integer', identity)
		.addColumn('event_id', 'integer', (c) => c.notNull().references('social_dialogue_event.id').onDelete('cascade'))
		.addColumn('constituent', 'text', (c) => c.notNull())
		.addColumn('names', 'text', (c) => c.notNull().defaultTo(''))
		.addCheckConstraint('social_dialogue_party_constituent', sql`constituent in ('government', 'employers', 'workers', 'other')`)
		.execute();
	await db.schema.createIndex('social_dialogue_party_event').on('social_dialogue_party').columns(['event_id', 'constituent']).unique().execute();

	// Which constituents took part in an activity, an output or a recommendation.
	await db.schema
		.createTable('constituent_tag')
		.addColumn('id', 'integer', identity)
		.addColumn('programme_id', 'integer', (c) => c.notNull().references('programme.id').onDelete('cascade'))
		.addColumn('entity', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'integer', (c) => c.notNull())
		.addColumn('constituent', 'text', (c) => c.notNull())
		.addCheckConstraint('constituent_tag_entity', sql`entity in ('activity', 'output', 'recommendation')`)
		.addCheckConstraint('constituent_tag_constituent', sql`constituent in ('government', 'employers', 'workers', 'other')`)
		.execute();
	await db.schema.createIndex('constituent_tag_record').on('constituent_tag').columns(['entity', 'entity_id', 'constituent']).unique().execute();
	await db.schema.createIndex('constituent_tag_programme').on('constituent_tag').columns(['programme_id', 'entity']).execute();
}
