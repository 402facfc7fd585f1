import { getDb } from '$lib/server/db/connection';
import { requireUser } from '$lib/server/http/guards';
import { listLibrary } from '$lib/server/library/entries';
import { linkCounts } from '$lib/server/library/links';
import { listPortfolio } from '$lib/server/programmes/programmes';
import type { PageServerLoad } from './$types';

// The indicator library: everyone signed in reads it; admins curate it.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	// Links are counted only in the programmes this person may see (an admin sees them all).
	const [entries, portfolio] = await Promise.all([listLibrary(db, event.locals.locale), listPortfolio(db, user, event.locals.locale)]);
	const counts = await linkCounts(
		db,
		portfolio.map((p) => p.programme.id)
	);
	return { entries: entries.map((entry) => ({ entry, linked: counts.get(entry.id) ?? 0 })), canCurate: user.isAdmin };
};
