import { describe, expect, it } from 'vitest';
import { SHA256_HEX, VerifyLimiter } from '$lib/server/reports/verify';

describe('the /verify limits', () => {
	it('lets an address verify a few times a minute, then waits, without holding others back', () => {
		const limiter = new VerifyLimiter(3, 60_000);
		const t = 1_000_000;
		expect([1, 2, 3].map((i) => limiter.allow('198.51.100.1', t + i))).toEqual([true, true, true]);
		expect(limiter.allow('198.51.100.1', t + 10)).toBe(false);
		expect(limiter.allow('198.51.100.2', t + 10)).toBe(true);
		expect(limiter.allow('198.51.100.1', t + 60_010)).toBe(true);
	});

	it('takes only a 64-character lowercase hex fingerprint', () => {
		expect(SHA256_HEX.test('a'.repeat(64))).toBe(true);
		expect(SHA256_HEX.test('a'.repeat(63))).toBe(false);
		expect(SHA256_HEX.test('g'.repeat(64))).toBe(false);
	});
});
