import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { bearerCredential, type ApiScope } from '$lib/api-tokens';
import { LOCALES, type Locale } from '$lib/model';
import { programmeForCaller, type ApiProgrammeAccess } from '../api/access';
import { decodeCursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageRequest } from '../api/cursor';
import type { AnswerContext } from '../api/answer';
import type { errorSchema } from '../api/schemas';
import { authenticateApiToken, type ApiCaller } from '../api/tokens';
import { getDb, type Db } from '../db/connection';
import { originSettings } from './origin';

// The read API's edge: every /api/v1 endpoint is `apiEndpoint(scope, run)`. The token comes
// only from `Authorization: Bearer` — never the query string, never the session cookie, which
// the hook does not even read for /api/ — so a page on another site cannot make a browser read
// the API as its user. In order: 401 (no detail) for a missing, unknown, expired or revoked
// token; 429 with Retry-After past the token's rate; 403 for a scope the token lacks; 400 for a
// malformed query (a tampered cursor); 404 for what the token's user may not see.

type ApiError = z.output<typeof errorSchema>['error'];

const HEADERS = { 'Cache-Control': 'no-store', Vary: 'Authorization', 'X-Content-Type-Options': 'nosniff' };

export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'Content-Type': 'application/json; charset=utf-8', ...HEADERS, ...headers }
	});
}

function apiError(status: number, error: ApiError, headers: Record<string, string> = {}): Response {
	return apiJson({ error }, status, headers);
}

export const unauthorized = () =>
	apiError(401, { code: 'unauthorized', message: 'Unauthorized' }, { 'WWW-Authenticate': 'Bearer realm="avance"' });
export const notFound = () => apiError(404, { code: 'not_found', message: 'Not found' });
const badRequest = (field: string, message: string) => apiError(400, { code: 'bad_request', message, field });

/** A problem with the request's query, answered 400 by apiEndpoint. */
export class ApiBadRequest extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
	}
}

const limitSchema = z.coerce.number().int().min(1).max(MAX_PAGE_SIZE);

/** `?limit=` and `?cursor=` for the list `resource`, validated (a bad one is a 400). */
export function pageRequest(url: URL, resource: string): PageRequest {
	const rawLimit = url.searchParams.get('limit');
	let limit = DEFAULT_PAGE_SIZE;
	if (rawLimit !== null) {
		const parsed = limitSchema.safeParse(rawLimit);
		if (!parsed.success) throw new ApiBadRequest('limit', `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
		limit = parsed.data;
	}
	const rawCursor = url.searchParams.get('cursor');
	let afterId: number | null = null;
	if (rawCursor !== null) {
		afterId = decodeCursor(resource, rawCursor);
		if (afterId === null) throw new ApiBadRequest('cursor', 'malformed cursor');
	}
	return { afterId, limit };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `?asOf=YYYY-MM-DD`: the date statuses are judged at (today when absent). */
export function asOfParam(url: URL): string | undefined {
	const raw = url.searchParams.get('asOf');
	if (raw === null) return undefined;
	if (
		!ISO_DATE.test(raw) ||
		Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) ||
		new Date(`${raw}T00:00:00Z`).toISOString().slice(0, 10) !== raw
	) {
		throw new ApiBadRequest('asOf', 'asOf must be a calendar date, YYYY-MM-DD');
	}
	return raw;
}

/** `?lang=es|en`: the language of content texts (the token user's when absent). */
export function langParam(url: URL): Locale | undefined {
	const raw = url.searchParams.get('lang');
	if (raw === null) return undefined;
	if (!(LOCALES as readonly string[]).includes(raw)) throw new ApiBadRequest('lang', `lang must be one of ${LOCALES.join(', ')}`);
	return raw as Locale;
}

/** A record id from the path; anything else is a 404, as a record that is not there. */
export function recordId(raw: string | undefined): number | null {
	if (!raw || !/^[1-9]\d{0,15}$/.test(raw)) return null;
	const id = Number(raw);
	return Number.isSafeInteger(id) ? id : null;
}

export interface ApiContext {
	db: Db;
	caller: ApiCaller;
	links: AnswerContext;
	event: RequestEvent;
	/** The programme of the path as the caller may see it, or null (answer 404). */
	programme(slug: string | undefined): Promise<ApiProgrammeAccess | null>;
}

const origins = originSettings();

export async function apiEndpoint(event: RequestEvent, scope: ApiScope, run: (ctx: ApiContext) => Promise<Response>): Promise<Response> {
	const token = bearerCredential(event.request.headers.get('authorization'));
	if (!token) return unauthorized();
	const db = getDb();
	const auth = await authenticateApiToken(db, token);
	if (!auth.ok) {
		if (auth.reason === 'rate_limited') {
			return apiError(429, { code: 'rate_limited', message: 'Too many requests' }, { 'Retry-After': String(auth.retryAfterSeconds) });
		}
		return unauthorized();
	}
	const { caller } = auth;
	if (!caller.scopes.has(scope)) {
		return apiError(
			403,
			{ code: 'insufficient_scope', message: `This token lacks the scope ${scope}` },
			{ 'WWW-Authenticate': `Bearer realm="avance", error="insufficient_scope", scope="${scope}"` }
		);
	}
	try {
		const links: AnswerContext = {
			origin: origins.configured ?? event.url.origin,
			url: event.url,
			lang: langParam(event.url) ?? caller.user.locale
		};
		return await run({
			db,
			caller,
			links,
			event,
			programme: (slug) => (slug ? programmeForCaller(db, caller, slug) : Promise.resolve(null))
		});
	} catch (e) {
		if (e instanceof ApiBadRequest) return badRequest(e.field, e.message);
		throw e;
	}
}
