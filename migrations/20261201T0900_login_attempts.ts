import type { Kysely } from 'kysely';

// The sign-in throttle's state, so that it survives a restart and is shared by every app process
// on the same database (design §2, login_attempt). One row per account × address, and one per
// address as a whole (email ''). Instants are ISO-8601 UTC text, as everywhere else.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('login_attempt')
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('address', 'text', (c) => c.notNull())
		.addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('last_failure_at', 'text')
		// The last successful sign-in of this account from this address: a known pair is not held
		// back by the limit on the address as a whole (a shared office address under attack).
		.addColumn('signed_in_at', 'text')
		.addPrimaryKeyConstraint('login_attempt_pk', ['email', 'address'])
		.execute();
	await db.schema.createIndex('login_attempt_last_failure_at').on('login_attempt').column('last_failure_at').execute();
	await db.schema.createIndex('login_attempt_signed_in_at').on('login_attempt').column('signed_in_at').execute();
}
