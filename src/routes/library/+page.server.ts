import { getDb } from '$lib/server/db/connection';
import { requireUser } from '$lib/server/http/guards';
import { listLibrary } from '$lib/server/library/entries';
import { linkCounts } from '$lib/server/library/links';
import type { PageServerLoad } from './$types';

// The indicator library: everyone signed in reads it; admins curate it.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const [entries, counts] = await Promise.all([listLibrary(db, event.locals.locale), linkCounts(db)]);
	return { entries: entries.map((entry) => ({ entry, linked: counts.get(entry.id) ?? 0 })), canCurate: user.isAdmin };
};
