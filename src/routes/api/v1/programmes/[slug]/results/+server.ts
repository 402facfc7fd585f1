import { readResults } from '$lib/server/api/read-results';
import { ApiBadRequest, apiEndpoint, apiJson, asOfParam, notFound, pageRequest } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiEndpoint(event, 'read:results', async ({ db, links, programme }) => {
		const page = pageRequest(event.url, 'results');
		const asOf = asOfParam(event.url);
		const access = await programme(event.params.slug);
		if (!access) return notFound();
		const include = event.url.searchParams.get('include');
		if (include !== null && include !== 'statusCounts') throw new ApiBadRequest('include', 'include may only be statusCounts');
		return apiJson(await readResults(db, access, links, page, { asOf, statusCounts: include === 'statusCounts' }));
	});
