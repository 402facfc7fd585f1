import { describe, expect, it } from 'vitest';
import { budgetInForce, revisionInForce, scalePhasing } from '$lib/finance-rules';

// The budget in force and the plan that follows it (issue 20, budget revisions).
describe('the budget in force', () => {
	const revisions = [
		{ effectiveOn: '2025-07-01', amountMinor: 150_00 },
		{ effectiveOn: '2025-01-01', amountMinor: 120_00 }
	];
	it('is the original before any revision, then the latest revision dated on or before the day', () => {
		expect(budgetInForce(100_00, revisions, '2024-12-31')).toBe(100_00);
		expect(budgetInForce(100_00, revisions, '2025-01-01')).toBe(120_00);
		expect(budgetInForce(100_00, revisions, '2025-06-30')).toBe(120_00);
		expect(budgetInForce(100_00, revisions, '2026-01-01')).toBe(150_00);
		expect(revisionInForce(revisions, '2025-07-01')?.effectiveOn).toBe('2025-07-01');
		expect(budgetInForce(100_00, [], '2030-01-01')).toBe(100_00);
	});
});

describe('the phasing of a revised line', () => {
	it('scales with the amount and still adds up exactly to the scaled total', () => {
		const phasing = new Map([
			[3, 1],
			[1, 1],
			[2, 1]
		]);
		const scaled = scalePhasing(phasing, 3, 2);
		expect([...scaled.values()].reduce((a, b) => a + b, 0)).toBe(2);
		expect([...scaled.keys()]).toEqual([1, 2, 3]);
		expect(scalePhasing(new Map([[1, 30_000_00]]), 60_000_00, 120_000_00).get(1)).toBe(60_000_00);
		// Unchanged amount: the same plan; an original of zero: no phasing (the straight line holds).
		expect(scalePhasing(phasing, 3, 3)).toEqual(phasing);
		expect(scalePhasing(new Map(), 0, 100).size).toBe(0);
	});
});
