import type { Kysely } from 'kysely';
import { binaryType, identity, nowText } from '../src/lib/server/db/ddl';

// E-mail notifications (design §2, notification and notification_preference). A notification
// row is written in the same transaction as the event it reports, already composed in the
// recipient's language (subject, text, html): no mail for a change that rolled back, and no
// change without its mail. The sender claims a row by compare-and-set on (state, attempts), so
// with several app processes each message goes out once. States:
//   pending → sending → sent, or back to pending (retried later) and finally failed;
//   waiting (held for the person's digest) → digested (folded into a 'digest' row, which is sent).
// `dedupe_key` makes a reminder (a period due, a risk review due…) be written once however often
// the periodic job runs, in one process or several.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('notification')
		.addColumn('id', 'integer', identity)
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('programme_id', 'integer', (c) => c.references('programme.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('locale', 'text', (c) => c.notNull())
		.addColumn('recipient', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('body_text', 'text', (c) => c.notNull())
		.addColumn('body_html', 'text', (c) => c.notNull())
		/** The page the message points to, as a path on this site. */
		.addColumn('link', 'text', (c) => c.notNull())
		.addColumn('dedupe_key', 'text')
		.addColumn('state', 'text', (c) => c.notNull())
		/** For a digested row, the digest that carried it. */
		.addColumn('digest_id', 'integer', (c) => c.references('notification.id').onDelete('set null'))
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		/** When the sender may next try (pending), or when the digest holding it goes out (waiting). */
		.addColumn('next_attempt_at', 'text', (c) => c.notNull())
		.addColumn('claimed_by', 'text')
		.addColumn('claimed_at', 'text')
		.addColumn('last_error', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addColumn('sent_at', 'text')
		.execute();
	await db.schema.createIndex('notification_due').on('notification').columns(['state', 'next_attempt_at']).execute();
	await db.schema.createIndex('notification_user_state').on('notification').columns(['user_id', 'state']).execute();
	await db.schema.createIndex('notification_programme').on('notification').column('programme_id').execute();
	await db.schema.createIndex('notification_digest').on('notification').column('digest_id').execute();
	await db.schema.createIndex('notification_created_at').on('notification').column('created_at').execute();
	await db.schema.createIndex('notification_once').on('notification').columns(['user_id', 'kind', 'dedupe_key']).unique().execute();

	// Person × kind: immediate / daily / weekly / off. The kind 'default' holds the person's digest
	// choice (daily, weekly or off); a kind without a row goes into that digest.
	await db.schema
		.createTable('notification_preference')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('user.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('delivery', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.addPrimaryKeyConstraint('notification_preference_pk', ['user_id', 'kind'])
		.execute();

	// Keys the instance keeps to itself (the signing key of unsubscribe links), shared by every
	// app process on the database. Created on first use, never by a migration or the seed.
	await db.schema
		.createTable('instance_key')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('secret', binaryType(db), (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull().defaultTo(nowText(db)))
		.execute();
}
