import { describe, expect, it } from 'vitest';
import { FailureThrottle } from '$lib/server/auth/rate-limit';

describe('FailureThrottle', () => {
	it('lets the free attempts through without waiting', () => {
		const now = 0;
		const throttle = new FailureThrottle(3, 60, () => now);
		for (let i = 0; i < 2; i++) throttle.recordFailure('a');
		expect(throttle.retryAfterSeconds('a')).toBe(0);
	});

	it('makes the key wait after the free attempts, doubling each failure, up to the cap', () => {
		let now = 0;
		const throttle = new FailureThrottle(2, 5, () => now);
		throttle.recordFailure('a');
		throttle.recordFailure('a');
		expect(throttle.retryAfterSeconds('a')).toBe(1);
		now += 1000;
		expect(throttle.retryAfterSeconds('a')).toBe(0);
		throttle.recordFailure('a');
		expect(throttle.retryAfterSeconds('a')).toBe(2);
		throttle.recordFailure('a');
		expect(throttle.retryAfterSeconds('a')).toBe(4);
		throttle.recordFailure('a');
		expect(throttle.retryAfterSeconds('a')).toBe(5);
	});

	it('takes back one failure, not all of them, when forgiving', () => {
		const throttle = new FailureThrottle(2, 60, () => 0);
		throttle.recordFailure('a');
		throttle.recordFailure('a');
		throttle.recordFailure('a');
		throttle.forgive('a');
		expect(throttle.retryAfterSeconds('a')).toBe(1);
		throttle.forgive('a');
		expect(throttle.retryAfterSeconds('a')).toBe(0);
	});

	it('keeps keys apart and forgets a key after a success', () => {
		const now = 0;
		const throttle = new FailureThrottle(1, 60, () => now);
		throttle.recordFailure('a');
		expect(throttle.retryAfterSeconds('a')).toBe(1);
		expect(throttle.retryAfterSeconds('b')).toBe(0);
		throttle.reset('a');
		expect(throttle.retryAfterSeconds('a')).toBe(0);
	});
});
