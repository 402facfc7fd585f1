import { requireProgramme } from '$lib/server/http/guards';
import type { LayoutServerLoad } from './$types';

// Supplies the programme header and tabs. Pages and actions still call requireProgramme
// themselves: a layout does not run for form actions.
export const load: LayoutServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	return {
		programme: access.programme,
		role: access.role,
		permissions: {
			viewInternal: access.can('programme.viewInternal'),
			editLogframe: access.can('logframe.edit'),
			recordValues: access.can('value.record')
		}
	};
};
