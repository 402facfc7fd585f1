import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireUser } from '$lib/server/http/guards';
import { loadComparison } from '$lib/server/library/compare';
import type { PageServerLoad } from './$types';

// A library entry and its comparison across the programmes this person may see.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const comparison = await found(loadComparison(getDb(), user, paramId(event.params.id), { locale: event.locals.locale }));
	return { comparison, canCurate: user.isAdmin };
};
