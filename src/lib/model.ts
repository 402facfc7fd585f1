// Shared vocabulary of the app: the allowed values of every enumerated field, and the app-level
// object types that server modules return and pages render. Tables live in server/db/schema.ts.

export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'es';

export const ROLES = ['coordinator', 'evaluator', 'donor'] as const;
export type Role = (typeof ROLES)[number];

export const FUNDING_MODALITIES = ['direct_trust_fund', 'eu_contribution', 'rbsa', 'regular_budget', 'other'] as const;
export type FundingModality = (typeof FUNDING_MODALITIES)[number];

export const PROGRAMME_STATUSES = ['pipeline', 'active', 'closed', 'suspended'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

export const ACTIVITY_STATUSES = ['planned', 'ongoing', 'completed', 'delayed', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const GENDER_MARKERS = [0, 1, 2] as const;
export type GenderMarker = (typeof GENDER_MARKERS)[number];

/** ISO calendar date, 'YYYY-MM-DD'. Kept as text: a date without a time has no time zone. */
export type IsoDate = string;

/** What the browser may know about the signed-in user (never the hash, never the session). */
export interface PublicUser {
	id: number;
	name: string;
	email: string;
	isAdmin: boolean;
	locale: Locale;
}

export interface Programme {
	id: number;
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
	revisedEndDate: IsoDate | null;
	status: ProgrammeStatus;
	summary: string;
	sdgTargets: string[];
	genderMarker: GenderMarker;
	iatiIdentifier: string | null;
	version: number;
}

export interface LogframeModule {
	id: number;
	programmeId: number;
	code: string;
	title: string;
	objective: string;
	sortOrder: number;
	version: number;
}

export interface LogframeOutput {
	id: number;
	moduleId: number;
	code: string;
	title: string;
	description: string;
	sortOrder: number;
	version: number;
}

export interface Activity {
	id: number;
	outputId: number;
	code: string;
	title: string;
	plannedStart: IsoDate | null;
	plannedEnd: IsoDate | null;
	actualStart: IsoDate | null;
	actualEnd: IsoDate | null;
	status: ActivityStatus;
	progress: number;
	responsible: string;
	sortOrder: number;
	version: number;
}

export interface ReportingPeriod {
	id: number;
	programmeId: number;
	label: string;
	startDate: IsoDate;
	endDate: IsoDate;
	locked: boolean;
	version: number;
}

export const MEASURES = ['number', 'percentage', 'milestone', 'qualitative'] as const;
export type Measure = (typeof MEASURES)[number];

export const DIRECTIONS = ['increase', 'decrease'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const AGGREGATIONS = ['per_period', 'cumulative', 'latest'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const FREQUENCIES = ['monthly', 'quarterly', 'semiannual', 'annual', 'end_of_programme'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const INDICATOR_LEVELS = ['programme', 'module', 'output'] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];

export const INDICATOR_STATUSES = [
	'achieved',
	'on_track',
	'at_risk',
	'off_track',
	'no_data',
	'not_started',
	'not_yet',
	'overdue',
	'reported'
] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

export const VALUE_STATES = ['draft', 'submitted', 'returned', 'approved', 'superseded'] as const;
export type ValueState = (typeof VALUE_STATES)[number];

export interface Indicator {
	id: number;
	programmeId: number;
	moduleId: number | null;
	outputId: number | null;
	level: IndicatorLevel;
	code: string;
	title: string;
	definition: string;
	unit: string;
	measure: Measure;
	direction: Direction;
	aggregation: Aggregation;
	baselineValue: number | null;
	baselineDate: IsoDate | null;
	baselineNote: string;
	targetValue: number | null;
	meansOfVerification: string;
	frequency: Frequency;
	responsible: string;
	disaggregatedBySex: boolean;
	sdgTarget: string;
	iloOutcome: string;
	euLogframeCode: string;
	isKey: boolean;
	sortOrder: number;
	version: number;
}

export interface IndicatorTarget {
	id: number;
	indicatorId: number;
	periodId: number;
	value: number;
	women: number | null;
	men: number | null;
	version: number;
}

export interface IndicatorValue {
	id: number;
	indicatorId: number;
	periodId: number;
	value: number | null;
	women: number | null;
	men: number | null;
	notStated: number | null;
	narrative: string;
	evidenceUrl: string | null;
	status: ValueState;
	returnNote: string | null;
	correctsId: number | null;
	correctionReason: string | null;
	enteredBy: number | null;
	enteredByName: string | null;
	enteredAt: string;
	submittedBy: number | null;
	submittedAt: string | null;
	reviewedBy: number | null;
	reviewedByName: string | null;
	reviewedAt: string | null;
	isIllustrative: boolean;
	version: number;
}
