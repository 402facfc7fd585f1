import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { handle } from '../../../src/hooks.server';
import { GET as getResults } from '../../../src/routes/api/v1/programmes/[slug]/results/+server';
import { createApiToken } from '$lib/server/api/tokens';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, sessionUser, type TestEvent } from '../../helpers/events';

// Answers go out compressed through the request hook when the client accepts it: the page or
// JSON the route made, byte for byte once decompressed, with the headers a cache needs.

type Resolve = (event: TestEvent) => Promise<Response>;
const throughHook = (event: TestEvent, resolve: Resolve) =>
	(handle as unknown as (input: { event: TestEvent; resolve: Resolve }) => Promise<Response>)({ event, resolve });

function eventFor(url: string, headers: Record<string, string>, method = 'GET') {
	const event = makeEvent({ url });
	Object.defineProperty(event, 'request', { value: new Request(url, { method, headers }) });
	return event;
}

const PAGE = `<!doctype html><html><body>${'<tr><td>Indicador</td><td>42</td></tr>'.repeat(2000)}</body></html>`;
const page =
	(type = 'text/html; charset=utf-8', body: string = PAGE) =>
	async () =>
		new Response(body, { headers: { 'content-type': type } });
const bytes = async (r: Response) => Buffer.from(await r.arrayBuffer());

beforeEach(async () => {
	await freshDatabase({ demoAccounts: true });
});

describe('compressed answers', () => {
	it('sends a page in brotli when the browser accepts it, the same page once decompressed', async () => {
		const response = await throughHook(eventFor('http://localhost/x', { 'accept-encoding': 'gzip, deflate, br, zstd' }), page());
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('vary')).toContain('Accept-Encoding');
		const body = await bytes(response);
		expect(body.byteLength).toBeLessThan(PAGE.length / 10);
		expect(brotliDecompressSync(body).toString('utf8')).toBe(PAGE);
	});

	it('falls back to gzip, and sends plain text to a client that accepts neither', async () => {
		const gzip = await throughHook(eventFor('http://localhost/x', { 'accept-encoding': 'gzip' }), page());
		expect(gzip.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(await bytes(gzip)).toString('utf8')).toBe(PAGE);
		const refused = await throughHook(eventFor('http://localhost/x', { 'accept-encoding': 'br;q=0, gzip;q=0' }), page());
		expect(refused.headers.get('content-encoding')).toBeNull();
		expect(await refused.text()).toBe(PAGE);
		const none = await throughHook(eventFor('http://localhost/x', {}), page());
		expect(none.headers.get('content-encoding')).toBeNull();
		expect(none.headers.get('vary')).toContain('Accept-Encoding');
		expect(await none.text()).toBe(PAGE);
	});

	it('leaves alone what does not gain from it: files compressed already, tiny answers, HEAD', async () => {
		const accepts = { 'accept-encoding': 'br, gzip' };
		const pdf = await throughHook(eventFor('http://localhost/x', accepts), page('application/pdf'));
		expect(pdf.headers.get('content-encoding')).toBeNull();
		const tiny = async () => new Response('{"ok":true}', { headers: { 'content-type': 'application/json', 'content-length': '11' } });
		expect((await throughHook(eventFor('http://localhost/x', accepts), tiny)).headers.get('content-encoding')).toBeNull();
		const head = await throughHook(eventFor('http://localhost/x', accepts, 'HEAD'), page());
		expect(head.headers.get('content-encoding')).toBeNull();
	});

	it('compresses the read API’s JSON, which parses to the same answer', async () => {
		const db = await freshDatabase({ seed: true, demoAccounts: true });
		const user = await sessionUser(db, 'donor.iess@avance.test');
		const expiresOn = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
		const { token } = await createApiToken(db, user, { name: 'script', scopes: ['read:results'], programmeIds: [], expiresOn });
		const url = 'http://localhost/api/v1/programmes/patss/results?limit=50';
		const resolve: Resolve = (e) => call(getResults as never, e) as Promise<Response>;
		const headers = { authorization: `Bearer ${token}` };
		const plain = await throughHook(Object.assign(eventFor(url, headers), { params: { slug: 'patss' } }), resolve);
		const compressed = await throughHook(
			Object.assign(eventFor(url, { ...headers, 'accept-encoding': 'gzip' }), { params: { slug: 'patss' } }),
			resolve
		);
		expect(plain.status).toBe(200);
		expect(compressed.headers.get('content-encoding')).toBe('gzip');
		expect(JSON.parse(gunzipSync(await bytes(compressed)).toString('utf8'))).toEqual(await plain.json());
	});
});
