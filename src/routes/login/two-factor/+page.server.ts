import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { formatWait } from '$lib/i18n/format';
import { translate } from '$lib/i18n/translate';
import { recordAudit } from '$lib/server/core/audit';
import { createSession, setSessionCookie } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db/connection';
import { failForm, parseForm, readForm } from '$lib/server/http/forms';
import { beginSecondFactorAttempt, recordSecondFactorSuccess } from '$lib/server/auth/rate-limit';
import { CHALLENGE_COOKIE, endChallenge, readChallenge, verifySecondFactor } from '$lib/server/auth/totp';
import type { Actions, PageServerLoad } from './$types';

// The second step of a password sign-in for an account with a second factor. Wrong codes are
// counted by the sign-in throttle, keyed on the account ("totp:<id>") and the address, and capped
// for the account across every address (rate-limit.ts, beginSecondFactorAttempt).

const codeSchema = z.object({
	code: z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(40, { error: 'validation.tooLong' })
});

export const load: PageServerLoad = async ({ cookies }) => {
	const challenge = await readChallenge(getDb(), cookies.get(CHALLENGE_COOKIE));
	if (!challenge) redirect(303, '/login');
	return {};
};

export const actions = {
	default: async (event) => {
		const { cookies, url, locals } = event;
		const locale = locals.locale;
		const db = getDb();
		const token = cookies.get(CHALLENGE_COOKIE);
		const challenge = await readChallenge(db, token);
		if (!challenge || !token) return failForm(400, { form: 'totp', values: {}, formError: translate(locale, 'totp.expired') });
		const parsed = parseForm(codeSchema, await readForm(event.request), locale);
		if (!parsed.ok) return parsed.failure;
		const address = event.getClientAddress();
		const gate = await beginSecondFactorAttempt(db, challenge.userId, address);
		if (!gate.allowed) {
			const wait = formatWait(locale, gate.retryAfterSeconds);
			return failForm(429, {
				form: 'totp',
				values: {},
				formError: translate(locale, gate.accountWide ? 'totp.accountThrottled' : 'login.throttled', { wait })
			});
		}
		const result = await verifySecondFactor(db, challenge.userId, parsed.data.code);
		if (!result) return failForm(400, { form: 'totp', values: {}, formError: translate(locale, 'totp.wrongCode') });
		const { token: sessionToken, session } = await db.transaction().execute(async (trx) => {
			await recordSecondFactorSuccess(trx, challenge.userId, address);
			await endChallenge(trx, token);
			const created = await createSession(trx, challenge.userId, new Date(), 'totp');
			await recordAudit(trx, {
				userId: challenge.userId,
				entity: 'session',
				entityId: challenge.userId,
				action: 'sign_in_second_factor',
				after: { method: result }
			});
			return created;
		});
		cookies.delete(CHALLENGE_COOKIE, { path: '/login' });
		setSessionCookie(cookies, url, sessionToken, session.expiresAt);
		redirect(303, challenge.redirectTo);
	}
} satisfies Actions;
