import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/connection';
import { readForm } from '$lib/server/http/forms';
import { isLocale, safeRedirectTarget, setLocaleCookie } from '$lib/server/auth/locale';
import { setUserLocale } from '$lib/server/auth/users';
import type { RequestHandler } from './$types';

// The language switch posts here from every page: remember the choice in a cookie, and on the
// user once signed in, then go back to the page it came from.
export const POST: RequestHandler = async ({ request, cookies, url, locals }) => {
	const data = await readForm(request);
	const locale = data.get('locale');
	const back = safeRedirectTarget(data.get('redirectTo'));
	if (!isLocale(locale)) redirect(303, back);
	setLocaleCookie(cookies, url, locale);
	if (locals.user) await setUserLocale(getDb(), locals.user.id, locale);
	redirect(303, back);
};
