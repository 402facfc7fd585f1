import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/connection';
import { completeOidcSignIn, OIDC_STATE_COOKIE, OidcSignInError, oidcSettings } from '$lib/server/auth/oidc';
import { publicUrl } from '$lib/server/http/origin';
import { openSession } from '$lib/server/auth/sign-in';
import { findUserById } from '$lib/server/auth/users';
import { CHALLENGE_COOKIE, createChallenge, totpState } from '$lib/server/auth/totp';
import type { RequestHandler } from './$types';

// The provider's answer. Every refusal (a forged, replayed or expired state, a bad token, a person
// Avance does not know) lands on the sign-in page with its reason in words; nothing is half-done.
// A sign-in the provider vouches was made with a second factor opens a session that counts as
// having one (the admin rule). Otherwise a person who enrolled a code of Avance's own is asked for
// it, as after a password, so that enrolment is never bypassed by signing in here.
export const GET: RequestHandler = async (event) => {
	const settings = oidcSettings();
	if (!settings) error(404);
	const db = getDb();
	const browserState = event.cookies.get(OIDC_STATE_COOKIE);
	event.cookies.delete(OIDC_STATE_COOKIE, { path: '/login/oidc' });
	let signedIn;
	try {
		signedIn = await completeOidcSignIn(db, settings, event.url, publicUrl(event.url, '/login/oidc/callback'), browserState);
	} catch (failure) {
		if (!(failure instanceof OidcSignInError)) throw failure;
		console.warn(failure.message);
		redirect(303, `/login?oidc=${failure.failure}`);
	}
	const user = await findUserById(db, signedIn.userId);
	if (!user) redirect(303, '/login?oidc=unknown');
	if (!signedIn.secondFactor && (await totpState(db, user.id)).enrolled) {
		const challenge = await createChallenge(db, user.id, signedIn.redirectTo);
		event.cookies.set(CHALLENGE_COOKIE, challenge, {
			path: '/login',
			httpOnly: true,
			sameSite: 'lax',
			secure: event.url.protocol === 'https:',
			maxAge: 300
		});
		redirect(303, '/login/two-factor');
	}
	await openSession(db, event.cookies, event.url, {
		userId: user.id,
		userLocale: user.locale,
		action: 'sign_in_oidc',
		after: { issuer: settings.issuer.href, ...(signedIn.secondFactor ? { method: 'provider' } : {}) },
		secondFactor: signedIn.secondFactor ? 'provider' : null
	});
	redirect(303, signedIn.redirectTo);
};
