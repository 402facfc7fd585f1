import { redirect } from '@sveltejs/kit';
import { requireInstance } from '$lib/server/http/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	requireInstance(event, 'admin.manageUsers');
	redirect(303, '/admin/users');
};
