import { readReports } from '$lib/server/api/read-reports';
import { apiEndpoint, apiJson, notFound, pageRequest } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiEndpoint(event, 'read:reports', async ({ db, links, programme }) => {
		const page = pageRequest(event.url, 'reports');
		const access = await programme(event.params.slug);
		if (!access) return notFound();
		return apiJson(await readReports(db, access, links, page));
	});
