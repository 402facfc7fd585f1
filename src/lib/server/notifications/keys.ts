import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../db/executor';
import type { NotificationKind } from '$lib/notification-kinds';
import { DIGEST_SCOPE, isNotificationKind } from './kinds';

// Signed one-click unsubscribe links: `/unsubscribe/<user>.<scope>.<signature>`, an HMAC-SHA-256
// over the user and scope with a key the instance keeps in its database (made on first use, so
// every app process on the database signs and checks with the same key, and a seed or a test
// database never shares it). A link altered in any character fails the check.

const KEY_NAME = 'unsubscribe';

async function signingKey(db: Executor): Promise<Uint8Array> {
	const found = await db.selectFrom('instance_key').select('secret').where('name', '=', KEY_NAME).executeTakeFirst();
	if (found) return found.secret;
	await db
		.insertInto('instance_key')
		.values({ name: KEY_NAME, secret: randomBytes(32) })
		.onConflict((oc) => oc.column('name').doNothing())
		.execute();
	const row = await db.selectFrom('instance_key').select('secret').where('name', '=', KEY_NAME).executeTakeFirstOrThrow();
	return row.secret;
}

export type UnsubscribeScope = NotificationKind | typeof DIGEST_SCOPE;

function signature(key: Uint8Array, userId: number, scope: string): Buffer {
	return createHmac('sha256', key).update(`avance-unsubscribe:${userId}:${scope}`).digest();
}

export async function unsubscribeToken(db: Executor, userId: number, scope: UnsubscribeScope): Promise<string> {
	return `${userId}.${scope}.${signature(await signingKey(db), userId, scope).toString('base64url')}`;
}

/** The user and scope a token names, or null when it is malformed or its signature does not match. */
export async function readUnsubscribeToken(db: Executor, token: string): Promise<{ userId: number; scope: UnsubscribeScope } | null> {
	const match = /^([1-9][0-9]{0,9})\.([a-z_]{1,40})\.([A-Za-z0-9_-]{43})$/.exec(token);
	if (!match) return null;
	const userId = Number(match[1]);
	const scope = match[2]!;
	if (scope !== DIGEST_SCOPE && !isNotificationKind(scope)) return null;
	const given = Buffer.from(match[3]!, 'base64url');
	// 43 characters carry 258 bits for a 256-bit signature: the last character's two spare bits
	// are ignored by the decoder, so only the one canonical spelling is accepted.
	if (given.toString('base64url') !== match[3]) return null;
	const expected = signature(await signingKey(db), userId, scope);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	return { userId, scope: scope as UnsubscribeScope };
}
