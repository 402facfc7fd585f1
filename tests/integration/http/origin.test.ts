import { beforeEach, describe, expect, it } from 'vitest';
import { handle } from '../../../src/hooks.server';
import { POST as logout } from '../../../src/routes/logout/+server';
import { createSession, SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import type { Db } from '$lib/server/db/connection';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, MemoryCookies, outcome, sessionUser, type TestEvent } from '../../helpers/events';

// The request hook in front of every route: a write from another site is refused there, before
// any route sees it, whatever its content type.

let db: Db;
let token: string;
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	const user = await sessionUser(db, 'evaluator@avance.test');
	({ token } = await createSession(db, user.id));
});

/** POST /logout through the hook, as a browser on `from` would send it (no body, no content type). */
async function signOutFrom(headers: Record<string, string>) {
	const cookies = new MemoryCookies();
	cookies.set(SESSION_COOKIE, token, { path: '/' });
	const event = makeEvent({ url: 'http://localhost:3000/logout', cookies });
	Object.defineProperty(event, 'request', { value: new Request('http://localhost:3000/logout', { method: 'POST', headers }) });
	const resolve = async (e: TestEvent) => {
		const r = await outcome(() => call(logout, e));
		return new Response(null, {
			status: r.kind === 'redirect' ? r.status : 500,
			headers: r.kind === 'redirect' ? { location: r.location } : {}
		});
	};
	return (handle as unknown as (input: { event: TestEvent; resolve: typeof resolve }) => Promise<Response>)({ event, resolve });
}

const stillSignedIn = async () => (await validateSessionToken(db, token)).session !== null;

describe('sign-out from another site', () => {
	it('refuses a bodiless POST /logout from another origin on the same site, and the session lives on', async () => {
		const response = await signOutFrom({ origin: 'http://localhost:5173' });
		expect(response.status).toBe(403);
		expect(await stillSignedIn()).toBe(true);
	});

	it('refuses one that only Sec-Fetch-Site gives away', async () => {
		const response = await signOutFrom({ 'sec-fetch-site': 'same-site' });
		expect(response.status).toBe(403);
		expect(await stillSignedIn()).toBe(true);
	});

	it('explains the refusal in both languages, and says which address to open', async () => {
		const response = await signOutFrom({ origin: 'https://evil.example' });
		const page = await response.text();
		expect(response.headers.get('content-type')).toContain('text/html');
		expect(page).toContain('Avance no aceptó este formulario');
		expect(page).toContain('Avance did not accept this form');
		expect(page).toContain('Open http://localhost:3000 in your browser and send it again.');
		expect(page).not.toContain('<script');
	});

	it('signs out when the user menu of Avance itself asks', async () => {
		const response = await signOutFrom({ origin: 'http://localhost:3000' });
		expect(response.status).toBe(303);
		expect(await stillSignedIn()).toBe(false);
	});
});
