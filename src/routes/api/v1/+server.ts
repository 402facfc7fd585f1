import { API_ENDPOINTS } from '$lib/api-tokens';
import { RATE_LIMIT_PER_MINUTE } from '$lib/server/api/tokens';
import { apiJson } from '$lib/server/http/api';
import { originSettings } from '$lib/server/http/origin';
import type { RequestHandler } from './$types';

// The API's index for programs (a browser asking for HTML gets the reference page beside it).
// Public: it lists what exists, not any data.
const origins = originSettings();

export const GET: RequestHandler = ({ url }) => {
	const origin = origins.configured ?? url.origin;
	return apiJson({
		version: 'v1',
		authentication: 'Authorization: Bearer avn_…',
		rateLimitPerMinute: RATE_LIMIT_PER_MINUTE,
		endpoints: API_ENDPOINTS.map((e) => ({ path: e.path, scope: e.scope, schema: `${origin}/api/v1/schema/${e.schema}.json` })),
		errorSchema: `${origin}/api/v1/schema/error.json`,
		reference: `${origin}/api/v1`
	});
};
