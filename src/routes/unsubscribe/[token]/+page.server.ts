import { fail } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/connection';
import { readUnsubscribeToken } from '$lib/server/notifications/keys';
import { unsubscribe } from '$lib/server/notifications/preferences';
import type { Actions, PageServerLoad } from './$types';

// The link in every message: no sign-in, the signed token is the authority. Opening it asks
// (a mail scanner that follows links changes nothing); the button, or a mail program's RFC 8058
// one-click POST to the same address, unsubscribes.

async function resolve(token: string) {
	const db = getDb();
	const found = await readUnsubscribeToken(db, token);
	if (!found) return null;
	const user = await db.selectFrom('user').select('email').where('id', '=', found.userId).executeTakeFirst();
	return user ? { ...found, email: user.email } : null;
}

export const load: PageServerLoad = async ({ params }) => {
	const found = await resolve(params.token);
	return { valid: !!found, email: found?.email ?? null, scope: found?.scope ?? null };
};

export const actions = {
	default: async ({ params }) => {
		const found = await resolve(params.token);
		if (!found) return fail(400, { invalid: true });
		await unsubscribe(getDb(), found.userId, found.scope);
		return { done: true };
	}
} satisfies Actions;
