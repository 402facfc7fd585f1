import { describe, expect, it } from 'vitest';
import { acceptedOrigin, isForeignWrite, originSettings } from '$lib/server/http/origin';

const post = (headers: Record<string, string>) => new Request('http://localhost:3000/logout', { method: 'POST', headers });
const demo = originSettings({});

describe('which pages may send forms here', () => {
	it('takes ORIGIN, and only ORIGIN, when it is set', () => {
		const settings = originSettings({ ORIGIN: 'https://avance.example.org/' });
		expect(acceptedOrigin(new URL('https://avance.example.org/x'), settings)).toBe('https://avance.example.org');
		expect(acceptedOrigin(new URL('http://localhost:3000/x'), settings)).toBe('https://avance.example.org');
	});

	it('without ORIGIN, takes the address the browser used when it is this machine', () => {
		for (const address of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000']) {
			expect(acceptedOrigin(new URL(`${address}/login`), demo)).toBe(address);
		}
	});

	it('without ORIGIN, takes the HOST the server binds, but no other name', () => {
		expect(acceptedOrigin(new URL('http://192.168.1.10:3000/'), originSettings({ HOST: '192.168.1.10' }))).toBe('http://192.168.1.10:3000');
		expect(acceptedOrigin(new URL('http://192.168.1.10:3000/'), originSettings({ HOST: '0.0.0.0' }))).toBeNull();
		expect(acceptedOrigin(new URL('http://rebound.example:3000/'), demo)).toBeNull();
	});
});

describe('isForeignWrite', () => {
	const own = 'http://localhost:3000';

	it('refuses a write from another origin, whatever its content type', () => {
		expect(isForeignWrite(post({ origin: 'http://localhost:5173' }), own)).toBe(true);
		expect(isForeignWrite(post({ origin: 'https://evil.example', 'content-type': 'application/json' }), own)).toBe(true);
		expect(isForeignWrite(post({ origin: 'null' }), own)).toBe(true);
	});

	it('refuses every write when no origin is accepted here', () => {
		expect(isForeignWrite(post({ origin: 'http://rebound.example:3000' }), null)).toBe(true);
	});

	it('reads Fetch Metadata when the Origin header is missing', () => {
		expect(isForeignWrite(post({ 'sec-fetch-site': 'same-site' }), own)).toBe(true);
		expect(isForeignWrite(post({ 'sec-fetch-site': 'cross-site' }), own)).toBe(true);
		expect(isForeignWrite(post({ 'sec-fetch-site': 'same-origin' }), own)).toBe(false);
	});

	it('refuses an unattributed form post, but not a script’s bodiless request', () => {
		expect(isForeignWrite(post({ 'content-type': 'application/x-www-form-urlencoded' }), own)).toBe(true);
		expect(isForeignWrite(post({ 'content-type': 'multipart/form-data; boundary=x' }), own)).toBe(true);
		expect(isForeignWrite(post({}), own)).toBe(false);
	});

	it('lets the app’s own pages and every read through', () => {
		expect(isForeignWrite(post({ origin: own, 'content-type': 'application/x-www-form-urlencoded' }), own)).toBe(false);
		expect(isForeignWrite(new Request('http://localhost:3000/', { headers: { origin: 'https://evil.example' } }), own)).toBe(false);
	});
});
