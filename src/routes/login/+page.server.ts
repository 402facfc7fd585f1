import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n/translate';
import { recordAudit } from '$lib/server/core/audit';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db/connection';
import { failForm, parseForm, readForm } from '$lib/server/http/forms';
import { LOCALE_COOKIE, isLocale, safeRedirectTarget, setLocaleCookie } from '$lib/server/auth/locale';
import { verifyAgainstDummy, verifyPassword } from '$lib/server/auth/password';
import { accountLoginThrottle, addressLoginThrottle } from '$lib/server/auth/rate-limit';
import { findUserByEmail, setUserLocale } from '$lib/server/auth/users';
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

		const address = event.getClientAddress();
		const wait = Math.max(accountLoginThrottle.retryAfterSeconds(email), addressLoginThrottle.retryAfterSeconds(address));
		if (wait > 0) {
			return failForm(429, { form: 'login', values, formError: translate(locale, 'login.throttled', { seconds: wait }) });
		}

		// Every attempt counts as a failure until the password proves otherwise, and it is counted
		// before the slow password check: attempts sent in parallel cannot all slip through.
		accountLoginThrottle.recordFailure(email);
		addressLoginThrottle.recordFailure(address);

		const db = getDb();
		const user = await findUserByEmail(db, email);
		const valid = user && user.active ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
		if (!user || !valid) {
			return failForm(400, { form: 'login', values, formError: translate(locale, 'login.failed') });
		}
		// The account starts afresh; the address only gets this one attempt back, so one valid
		// account cannot be used to clear the limit on guessing the others.
		accountLoginThrottle.reset(email);
		addressLoginThrottle.forgive(address);

		// The language chosen on the sign-in page wins and is remembered on the account;
		// without a choice, the account's saved language applies.
		const chosen = cookies.get(LOCALE_COOKIE);
		const { token, session } = await db.transaction().execute(async (trx) => {
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
