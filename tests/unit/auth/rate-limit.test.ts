import { describe, expect, it } from 'vitest';
import { formatWait } from '$lib/i18n/format';
import {
	ACCOUNT_ADDRESS_RULE,
	ADDRESS_RULE,
	ADDRESS_THROTTLED_PAIR_RULE,
	FORGET_FAILURES_AFTER_MS,
	liveFailures,
	pairWait,
	retryAfterSeconds
} from '$lib/server/auth/rate-limit';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
const count = (failures: number, lastFailureMs = 0) => ({ failures, lastFailureAt: at(lastFailureMs).toISOString() });

describe('the sign-in wait', () => {
	it('lets the free attempts through without waiting', () => {
		expect(retryAfterSeconds(count(2), { freeAttempts: 3, maxDelaySeconds: 60 }, at(0))).toBe(0);
		expect(retryAfterSeconds(undefined, { freeAttempts: 3, maxDelaySeconds: 60 }, at(0))).toBe(0);
	});

	it('makes the key wait after the free attempts, doubling each failure, up to the cap', () => {
		const rule = { freeAttempts: 2, maxDelaySeconds: 5 };
		expect(retryAfterSeconds(count(2), rule, at(0))).toBe(1);
		expect(retryAfterSeconds(count(2), rule, at(1000))).toBe(0);
		expect(retryAfterSeconds(count(3), rule, at(0))).toBe(2);
		expect(retryAfterSeconds(count(4), rule, at(0))).toBe(4);
		expect(retryAfterSeconds(count(5), rule, at(0))).toBe(5);
		expect(retryAfterSeconds(count(500), rule, at(0))).toBe(5);
	});

	it('counts down from the last failure', () => {
		expect(retryAfterSeconds(count(4), { freeAttempts: 2, maxDelaySeconds: 60 }, at(2500))).toBe(2);
	});

	it('forgets failures a day old', () => {
		expect(liveFailures(count(30), at(FORGET_FAILURES_AFTER_MS - 1))).toBe(30);
		expect(liveFailures(count(30), at(FORGET_FAILURES_AFTER_MS))).toBe(0);
		expect(retryAfterSeconds(count(30), { freeAttempts: 5, maxDelaySeconds: 900 }, at(FORGET_FAILURES_AFTER_MS))).toBe(0);
	});
});

describe('the wait, in words', () => {
	it('says seconds up to a minute and whole minutes beyond, rounded up, in either language', () => {
		expect(formatWait('es', 1)).toBe('1 segundo');
		expect(formatWait('en', 40)).toBe('40 seconds');
		expect(formatWait('es', 61)).toBe('2 minutos');
		expect(formatWait('en', 900)).toBe('15 minutes');
	});
});

describe('the per-address count', () => {
	const row = (email: string, failures: number, lastFailureMs = 0) => ({
		email,
		address: '192.0.2.10',
		failures,
		last_failure_at: at(lastFailureMs).toISOString(),
		signed_in_at: null
	});
	const throttledAddress = row('', ADDRESS_RULE.freeAttempts + 3);
	const calmAddress = row('', ADDRESS_RULE.freeAttempts - 1);

	it('never refuses an account with no failures of its own, however many the address has', () => {
		expect(pairWait(undefined, throttledAddress, false, at(500))).toBe(0);
		expect(pairWait(row('a@x.test', 0), row('', 500), false, at(500))).toBe(0);
	});

	it('gives each account one free failure instead of five while the address waits', () => {
		expect(pairWait(row('a@x.test', 1), calmAddress, false, at(500))).toBe(0);
		expect(pairWait(row('a@x.test', 1), throttledAddress, false, at(500))).toBe(1);
		expect(pairWait(row('a@x.test', 3), throttledAddress, false, at(0))).toBe(2 ** (3 - ADDRESS_THROTTLED_PAIR_RULE.freeAttempts));
	});

	it('keeps five free failures for an account that has signed in from the address before', () => {
		expect(pairWait(row('a@x.test', 3), throttledAddress, true, at(0))).toBe(0);
		expect(pairWait(row('a@x.test', ACCOUNT_ADDRESS_RULE.freeAttempts), throttledAddress, true, at(0))).toBe(1);
	});
});
