import { loadDashboard, type DashboardLink } from '$lib/server/dashboard/dashboard';
import { getDb } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import type { PageServerLoad } from './$types';

// The programme dashboard: read-only, approved data only, the same for every role that may see
// the programme (a non-member gets 404 from the guard).
export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	// The header's documents (latest issued report, IPTT workbook, IATI file) join here once the
	// reports and exports exist; until then there is none, so no dead link is shown.
	const links: DashboardLink[] = [];
	const dashboard = await loadDashboard(getDb(), access.programme, access.viewer, { locale: event.locals.locale, links });
	return { dashboard };
};
