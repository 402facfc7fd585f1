import { readFinance } from '$lib/server/api/read-finance';
import { apiEndpoint, apiJson, asOfParam, notFound } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

// Money beside results (issue 20): read with the results scope, as the token's user reads the Finance tab.
export const GET: RequestHandler = (event) =>
	apiEndpoint(event, 'read:results', async ({ db, links, programme }) => {
		const asOf = asOfParam(event.url);
		const access = await programme(event.params.slug);
		if (!access) return notFound();
		return apiJson(await readFinance(db, access, links, { asOf }));
	});
