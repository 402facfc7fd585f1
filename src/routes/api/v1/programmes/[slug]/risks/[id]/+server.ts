import { readRisks } from '$lib/server/api/read-risks';
import { apiEndpoint, apiJson, asOfParam, notFound, recordId } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiEndpoint(event, 'read:risks', async ({ db, links, programme }) => {
		const asOf = asOfParam(event.url);
		const id = recordId(event.params.id);
		const access = id === null ? null : await programme(event.params.slug);
		if (!access) return notFound();
		const risks = await readRisks(db, access, links, { afterId: id! - 1, limit: 1 }, { asOf });
		const risk = risks.data.find((r) => r.id === id);
		return risk ? apiJson({ asOf: risks.asOf, lang: risks.lang, data: risk }) : notFound();
	});
