import { describe, expect, it } from 'vitest';
import { bearerCredential, isTokenShaped, tokenState, TOKEN_PREFIX } from '$lib/api-tokens';
import { decodeCursor, encodeCursor, paginate } from '$lib/server/api/cursor';
import { generateToken, hashToken } from '$lib/server/api/tokens';

describe('API token format', () => {
	it('starts with avn_ and carries 256 random bits in lower-case base32', () => {
		const token = generateToken();
		expect(token.startsWith(TOKEN_PREFIX)).toBe(true);
		expect(token).toMatch(/^avn_[a-z2-7]{52}$/);
		expect(isTokenShaped(token)).toBe(true);
	});

	it('never gives the same token twice', () => {
		const tokens = new Set(Array.from({ length: 200 }, generateToken));
		expect(tokens.size).toBe(200);
	});

	it('refuses strings that only look like tokens', () => {
		const token = generateToken();
		expect(isTokenShaped(token.toUpperCase())).toBe(false);
		expect(isTokenShaped(token.slice(0, -1))).toBe(false);
		expect(isTokenShaped(`${token}a`)).toBe(false);
		expect(isTokenShaped(token.replace('avn_', 'avx_'))).toBe(false);
		expect(isTokenShaped(`${token.slice(0, -1)}1`)).toBe(false);
	});

	it('stores a 32-byte SHA-256, the same for the same token and different for another', () => {
		const token = generateToken();
		expect(hashToken(token)).toHaveLength(32);
		expect(Buffer.from(hashToken(token)).equals(Buffer.from(hashToken(token)))).toBe(true);
		expect(Buffer.from(hashToken(token)).equals(Buffer.from(hashToken(generateToken())))).toBe(false);
	});

	it('reads the credential only from a Bearer authorization header', () => {
		expect(bearerCredential('Bearer avn_abc')).toBe('avn_abc');
		expect(bearerCredential('bearer avn_abc')).toBe('avn_abc');
		expect(bearerCredential('Basic dXNlcjpwYXNz')).toBeNull();
		expect(bearerCredential('Bearer')).toBeNull();
		expect(bearerCredential('Bearer a b')).toBeNull();
		expect(bearerCredential(null)).toBeNull();
	});

	it('tells active, expired and revoked tokens apart', () => {
		const now = new Date('2026-12-01T12:00:00Z');
		expect(tokenState({ expiresAt: '2026-12-01T23:59:59.999Z', revokedAt: null }, now)).toBe('active');
		expect(tokenState({ expiresAt: '2026-12-01T12:00:00.000Z', revokedAt: null }, now)).toBe('expired');
		expect(tokenState({ expiresAt: '2027-01-01T00:00:00.000Z', revokedAt: '2026-11-30T10:00:00.000Z' }, now)).toBe('revoked');
	});
});

describe('API cursors', () => {
	it('round-trips the id a page ends at, for its own list only', () => {
		const cursor = encodeCursor('results', 42);
		expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(decodeCursor('results', cursor)).toBe(42);
		expect(decodeCursor('risks', cursor)).toBeNull();
	});

	it('refuses malformed, tampered and oversized cursors', () => {
		const b64 = (s: string) => Buffer.from(s).toString('base64url');
		for (const bad of [
			'',
			'not a cursor',
			'%%%',
			b64('{"v":1,"r":"results"'),
			b64('{"v":2,"r":"results","a":3}'),
			b64('{"v":1,"r":"results","a":-3}'),
			b64('{"v":1,"r":"results","a":1.5}'),
			b64('{"v":1,"r":"results","a":"3"}'),
			b64('{"v":1,"r":"results","a":3,"x":1}'),
			b64('[1,2,3]'),
			'A'.repeat(500)
		]) {
			expect(decodeCursor('results', bad), bad).toBeNull();
		}
	});

	it('pages through a list in id order with a cursor that stops on the last page', () => {
		const items = [5, 1, 9, 3, 7].map((id) => ({ id }));
		const first = paginate('risks', items, { afterId: null, limit: 2 });
		expect(first.items.map((i) => i.id)).toEqual([1, 3]);
		const second = paginate('risks', items, { afterId: decodeCursor('risks', first.nextCursor!), limit: 2 });
		expect(second.items.map((i) => i.id)).toEqual([5, 7]);
		const last = paginate('risks', items, { afterId: decodeCursor('risks', second.nextCursor!), limit: 2 });
		expect(last.items.map((i) => i.id)).toEqual([9]);
		expect(last.nextCursor).toBeNull();
	});
});
