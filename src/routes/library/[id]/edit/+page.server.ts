import { getDb } from '$lib/server/db/connection';
import { instanceAction } from '$lib/server/http/actions';
import { found, paramId, requireInstance } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import { getLibraryEntry, libraryEntryEditSchema, updateLibraryEntry } from '$lib/server/library/entries';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireInstance(event, 'admin.manageProgrammes');
	return { entry: await found(getLibraryEntry(getDb(), paramId(event.params.id))) };
};

export const actions = {
	default: (event) =>
		instanceAction(event, 'admin.manageProgrammes', libraryEntryEditSchema, async ({ db, user, data }) => {
			const id = paramId(event.params.id);
			await updateLibraryEntry(db, user, id, data);
			redirectWithNotice(`/library/${id}`, 'saved');
		})
} satisfies Actions;
