import { readRisks } from '$lib/server/api/read-risks';
import { apiEndpoint, apiJson, asOfParam, notFound, pageRequest } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiEndpoint(event, 'read:risks', async ({ db, links, programme }) => {
		const page = pageRequest(event.url, 'risks');
		const asOf = asOfParam(event.url);
		const access = await programme(event.params.slug);
		if (!access) return notFound();
		return apiJson(await readRisks(db, access, links, page, { asOf }));
	});
