import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { listPortfolio } from '$lib/server/programmes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	return { portfolio: await listPortfolio(getDb(), user) };
};
