import { createApiToken, listApiTokens, revokeApiToken, tokenCreateSchema, tokenRevokeSchema } from '$lib/server/api/tokens';
import { getDb } from '$lib/server/db/connection';
import { userAction } from '$lib/server/http/actions';
import { requireUser } from '$lib/server/http/guards';
import { listPortfolio } from '$lib/server/programmes/programmes';
import { MAX_TOKEN_DAYS } from '$lib/api-tokens';
import type { Actions, PageServerLoad } from './$types';

const DAY_MS = 24 * 60 * 60 * 1000;

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const [tokens, portfolio] = await Promise.all([listApiTokens(db, user.id), listPortfolio(db, user)]);
	return {
		tokens,
		programmes: portfolio.map((e) => ({ id: e.programme.id, code: e.programme.code, title: e.programme.shortName })),
		// The dates the server accepts (after today, at most a year away), for the date picker.
		earliestExpiry: new Date(Date.now() + DAY_MS).toISOString().slice(0, 10),
		latestExpiry: new Date(Date.now() + MAX_TOKEN_DAYS * DAY_MS).toISOString().slice(0, 10),
		defaultExpiry: new Date(Date.now() + 90 * DAY_MS).toISOString().slice(0, 10)
	};
};

export const actions = {
	// The token is in this answer only: it is never stored, and a reload no longer shows it.
	create: (event) =>
		userAction(event, tokenCreateSchema, async ({ db, user, data }) => {
			const { token } = await createApiToken(db, user, data);
			return { created: { name: data.name, token } };
		}),
	revoke: (event) =>
		userAction(event, tokenRevokeSchema, async ({ db, user, data, redirect }) => {
			await revokeApiToken(db, user, data.tokenId, data.version);
			redirect('revoked');
		})
} satisfies Actions;
