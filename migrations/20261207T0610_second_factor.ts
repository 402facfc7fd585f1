import type { Kysely } from 'kysely';
import { binaryType, nowText } from '../src/lib/server/db/ddl';

// A second factor for password accounts (design §2, totp): the TOTP key, the hashes of the
// recovery codes still unused, and the last time step a code was accepted (a code is accepted
// once). A password sign-in of an enrolled account opens no session until the code is given: it
// leaves a short-lived challenge, known to the browser only by a random token whose SHA-256 is
// stored here.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('totp')
		.addColumn('user_id', 'integer', (c) => c.primaryKey().references('user.id').onDelete('cascade'))
		.addColumn('secret', binaryType(db), (c) => c.notNull())
		/** JSON array of SHA-256 hex digests of the unused recovery codes. */
		.addColumn('recovery_hashes', 'text', (c) => c.notNull())
		/** Null while enrolment waits for its first code. */
		.addColumn('enrolled_at', 'text')
		.addColumn('last_step', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.execute();
	await db.schema
		.createTable('two_factor_challenge')
		.addColumn('token_hash', binaryType(db), (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('redirect_to', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('two_factor_challenge_user').on('two_factor_challenge').column('user_id').execute();
	await db.schema.createIndex('two_factor_challenge_expires').on('two_factor_challenge').column('expires_at').execute();
}
