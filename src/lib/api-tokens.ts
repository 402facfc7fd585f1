// The read API's personal tokens, as both the server and the token page need them (design §2
// api_token, §7). Pure: no server imports.

/** What a token may read. A request to an endpoint outside its scopes is answered 403. */
export const API_SCOPES = ['read:programmes', 'read:results', 'read:risks', 'read:recommendations', 'read:reports'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Every token starts with this, so secret scanners can spot a leaked one. */
export const TOKEN_PREFIX = 'avn_';
/** Random bytes in a token: 256 bits, written in lower-case base32 (52 characters). */
export const TOKEN_RANDOM_BYTES = 32;
const TOKEN_SHAPE = /^avn_[a-z2-7]{52}$/;

/** A token lives at most a year. */
export const MAX_TOKEN_DAYS = 365;
/** How many characters of a token its owner sees again in the list (the prefix and four more). */
export const TOKEN_HINT_LENGTH = TOKEN_PREFIX.length + 4;

/** True when `value` has the shape of a token (says nothing about whether it exists). */
export function isTokenShaped(value: string): boolean {
	return TOKEN_SHAPE.test(value);
}

/** The `Authorization: Bearer <token>` credential of a request, or null when there is none. */
export function bearerCredential(header: string | null): string | null {
	if (!header) return null;
	const match = /^Bearer[ ]+([^\s]+)[ ]*$/i.exec(header);
	return match ? match[1]! : null;
}

export type TokenState = 'active' | 'expired' | 'revoked';

export function tokenState(token: { expiresAt: string; revokedAt: string | null }, now: Date): TokenState {
	if (token.revokedAt) return 'revoked';
	return Date.parse(token.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

/** The read API's endpoints, for its index and its reference page (one list for both). */
export const API_ENDPOINTS = [
	{ key: 'programmes', path: '/api/v1/programmes', scope: 'read:programmes', schema: 'programmes' },
	{ key: 'programme', path: '/api/v1/programmes/{slug}', scope: 'read:programmes', schema: 'programme' },
	{ key: 'results', path: '/api/v1/programmes/{slug}/results', scope: 'read:results', schema: 'results' },
	{ key: 'indicator', path: '/api/v1/programmes/{slug}/indicators/{id}', scope: 'read:results', schema: 'indicator' },
	{ key: 'risks', path: '/api/v1/programmes/{slug}/risks', scope: 'read:risks', schema: 'risks' },
	{ key: 'risk', path: '/api/v1/programmes/{slug}/risks/{id}', scope: 'read:risks', schema: 'risk' },
	{ key: 'recommendations', path: '/api/v1/programmes/{slug}/recommendations', scope: 'read:recommendations', schema: 'recommendations' },
	{
		key: 'recommendation',
		path: '/api/v1/programmes/{slug}/recommendations/{id}',
		scope: 'read:recommendations',
		schema: 'recommendation'
	},
	{ key: 'reports', path: '/api/v1/programmes/{slug}/reports', scope: 'read:reports', schema: 'reports' },
	{ key: 'finance', path: '/api/v1/programmes/{slug}/finance', scope: 'read:results', schema: 'finance' },
	{ key: 'activities', path: '/api/v1/programmes/{slug}/activities', scope: 'read:results', schema: 'activities' },
	{ key: 'genderActions', path: '/api/v1/programmes/{slug}/gender-actions', scope: 'read:results', schema: 'gender-actions' }
] as const satisfies readonly { key: string; path: string; scope: ApiScope; schema: string }[];
