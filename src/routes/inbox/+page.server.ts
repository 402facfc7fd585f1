import { todayIso } from '$lib/server/core/dates';
import { getDb } from '$lib/server/db/connection';
import { requireUser } from '$lib/server/http/guards';
import { loadInbox } from '$lib/server/inbox/inbox';
import { listPortfolio } from '$lib/server/programmes/programmes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	// Titles in the language the page is read in (the cookie's choice before the account's).
	return { inbox: await loadInbox(db, { ...user, locale: event.locals.locale }, await listPortfolio(db, user), todayIso()) };
};
