import { readResults } from '$lib/server/api/read-results';
import { apiEndpoint, apiJson, asOfParam, notFound, recordId } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiEndpoint(event, 'read:results', async ({ db, links, programme }) => {
		const asOf = asOfParam(event.url);
		const id = recordId(event.params.id);
		const access = id === null ? null : await programme(event.params.slug);
		if (!access) return notFound();
		const results = await readResults(db, access, links, { afterId: id! - 1, limit: 1 }, { asOf });
		const indicator = results.data.find((i) => i.id === id);
		return indicator ? apiJson({ asOf: results.asOf, lang: results.lang, data: indicator }) : notFound();
	});
