import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { formatWait } from '$lib/i18n/format';
import { translate } from '$lib/i18n/translate';
import { getDb } from '$lib/server/db/connection';
import { failForm, parseForm, readForm } from '$lib/server/http/forms';
import { safeRedirectTarget } from '$lib/server/auth/locale';
import { oidcSettings, passwordSignInDisabledFor, type OidcFailure } from '$lib/server/auth/oidc';
import { openSession } from '$lib/server/auth/sign-in';
import { verifyAgainstDummy, verifyPassword } from '$lib/server/auth/password';
import { beginLoginAttempt, recordLoginSuccess } from '$lib/server/auth/rate-limit';
import { findUserByEmail } from '$lib/server/auth/users';
import { CHALLENGE_COOKIE, createChallenge, totpState } from '$lib/server/auth/totp';
import { emailField } from '$lib/server/core/validation';
import type { Actions, PageServerLoad } from './$types';

const loginSchema = z.object({
	email: emailField(),
	// A cap keeps a huge password from tying up argon2; no other rule: never tell what is wrong.
	password: z.string({ error: 'validation.required' }).min(1, { error: 'validation.required' }).max(256, { error: 'validation.tooLong' }),
	redirectTo: z.string().optional()
});

const OIDC_FAILURES = new Set<OidcFailure>(['unavailable', 'state', 'refused', 'token', 'unverified', 'unknown', 'inactive']);

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	const settings = oidcSettings();
	const failure = url.searchParams.get('oidc');
	return {
		redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo'), ''),
		// The organisation's sign-in, when configured: the button names the provider.
		oidc: settings ? { name: settings.name } : null,
		oidcFailure: failure && OIDC_FAILURES.has(failure as OidcFailure) ? (failure as OidcFailure) : null
	};
};

export const actions = {
	default: async (event) => {
		const { request, locals, cookies, url } = event;
		const locale = locals.locale;
		const data = await readForm(request);
		const parsed = parseForm(loginSchema, data, locale);
		if (!parsed.ok) return parsed.failure;
		const { email, password, redirectTo } = parsed.data;
		const values = { email, redirectTo: redirectTo ?? '' };
		// An organisation that signs its people in through its provider turns passwords off for its domain.
		if (oidcSettings() && passwordSignInDisabledFor(email)) {
			return failForm(400, { form: 'login', values, formError: translate(locale, 'oidc.passwordDisabled') });
		}

		const db = getDb();
		const address = event.getClientAddress();
		// Counted as a failure before the slow password check, so a parallel burst cannot slip past.
		const gate = await beginLoginAttempt(db, email, address);
		if (!gate.allowed) {
			const wait = formatWait(locale, gate.retryAfterSeconds);
			return failForm(429, { form: 'login', values, formError: translate(locale, 'login.throttled', { wait }) });
		}

		const user = await findUserByEmail(db, email);
		const valid = user && user.active ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
		if (!user || !valid) {
			return failForm(400, { form: 'login', values, formError: translate(locale, 'login.failed') });
		}

		// An account with a second factor gets no session yet: the code comes first (/login/two-factor).
		if ((await totpState(db, user.id)).enrolled) {
			await recordLoginSuccess(db, email, address);
			const challenge = await createChallenge(db, user.id, safeRedirectTarget(redirectTo));
			cookies.set(CHALLENGE_COOKIE, challenge, {
				path: '/login',
				httpOnly: true,
				sameSite: 'lax',
				secure: url.protocol === 'https:',
				maxAge: 300
			});
			redirect(303, '/login/two-factor');
		}
		await openSession(db, cookies, url, {
			userId: user.id,
			userLocale: user.locale,
			action: 'sign_in',
			alsoInTransaction: (trx) => recordLoginSuccess(trx, email, address)
		});
		redirect(303, safeRedirectTarget(redirectTo));
	}
} satisfies Actions;
