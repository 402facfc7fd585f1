import type { IsoDate } from './model';

// Reporting periods generated from a programme's dates in one step (issue 22, "set-up in
// minutes"): calendar half-years, quarters or years, the first and last clipped to the
// programme's start and end, labelled as the seed labels them (2024-S1, 2024-Q3, 2024).

export const PERIOD_PLANS = ['half', 'quarter', 'year'] as const;
export type PeriodPlan = (typeof PERIOD_PLANS)[number];

export interface PlannedPeriod {
	label: string;
	startDate: IsoDate;
	endDate: IsoDate;
}

const LAST_DAY = ['', '31', '28', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31'];
const lastDay = (year: number, month: number) =>
	month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? '29' : LAST_DAY[month]!;
const pad = (n: number) => String(n).padStart(2, '0');

export function planPeriods(start: IsoDate, end: IsoDate, plan: PeriodPlan): PlannedPeriod[] {
	if (end < start) return [];
	const months = plan === 'half' ? 6 : plan === 'quarter' ? 3 : 12;
	const out: PlannedPeriod[] = [];
	for (let year = Number(start.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) {
		for (let first = 1, n = 1; first <= 12; first += months, n++) {
			const last = first + months - 1;
			const from = `${year}-${pad(first)}-01`;
			const to = `${year}-${pad(last)}-${lastDay(year, last)}`;
			if (to < start || from > end) continue;
			const label = plan === 'half' ? `${year}-S${n}` : plan === 'quarter' ? `${year}-Q${n}` : String(year);
			out.push({ label, startDate: from < start ? start : from, endDate: to > end ? end : to });
		}
	}
	return out;
}
