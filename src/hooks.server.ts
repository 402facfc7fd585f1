import type { Handle, ServerInit } from '@sveltejs/kit';
import { deleteSessionCookie, SESSION_COOKIE, setSessionCookie, validateSessionToken } from '$lib/server/auth/session';
import { countQueries, getDb } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import { keepStatisticsFresh } from '$lib/server/db/statistics';
import { sweepUploadsAtStart } from '$lib/server/core/attachments';
import { startReportJobs } from '$lib/server/reports/jobs';
import { renderInChild } from '$lib/server/reports/render-worker';
import { LOCALE_COOKIE, resolveLocale } from '$lib/server/auth/locale';
import { compressResponse } from '$lib/server/http/compression';
import { acceptedOrigin, foreignWriteResponse, isForeignWrite, originSettings } from '$lib/server/http/origin';
import { startNotificationWorker } from '$lib/server/notifications/worker';
import { reminderSettingsFromEnv } from '$lib/server/notifications/reminders';
import { startReportDueReminders } from '$lib/server/reports/due-reminders';

export const init: ServerInit = async () => {
	await migrateToLatest(getDb());
	// The planner's statistics, now (a database filled since the last start) and every hour.
	await keepStatisticsFresh(getDb());
	// Before serving: evidence files left half-stored by a crash are finished or removed.
	await sweepUploadsAtStart(getDb());
	// Reminders, digests and (with SMTP_URL) sending, every minute in every process (issue 23).
	startNotificationWorker(getDb());
	// Evaluators told, hourly, of drafts due soon that still cannot be issued.
	startReportDueReminders(getDb(), { daysBefore: reminderSettingsFromEnv().daysBefore });
	// Report render jobs: interrupted ones recovered, leftover `.part` files removed, then the runner polls.
	await startReportJobs(getDb(), renderInChild);
};

// With SERVER_TIMING=1 every response says how many SQL statements it took and how long the
// server spent on it (the benchmark reads this; browsers show it in their network panel).
const serverTiming = process.env.SERVER_TIMING === '1';
const origins = originSettings();
const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');
// A mail program's one-click unsubscribe (RFC 8058) posts from no page at all; the signed token
// in the address is its only authority (the page never uses the session).
const isUnsubscribePath = (path: string) => path.startsWith('/unsubscribe/');

export const handle: Handle = async (input) => {
	if (!serverTiming) return compressResponse(input.event.request, await handleRequest(input));
	const started = performance.now();
	const { result: response, stats } = await countQueries(async () => handleRequest(input));
	const total = performance.now() - started;
	response.headers.set(
		'Server-Timing',
		`db;desc="${stats.statements} statements";dur=${stats.ms.toFixed(2)}, total;dur=${total.toFixed(2)}`
	);
	// Compressed last: HTML and JSON in gzip or brotli when the client accepts it (http/compression.ts).
	return compressResponse(input.event.request, response);
};

// The hook refuses writes from other sites (lib/server/http/origin.ts), then only reads the
// session cookie, validates it, refreshes or deletes it, and fills `locals`. Authorisation
// happens where the data is touched (lib/server/http/guards.ts).
const handleRequest: Handle = async ({ event, resolve }) => {
	if (!isUnsubscribePath(event.url.pathname) && isForeignWrite(event.request, acceptedOrigin(event.url, origins))) {
		return foreignWriteResponse(event.request, event.url, origins, resolveLocale(event.cookies.get(LOCALE_COOKIE), undefined));
	}

	// The read API authenticates by bearer token only (lib/server/http/api.ts): for /api/ the
	// session cookie is not even read, so a browser's session never opens the API, and a page on
	// another site cannot read data through a visitor's cookie.
	const token = isApiPath(event.url.pathname) ? undefined : event.cookies.get(SESSION_COOKIE);
	if (token) {
		const { session, user } = await validateSessionToken(getDb(), token);
		if (session) {
			if (session.fresh) setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} else {
			deleteSessionCookie(event.cookies, event.url);
		}
		event.locals.session = session;
		event.locals.user = user;
	} else {
		event.locals.session = null;
		event.locals.user = null;
	}
	event.locals.locale = resolveLocale(event.cookies.get(LOCALE_COOKIE), event.locals.user?.locale);

	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%avance.lang%', event.locals.locale)
	});
	// A signed-in page holds what only that person may see: never kept by a shared cache, nor
	// shown again from the browser's history after signing out.
	if (event.locals.user && response.headers.get('content-type')?.startsWith('text/html')) {
		response.headers.set('Cache-Control', 'private, no-store');
	}
	return response;
};
