import { requireInstance } from '$lib/server/http/guards';
import type { LayoutServerLoad } from './$types';

// For the section's navigation only: every page and action below checks again (requireInstance
// also sends an admin without the second factor the instance requires to set one up).
export const load: LayoutServerLoad = async (event) => {
	requireInstance(event, 'admin.manageUsers');
	return {};
};
