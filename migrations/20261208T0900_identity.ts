import type { Kysely } from 'kysely';
import { binaryType, identity, nowText } from '../src/lib/server/db/ddl';

// Sign-in with the organisation's account (design §2, identity; issue 23). `identity` links a
// person to the subject an OpenID provider names them by, made the first time they sign in
// there with a verified e-mail that matches an account an admin created. `oidc_login` holds
// one sign-in in progress — known to the browser only by its random state, whose SHA-256 is
// the key — with the nonce and PKCE verifier it must come back with; it is deleted when the
// provider answers, so a state or code can be used once.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('identity')
		.addColumn('id', 'integer', identity)
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('issuer', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addUniqueConstraint('identity_issuer_subject', ['issuer', 'subject'])
		.execute();
	await db.schema.createIndex('identity_user').on('identity').column('user_id').execute();
	await db.schema
		.createTable('oidc_login')
		.addColumn('state_hash', binaryType(db), (c) => c.primaryKey())
		.addColumn('nonce', 'text', (c) => c.notNull())
		.addColumn('code_verifier', 'text', (c) => c.notNull())
		.addColumn('redirect_to', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('oidc_login_expires').on('oidc_login').column('expires_at').execute();
}
