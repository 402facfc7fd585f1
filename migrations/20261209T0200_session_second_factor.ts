import type { Kysely } from 'kysely';

// How a session's sign-in proved a second factor (issue 23): 'provider' when the organisation's
// OpenID provider vouched for one (its `amr`/`acr`, or OIDC_COUNTS_AS_SECOND_FACTOR), 'totp' after
// the code step; null otherwise. The admin rule (REQUIRE_ADMIN_SECOND_FACTOR) accepts a session
// whose provider vouched, instead of asking that admin to enrol a code of Avance's own.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('session').addColumn('second_factor', 'text').execute();
}
