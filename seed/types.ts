import type {
	ActivityStatus,
	Aggregation,
	Direction,
	Frequency,
	FundingModality,
	GenderMarker,
	IsoDate,
	Measure,
	ProgrammeStatus
} from '../src/lib/model';

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

/** A period value. Illustrative unless `documented` (the documents give this figure for this period). */
export interface ValueSeed {
	value: number | null;
	women?: number;
	men?: number;
	narrative?: string;
	documented?: boolean;
	/** Seeded values are approved unless said otherwise (a submitted one shows the review queue). */
	status?: 'approved' | 'submitted';
}

export interface IndicatorSeed {
	/** 'programme', a module code ('M1') or an output code ('1.1'). */
	parent: string;
	code: string;
	title: string;
	definition?: string;
	unit?: string;
	measure: Measure;
	direction?: Direction;
	aggregation?: Aggregation;
	baseline?: number | null;
	baselineDate?: IsoDate;
	baselineNote?: string;
	target?: number | null;
	meansOfVerification?: string;
	frequency?: Frequency;
	responsible?: string;
	bySex?: boolean;
	sdgTarget?: string;
	key?: boolean;
	/** Decimals shown; by default none for numbers, one for percentages. */
	decimals?: number;
	/** Values counted from other records instead of entered (then no `values` here). */
	source?: 'manual' | 'recommendations_adopted';
	/** Milestones by period label. */
	targets?: Record<string, number | { value: number; women?: number; men?: number }>;
	/** Values by period label. */
	values?: Record<string, number | ValueSeed>;
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
	indicators?: IndicatorSeed[];
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
