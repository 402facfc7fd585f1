import { getDb } from '$lib/server/db/connection';
import { loadGenderStrategy } from '$lib/server/gender/strategy';
import { requireProgramme } from '$lib/server/http/guards';
import type { PageServerLoad } from './$types';

// The gender strategy by module. Everyone in the programme reads it; donors without internal notes.
export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const internal = access.can('programme.viewInternal');
	const strategy = await loadGenderStrategy(getDb(), access.programme, access.viewer);
	return { strategy, internal, canEdit: access.can('gender.edit') };
};
