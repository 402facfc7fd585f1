import type { Cookies } from '@sveltejs/kit';
import { recordAudit } from '../core/audit';
import type { Executor } from '../db/executor';
import { inTransaction } from '../db/executor';
import { isLocale, LOCALE_COOKIE, setLocaleCookie } from './locale';
import { createSession, setSessionCookie, type SessionSecondFactor } from './session';
import type { Locale } from '$lib/model';
import { setUserLocale } from './users';

// Opening a session once a person has proved who they are (password, second factor or the
// organisation's account): the session, its audit line and the language, in one transaction, then
// the cookies. The language chosen on the sign-in page wins and is remembered on the account;
// without a choice, the account's saved language applies.

export interface OpenSessionInput {
	userId: number;
	userLocale: Locale;
	action: 'sign_in' | 'sign_in_oidc';
	after?: Record<string, unknown>;
	/** How the sign-in proved a second factor, if it did (kept on the session). */
	secondFactor?: SessionSecondFactor | null;
	/** Further writes of the same sign-in (the throttle's success, the challenge's end). */
	alsoInTransaction?: (trx: Executor) => Promise<void>;
}

export async function openSession(db: Executor, cookies: Cookies, url: URL, input: OpenSessionInput): Promise<void> {
	const chosen = cookies.get(LOCALE_COOKIE);
	const { token, session } = await inTransaction(db, async (trx) => {
		await input.alsoInTransaction?.(trx);
		const created = await createSession(trx, input.userId, new Date(), input.secondFactor ?? null);
		if (isLocale(chosen)) await setUserLocale(trx, input.userId, chosen);
		await recordAudit(trx, { userId: input.userId, entity: 'session', entityId: input.userId, action: input.action, after: input.after });
		return created;
	});
	setSessionCookie(cookies, url, token, session.expiresAt);
	if (!isLocale(chosen)) setLocaleCookie(cookies, url, input.userLocale);
}
