import { sql, type Kysely } from 'kysely';
import { binaryType, identity, nowText } from '../src/lib/server/db/ddl';

// Personal tokens for the read API (design §2, api_token). Only a SHA-256 of the secret is kept;
// the token reads as its user, limited to its scopes and, when set, to a list of programmes.
// The request counter of the rate limit lives on the row (window start + count), so every app
// process on the same database counts the same requests.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('api_token')
		.addColumn('id', 'integer', identity)
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('secret_hash', binaryType(db), (c) => c.notNull().unique())
		// The first characters of the token (`avn_abcd…`), so its owner can tell tokens apart.
		.addColumn('hint', 'text', (c) => c.notNull())
		/** JSON array of scopes, e.g. ["read:programmes","read:results"]. */
		.addColumn('scopes', 'text', (c) => c.notNull())
		/** JSON array of programme ids, or null for every programme the user may see. */
		.addColumn('programme_ids', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('last_used_at', 'text')
		.addColumn('revoked_at', 'text')
		.addColumn('revoked_by', 'integer', (c) => c.references('user.id').onDelete('set null'))
		.addColumn('rate_window_start', 'text')
		.addColumn('rate_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addCheckConstraint('api_token_expiry_after_creation', sql`expires_at > created_at`)
		.execute();
	await db.schema.createIndex('api_token_user').on('api_token').column('user_id').execute();
	await db.schema.createIndex('api_token_revoked_by').on('api_token').column('revoked_by').execute();
}
