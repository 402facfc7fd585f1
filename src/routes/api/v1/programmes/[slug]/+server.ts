import { readProgramme } from '$lib/server/api/read-programmes';
import { apiEndpoint, apiJson, notFound } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiEndpoint(event, 'read:programmes', async ({ db, caller, links }) => {
		const programme = await readProgramme(db, caller, links, event.params.slug);
		return programme ? apiJson({ lang: links.lang, data: programme }) : notFound();
	});
