import { sql, type Kysely } from 'kysely';

// Databases seeded before the illustrative flags existed: mark the key actions and management
// responses that no person ever recorded (they have no audit row of their own, only the seed's
// programme-level one). What someone created or edited keeps its mark off.

export async function up(db: Kysely<any>): Promise<void> {
	await sql`
		update key_action set is_illustrative = 1
		where is_illustrative = 0
			and not exists (select 1 from audit_log a where a.entity = 'key_action' and a.entity_id = cast(key_action.id as text))
	`.execute(db);
	await sql`
		update recommendation set response_is_illustrative = 1
		where management_response is not null
			and response_is_illustrative = 0
			and not exists (
				select 1 from audit_log a
				where a.entity = 'recommendation' and a.entity_id = cast(recommendation.id as text) and a.action = 'respond'
			)
	`.execute(db);
}
