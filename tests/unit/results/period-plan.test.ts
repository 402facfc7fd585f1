import { describe, expect, it } from 'vitest';
import { planPeriods } from '$lib/period-plan';

// Periods generated from a programme's dates (issue 22): calendar half-years, quarters or years,
// the first and last clipped to the programme.

describe('planning reporting periods', () => {
	it('makes six half-years for a three-year programme, labelled as the seed labels them', () => {
		expect(planPeriods('2024-01-01', '2026-12-31', 'half')).toEqual([
			{ label: '2024-S1', startDate: '2024-01-01', endDate: '2024-06-30' },
			{ label: '2024-S2', startDate: '2024-07-01', endDate: '2024-12-31' },
			{ label: '2025-S1', startDate: '2025-01-01', endDate: '2025-06-30' },
			{ label: '2025-S2', startDate: '2025-07-01', endDate: '2025-12-31' },
			{ label: '2026-S1', startDate: '2026-01-01', endDate: '2026-06-30' },
			{ label: '2026-S2', startDate: '2026-07-01', endDate: '2026-12-31' }
		]);
	});

	it('clips the first and last period to a programme that starts and ends mid-period', () => {
		const q = planPeriods('2018-10-15', '2019-05-10', 'quarter');
		expect(q.map((p) => p.label)).toEqual(['2018-Q4', '2019-Q1', '2019-Q2']);
		expect(q[0]).toEqual({ label: '2018-Q4', startDate: '2018-10-15', endDate: '2018-12-31' });
		expect(q.at(-1)).toEqual({ label: '2019-Q2', startDate: '2019-04-01', endDate: '2019-05-10' });
		expect(planPeriods('2020-02-01', '2021-03-31', 'year')).toEqual([
			{ label: '2020', startDate: '2020-02-01', endDate: '2020-12-31' },
			{ label: '2021', startDate: '2021-01-01', endDate: '2021-03-31' }
		]);
	});

	it('knows leap years, and plans nothing for an end before the start', () => {
		expect(planPeriods('2024-01-01', '2024-03-31', 'quarter')[0]!.endDate).toBe('2024-03-31');
		expect(planPeriods('2100-01-01', '2100-12-31', 'quarter').map((p) => p.endDate)).toEqual([
			'2100-03-31',
			'2100-06-30',
			'2100-09-30',
			'2100-12-31'
		]);
		expect(planPeriods('2024-05-01', '2024-01-01', 'half')).toEqual([]);
	});
});
