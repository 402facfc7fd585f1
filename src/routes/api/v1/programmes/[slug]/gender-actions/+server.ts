import { readGenderActions } from '$lib/server/api/read-gender-actions';
import { apiEndpoint, apiJson, asOfParam, notFound, pageRequest } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiEndpoint(event, 'read:results', async ({ db, links, programme }) => {
		const page = pageRequest(event.url, 'gender-actions');
		const asOf = asOfParam(event.url);
		const access = await programme(event.params.slug);
		if (!access) return notFound();
		return apiJson(await readGenderActions(db, access, links, page, { asOf }));
	});
