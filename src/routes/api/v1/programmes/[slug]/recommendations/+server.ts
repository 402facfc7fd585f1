import { readRecommendations } from '$lib/server/api/read-recommendations';
import { apiEndpoint, apiJson, asOfParam, notFound, pageRequest } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiEndpoint(event, 'read:recommendations', async ({ db, links, programme }) => {
		const page = pageRequest(event.url, 'recommendations');
		const asOf = asOfParam(event.url);
		const access = await programme(event.params.slug);
		if (!access) return notFound();
		return apiJson(await readRecommendations(db, access, links, page, { asOf }));
	});
