import { getDb } from '$lib/server/db/connection';
import { parseSearchQuery, searchLessons } from '$lib/server/evaluation/search';
import { requireUser } from '$lib/server/http/guards';
import { listPortfolio } from '$lib/server/programmes/programmes';
import type { PageServerLoad } from './$types';

// The search across programmes (issue 24): validated entries of the programmes the person
// belongs to (every programme for an admin). Filters come from the address, so a search is a link.
export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const locale = event.locals.locale;
	const portfolio = await listPortfolio(db, user, locale);
	const query = parseSearchQuery(event.url.searchParams);
	const scope = { isAdmin: user.isAdmin, programmeIds: portfolio.map((p) => p.programme.id) };
	const result = await searchLessons(db, scope, query, locale);
	const programmes = portfolio.map((p) => ({ id: p.programme.id, shortName: p.programme.shortName }));
	const countries = [...new Set(portfolio.map((p) => p.programme.country).filter((c) => c !== ''))].sort();
	return { query, ...result, programmes, countries };
};
