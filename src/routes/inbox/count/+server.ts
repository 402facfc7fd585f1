import { json } from '@sveltejs/kit';
import { todayIso } from '$lib/server/core/dates';
import { getDb } from '$lib/server/db/connection';
import { requireUser } from '$lib/server/http/guards';
import { loadInbox } from '$lib/server/inbox/inbox';
import { listPortfolio } from '$lib/server/programmes/programmes';
import type { RequestHandler } from './$types';

// The number beside "Needs my action" in the header. Asked for by the header once a page is in
// the browser, so that no page pays for the whole inbox on the server to show one number.
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const inbox = await loadInbox(db, user, await listPortfolio(db, user), todayIso());
	return json({ total: inbox.total }, { headers: { 'cache-control': 'private, no-store' } });
};
