import { describe, expect, it } from 'vitest';
import { gapMovement, gapSeries, genderGap, genderMarkerCheck, genderRatio, isActionOverdue } from '$lib/gender-gap';

describe('gap and ratio', () => {
	it('is women minus men and women over men', () => {
		expect(genderGap({ women: 40, men: 35 })).toBe(5);
		expect(genderGap({ women: 5.6, men: 7.2 })).toBeCloseTo(-1.6, 10);
		expect(genderRatio({ women: 40, men: 32 })).toBe(1.25);
	});

	it('is unknown when either figure is missing, and the ratio when men is zero', () => {
		expect(genderGap({ women: null, men: 3 })).toBeNull();
		expect(genderRatio({ women: 3, men: null })).toBeNull();
		expect(genderGap({ women: 3, men: 0 })).toBe(3);
		expect(genderRatio({ women: 3, men: 0 })).toBeNull();
	});
});

describe('gap over time against the baseline', () => {
	const period = (label: string) => ({ label });

	it('compares each period with the first one that has both figures', () => {
		const s = gapSeries([
			{ period: period('2020-S1'), women: 12, men: null },
			{ period: period('2020-S2'), women: 5.6, men: 7.2 },
			{ period: period('2021-S2'), women: 6.0, men: 7.9 },
			{ period: period('2022-S1'), women: 6.2, men: 8.0 }
		]);
		expect(s.baseline?.period.label).toBe('2020-S2');
		expect(s.rows[0]).toMatchObject({ gap: null, gapChange: null });
		expect(s.rows[1]).toMatchObject({ gapChange: null, ratioChange: null });
		expect(s.rows[2]!.gap).toBeCloseTo(-1.9, 10);
		// The size of the gap grew from 1.6 to 1.9, then to 1.8: +0.3 and +0.2, both "widening".
		expect(s.rows[2]!.gapChange).toBeCloseTo(0.3, 10);
		expect(s.rows[3]!.gapChange).toBeCloseTo(0.2, 10);
		expect(s.movement).toBe('widening');
		expect(s.rows[3]!.ratioChange).toBeCloseTo(6.2 / 8 - 5.6 / 7.2, 10);
		expect(s.latest?.period.label).toBe('2022-S1');
	});

	it('says whether the gap narrows or widens by the change in its size, against the baseline', () => {
		// A gap of 1.6 → 1.8: wider.
		expect(
			gapSeries([
				{ period: period('a'), women: 5.6, men: 7.2 },
				{ period: period('b'), women: 6.2, men: 8.0 }
			]).movement
		).toBe('widening');
		expect(
			gapSeries([
				{ period: period('a'), women: 40, men: 60 },
				{ period: period('b'), women: 48, men: 52 }
			]).movement
		).toBe('narrowing');
	});

	it('always words the movement as the sign of the change shown: positive widens, negative narrows', () => {
		for (const [from, to] of [
			[-1.6, -1.8],
			[4, 2],
			[-20, 20],
			[3, -1]
		] as const) {
			const s = gapSeries([
				{ period: period('a'), women: from > 0 ? from : 0, men: from > 0 ? 0 : -from },
				{ period: period('b'), women: to > 0 ? to : 0, men: to > 0 ? 0 : -to }
			]);
			const change = s.rows[1]!.gapChange!;
			expect(s.movement).toBe(change > 0 ? 'widening' : change < 0 ? 'narrowing' : 'unchanged');
		}
		expect(gapMovement({ gap: 4 }, { gap: 2 })).toBe('narrowing');
		expect(gapMovement({ gap: null }, { gap: 2 })).toBeNull();
	});

	it('has no movement with a single point or none', () => {
		expect(gapSeries([{ period: period('a'), women: 1, men: 2 }]).movement).toBeNull();
		const empty = gapSeries([]);
		expect([empty.baseline, empty.latest, empty.movement]).toEqual([null, null, null]);
	});
});

describe('overdue actions', () => {
	const asOf = '2026-11-21';

	it('is overdue once the due date has passed and the action is neither completed nor cancelled', () => {
		expect(isActionOverdue({ dueDate: '2026-11-20', status: 'ongoing' }, asOf)).toBe(true);
		expect(isActionOverdue({ dueDate: '2026-11-20', status: 'planned' }, asOf)).toBe(true);
		expect(isActionOverdue({ dueDate: '2026-11-20', status: 'completed' }, asOf)).toBe(false);
		expect(isActionOverdue({ dueDate: '2026-11-20', status: 'cancelled' }, asOf)).toBe(false);
	});

	it('is not overdue on its due date, later, or without one', () => {
		expect(isActionOverdue({ dueDate: '2026-11-21', status: 'ongoing' }, asOf)).toBe(false);
		expect(isActionOverdue({ dueDate: null, status: 'ongoing' }, asOf)).toBe(false);
	});
});

describe('gender-marker check', () => {
	const modules = [
		{ id: 1, code: 'M1' },
		{ id: 2, code: 'M2' },
		{ id: 3, code: 'M3' }
	];

	it('warns about modules without a gender action or a sex-disaggregated indicator when the marker is 1 or 2', () => {
		for (const marker of [1, 2]) {
			const check = genderMarkerCheck(marker, modules, [1, null, 1], [3, null]);
			expect(check.applies).toBe(true);
			expect(check.withoutActions.map((m) => m.code)).toEqual(['M2', 'M3']);
			expect(check.withoutIndicators.map((m) => m.code)).toEqual(['M1', 'M2']);
		}
	});

	it('does not apply to a programme with marker 0', () => {
		expect(genderMarkerCheck(0, modules, [], [])).toEqual({ applies: false, withoutActions: [], withoutIndicators: [] });
	});
});
