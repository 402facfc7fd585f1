import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { listPortfolio } from '$lib/server/programmes';
import { assessProgrammes, countStatuses } from '$lib/server/results';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const portfolio = await listPortfolio(db, user);
	// One assessment for all programmes at once: the portfolio costs the same few statements
	// whether the user sees one programme or forty.
	const assessed = await assessProgrammes(db, portfolio.map((e) => e.programme));
	return {
		portfolio: portfolio.map((entry) => ({
			...entry,
			statusCounts: countStatuses(assessed.get(entry.programme.id)?.assessments.values() ?? [])
		}))
	};
};
