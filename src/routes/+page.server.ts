import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { listPortfolio } from '$lib/server/programmes';
import { portfolioFigures } from '$lib/server/portfolio';
import { assessProgrammes, countStatuses, todayIso } from '$lib/server/results';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const portfolio = await listPortfolio(db, user);
	// One assessment for all programmes at once: the portfolio costs the same few statements
	// whether the user sees one programme or forty.
	const asOf = todayIso();
	const [assessed, figures] = await Promise.all([
		assessProgrammes(db, portfolio.map((e) => e.programme), asOf),
		portfolioFigures(db, portfolio.map((e) => e.programme.id), asOf)
	]);
	return {
		portfolio: portfolio.map((entry) => ({
			...entry,
			statusCounts: countStatuses(assessed.get(entry.programme.id)?.assessments.values() ?? []),
			...figures.get(entry.programme.id)!
		}))
	};
};
