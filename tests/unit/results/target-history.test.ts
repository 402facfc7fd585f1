import { describe, expect, it } from 'vitest';
import { valuesAtDate } from '$lib/as-of';
import { indicatorAtDate, targetsAtDate } from '$lib/target-history';

// Targets as they stood at a date (issue 19): the audit trail's "before" values of the changes
// recorded after it put the end target, the baseline and each period milestone back.

const indicator = { targetValue: 1500, baselineValue: 10, baselineDate: '2019-12-31' as string | null };

describe('an indicator’s end target and baseline at a date', () => {
	it('takes the value before the first later change, field by field', () => {
		const later = valuesAtDate([
			{ entityId: 1, at: '2021-03-01T10:00:00Z', before: { targetValue: 1000 } },
			{ entityId: 1, at: '2021-09-01T10:00:00Z', before: { targetValue: 1200, baselineValue: 8 } }
		]).get(1);
		expect(indicatorAtDate(indicator, later)).toEqual({ targetValue: 1000, baselineValue: 8, baselineDate: '2019-12-31' });
	});

	it('keeps today’s values without later changes, and ignores a value that is not a number', () => {
		expect(indicatorAtDate(indicator, undefined)).toBe(indicator);
		expect(indicatorAtDate(indicator, { targetValue: 'mil' })).toEqual(indicator);
		expect(indicatorAtDate(indicator, { targetValue: null, baselineDate: null })).toEqual({
			targetValue: null,
			baselineValue: 10,
			baselineDate: null
		});
	});
});

describe('period milestones at a date', () => {
	const today = new Map([
		[7, 300],
		[8, 450]
	]);

	it('puts back a changed milestone and removes one set later', () => {
		const later = valuesAtDate([
			{ entityId: 3, at: '2021-03-01T10:00:00Z', before: { '7': { value: 250, women: null, men: null }, '8': null } },
			{ entityId: 3, at: '2021-04-01T10:00:00Z', before: { '7': { value: 280, women: null, men: null } } }
		]).get(3);
		expect([...targetsAtDate(today, later)]).toEqual([[7, 250]]);
	});

	it('restores a milestone deleted later, and leaves today’s without later changes', () => {
		expect([...targetsAtDate(today, { '9': { value: 600 } })]).toEqual([
			[7, 300],
			[8, 450],
			[9, 600]
		]);
		expect(targetsAtDate(today, undefined)).toEqual(today);
		expect([...targetsAtDate(today, { x: null, '7': 'no' })]).toEqual([...today]);
	});
});
