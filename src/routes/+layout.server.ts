import { publicUser } from '$lib/server/auth/users';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? publicUser(locals.user) : null,
	locale: locals.locale
});
