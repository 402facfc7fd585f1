import { todayIso } from '$lib/server/core/dates';
import { getDb } from '$lib/server/db/connection';
import { requireUser } from '$lib/server/http/guards';
import { loadInbox } from '$lib/server/inbox/inbox';
import { listPortfolio } from '$lib/server/programmes/programmes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	return { inbox: await loadInbox(db, user, await listPortfolio(db, user), todayIso()) };
};
