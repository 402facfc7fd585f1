import { readProgrammes } from '$lib/server/api/read-programmes';
import { apiEndpoint, apiJson, pageRequest } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiEndpoint(event, 'read:programmes', async ({ db, caller, links }) =>
		apiJson(await readProgrammes(db, caller, links, pageRequest(event.url, 'programmes')))
	);
