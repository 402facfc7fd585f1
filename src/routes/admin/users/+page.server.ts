import { instanceAction } from '$lib/server/actions';
import { createAccount, listAccounts, newAccountSchema } from '$lib/server/accounts';
import { getDb } from '$lib/server/db';
import { requireInstance } from '$lib/server/guards';
import { redirectWithNotice } from '$lib/server/notices';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireInstance(event, 'admin.manageUsers');
	return { accounts: await listAccounts(getDb()) };
};

export const actions = {
	create: (event) =>
		instanceAction(event, 'admin.manageUsers', newAccountSchema, async ({ db, user, data }) => {
			const id = await createAccount(db, user, data);
			redirectWithNotice(`/admin/users/${id}`, 'created');
		})
} satisfies Actions;
