import { readRecommendations } from '$lib/server/api/read-recommendations';
import { apiEndpoint, apiJson, asOfParam, notFound, recordId } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiEndpoint(event, 'read:recommendations', async ({ db, links, programme }) => {
		const asOf = asOfParam(event.url);
		const id = recordId(event.params.id);
		const access = id === null ? null : await programme(event.params.slug);
		if (!access) return notFound();
		const list = await readRecommendations(db, access, links, { afterId: id! - 1, limit: 1 }, { asOf });
		const recommendation = list.data.find((r) => r.id === id);
		return recommendation ? apiJson({ asOf: list.asOf, lang: list.lang, data: recommendation }) : notFound();
	});
