import { describe, expect, it } from 'vitest';
import { defaultValuePeriod } from '$lib/value-period';

const periods = [
	{ id: 1, startDate: '2025-01-01', endDate: '2025-06-30' },
	{ id: 2, startDate: '2025-07-01', endDate: '2025-12-31' },
	{ id: 3, startDate: '2026-01-01', endDate: '2026-06-30' },
	{ id: 4, startDate: '2026-07-01', endDate: '2026-12-31' }
];

describe('the period the value form opens on', () => {
	it('is the latest period that has ended (the one due), not the first without a value', () => {
		expect(defaultValuePeriod(periods, '2026-12-01')).toBe(3);
		expect(defaultValuePeriod(periods, '2027-02-01')).toBe(4);
	});
	it('is the period under way before any has ended, and the first before the programme starts', () => {
		expect(defaultValuePeriod(periods, '2025-03-01')).toBe(1);
		expect(defaultValuePeriod(periods, '2024-03-01')).toBe(1);
		expect(defaultValuePeriod([], '2024-03-01')).toBeNull();
	});
});
