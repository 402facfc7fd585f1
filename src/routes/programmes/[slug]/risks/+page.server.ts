import { getDb } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import { loadRiskRegister, readRiskFilters } from '$lib/server/risks/register';
import type { PageServerLoad } from './$types';

// The register with its heat map. Everyone in the programme reads it; donors without internal notes.
export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const filters = readRiskFilters(event.url.searchParams);
	const register = await loadRiskRegister(getDb(), access.programme, access.viewer, filters);
	return { register, filters, canEdit: access.can('risk.edit') };
};
