import { getDb } from '$lib/server/db/connection';
import { userAction } from '$lib/server/http/actions';
import { requireUser } from '$lib/server/http/guards';
import { NOTIFICATION_KINDS } from '$lib/notification-kinds';
import { preferencesSchema, readPreferences, savePreferences } from '$lib/server/notifications/preferences';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { preferences: await readPreferences(getDb(), user.id), kinds: [...NOTIFICATION_KINDS] };
};

export const actions = {
	preferences: (event) =>
		userAction(event, preferencesSchema, async ({ db, user, data, redirect }) => {
			const kinds = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, data[`kind_${k}`]]));
			await savePreferences(db, user, { digest: data.digest, kinds: kinds as never });
			redirect('prefsSaved');
		})
} satisfies Actions;
