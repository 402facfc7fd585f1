import { describe, expect, it } from 'vitest';
import { timeElapsed } from '$lib/programme-time';

describe('timeElapsed', () => {
	it('is the share of the days from the start to the effective end gone by', () => {
		expect(timeElapsed('2020-01-01', '2020-12-31', '2020-07-01')).toBeCloseTo(182 / 365, 5);
	});

	it('stays between 0 and 1 before the start and after the end', () => {
		expect(timeElapsed('2020-01-01', '2020-12-31', '2019-06-01')).toBe(0);
		expect(timeElapsed('2020-01-01', '2020-12-31', '2026-11-21')).toBe(1);
	});

	it('counts a programme that ends the day it starts as over', () => {
		expect(timeElapsed('2020-01-01', '2020-01-01', '2020-01-01')).toBe(1);
	});
});
