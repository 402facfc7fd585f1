import { getDb } from '$lib/server/db/connection';
import { requireInstance } from '$lib/server/http/guards';
import { listPortfolio } from '$lib/server/programmes/programmes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireInstance(event, 'admin.manageProgrammes');
	return { programmes: (await listPortfolio(getDb(), user, event.locals.locale)).map((e) => e.programme) };
};
