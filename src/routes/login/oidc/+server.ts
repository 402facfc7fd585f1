import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/connection';
import { safeRedirectTarget } from '$lib/server/auth/locale';
import { beginOidcSignIn, OIDC_STATE_COOKIE, OidcSignInError, oidcSettings } from '$lib/server/auth/oidc';
import { publicUrl } from '$lib/server/http/origin';
import type { RequestHandler } from './$types';

// "Sign in with the organisation's account": sends the browser to the provider, keeping the
// sign-in's state in a short-lived cookie only /login/oidc reads.
export const GET: RequestHandler = async (event) => {
	const settings = oidcSettings();
	if (!settings) error(404);
	if (event.locals.user) redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo')));
	let started;
	try {
		started = await beginOidcSignIn(
			getDb(),
			settings,
			publicUrl(event.url, '/login/oidc/callback'),
			safeRedirectTarget(event.url.searchParams.get('redirectTo'))
		);
	} catch (failure) {
		if (!(failure instanceof OidcSignInError)) throw failure;
		console.warn(failure.message);
		redirect(303, `/login?oidc=${failure.failure}`);
	}
	event.cookies.set(OIDC_STATE_COOKIE, started.state, {
		path: '/login/oidc',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		maxAge: 600
	});
	redirect(303, started.authorizationUrl.href);
};
