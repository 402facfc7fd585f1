import { isSchemaName, jsonSchemaOf } from '$lib/server/api/schemas';
import { originSettings } from '$lib/server/http/origin';
import type { RequestHandler } from './$types';

// The JSON Schema of each response, generated from the zod schemas the API builds its answers
// to. Public: a schema holds no data.
const origins = originSettings();

export const GET: RequestHandler = ({ params, url }) => {
	if (!isSchemaName(params.name)) {
		return new Response(JSON.stringify({ error: { code: 'not_found', message: 'Not found' } }), {
			status: 404,
			headers: { 'Content-Type': 'application/json; charset=utf-8' }
		});
	}
	return new Response(JSON.stringify(jsonSchemaOf(params.name, origins.configured ?? url.origin), null, 2), {
		headers: { 'Content-Type': 'application/schema+json; charset=utf-8', 'Cache-Control': 'public, max-age=300' }
	});
};
