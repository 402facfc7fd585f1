import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { formatWait } from '$lib/i18n/format';
import { translate } from '$lib/i18n/translate';
import { recordAudit } from '$lib/server/core/audit';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db/connection';
import { failForm, parseForm, readForm } from '$lib/server/http/forms';
import { LOCALE_COOKIE, isLocale, safeRedirectTarget, setLocaleCookie } from '$lib/server/auth/locale';
import { verifyAgainstDummy, verifyPassword } from '$lib/server/auth/password';
import { beginLoginAttempt, recordLoginSuccess } from '$lib/server/auth/rate-limit';
import { findUserByEmail, setUserLocale } from '$lib/server/auth/users';
import { CHALLENGE_COOKIE, createChallenge, totpState } from '$lib/server/auth/totp';
import { emailField } from '$lib/server/core/validation';
import type { Actions, PageServerLoad } from './$types';

const loginSchema = z.object({
	email: emailField(),
	// A cap keeps a huge password from tying up argon2; no other rule: never tell what is wrong.
	password: z.string({ error: 'validation.required' }).min(1, { error: 'validation.required' }).max(256, { error: 'validation.tooLong' }),
	redirectTo: z.string().optional()
});

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo')));
	return { redirectTo: safeRedirectTarget(url.searchParams.get('redirectTo'), '') };
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
		// The language chosen on the sign-in page wins and is remembered on the account;
		// without a choice, the account's saved language applies.
		const chosen = cookies.get(LOCALE_COOKIE);
		const { token, session } = await db.transaction().execute(async (trx) => {
			await recordLoginSuccess(trx, email, address);
			const created = await createSession(trx, user.id);
			if (isLocale(chosen)) await setUserLocale(trx, user.id, chosen);
			await recordAudit(trx, { userId: user.id, entity: 'session', entityId: user.id, action: 'sign_in' });
			return created;
		});
		setSessionCookie(cookies, url, token, session.expiresAt);
		if (!isLocale(chosen)) setLocaleCookie(cookies, url, user.locale);
		redirect(303, safeRedirectTarget(redirectTo));
	}
} satisfies Actions;
