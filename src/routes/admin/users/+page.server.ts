import { instanceAction } from '$lib/server/http/actions';
import { createAccount, listAccounts, newAccountSchema } from '$lib/server/auth/accounts';
import { getDb } from '$lib/server/db/connection';
import { requireInstance } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireInstance(event, 'admin.manageUsers');
	return { accounts: await listAccounts(getDb(), undefined, event.locals.locale) };
};

export const actions = {
	create: (event) =>
		instanceAction(event, 'admin.manageUsers', newAccountSchema, async ({ db, user, data }) => {
			const id = await createAccount(db, user, data);
			redirectWithNotice(`/admin/users/${id}`, 'created');
		})
} satisfies Actions;
