import { readActivities } from '$lib/server/api/read-activities';
import { apiEndpoint, apiJson, asOfParam, notFound, pageRequest } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiEndpoint(event, 'read:results', async ({ db, links, programme }) => {
		const page = pageRequest(event.url, 'activities');
		const asOf = asOfParam(event.url);
		const access = await programme(event.params.slug);
		if (!access) return notFound();
		return apiJson(await readActivities(db, access, links, page, { asOf }));
	});
