import { requireInstance } from '$lib/server/http/guards';
import type { LayoutServerLoad } from './$types';

// For the section's navigation only: every page and action below checks again.
export const load: LayoutServerLoad = (event) => {
	requireInstance(event, 'admin.manageUsers');
	return {};
};
