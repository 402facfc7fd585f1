import type { ActivityStatus, FundingModality, GenderMarker, IsoDate, ProgrammeStatus } from '../src/lib/model';

// The shape of one programme's seed. Facts come from ../shared/seeds/ (the ILO project pages, the
// PATSS final account and mid-term evaluation), written in our own words.

export interface ActivitySeed {
	code: string;
	title: string;
	plannedStart: IsoDate;
	plannedEnd: IsoDate;
	actualStart?: IsoDate;
	actualEnd?: IsoDate;
	status: ActivityStatus;
	progress: number;
	responsible: string;
}

export interface OutputSeed {
	code: string;
	title: string;
	description?: string;
	activities: ActivitySeed[];
}

export interface ModuleSeed {
	code: string;
	title: string;
	objective: string;
	outputs: OutputSeed[];
}

export interface ProgrammeSeed {
	programme: {
		slug: string;
		code: string;
		shortName: string;
		title: string;
		country: string;
		partners: string;
		donor: string;
		fundingModality: FundingModality;
		budgetCents: number | null;
		currency: string;
		startDate: IsoDate;
		endDate: IsoDate;
		status: ProgrammeStatus;
		summary: string;
		sdgTargets: string[];
		genderMarker: GenderMarker;
	};
	periods: { label: string; startDate: IsoDate; endDate: IsoDate }[];
	modules: ModuleSeed[];
}

/** Half-year reporting periods from `from` to `to` (inclusive), clipped to the programme dates. */
export function semesters(start: IsoDate, end: IsoDate): ProgrammeSeed['periods'] {
	const periods: ProgrammeSeed['periods'] = [];
	const firstYear = Number(start.slice(0, 4));
	const lastYear = Number(end.slice(0, 4));
	for (let year = firstYear; year <= lastYear; year++) {
		for (const [half, from, to] of [
			[1, `${year}-01-01`, `${year}-06-30`],
			[2, `${year}-07-01`, `${year}-12-31`]
		] as const) {
			if (to < start || from > end) continue;
			periods.push({ label: `${year}-S${half}`, startDate: from < start ? start : from, endDate: to > end ? end : to });
		}
	}
	return periods;
}
