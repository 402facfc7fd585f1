import type { IsoDate } from './model';

// Which period the value form opens on when none is asked for. Values are reported once a period
// has ended, so it is the latest period that has ended: the one now due (and the one the inbox
// names). Before the first period ends, the one under way; before the programme starts, the first.

export interface PeriodSpan {
	id: number;
	startDate: IsoDate;
	endDate: IsoDate;
}

export function defaultValuePeriod(periods: readonly PeriodSpan[], asOf: IsoDate): number | null {
	const ended = periods.filter((p) => p.endDate < asOf);
	const started = periods.filter((p) => p.startDate <= asOf);
	return (ended.at(-1) ?? started.at(-1) ?? periods[0])?.id ?? null;
}
