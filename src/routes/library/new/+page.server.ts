import { instanceAction } from '$lib/server/http/actions';
import { requireInstance } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import { createLibraryEntry, libraryEntrySchema } from '$lib/server/library/entries';
import type { Actions, PageServerLoad } from './$types';

// Only admins curate the library (it is shared by every programme).
export const load: PageServerLoad = async (event) => {
	requireInstance(event, 'admin.manageProgrammes');
	return {};
};

export const actions = {
	default: (event) =>
		instanceAction(event, 'admin.manageProgrammes', libraryEntrySchema, async ({ db, user, data }) => {
			const id = await createLibraryEntry(db, user, data);
			redirectWithNotice(`/library/${id}`, 'created');
		})
} satisfies Actions;
