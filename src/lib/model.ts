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

/** The look of a status chip (a CSS class in app.css); always shown with a symbol and a word too. */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted';

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
	/** The end that counts (the revised end when the programme was extended), computed once on the server. */
	effectiveEndDate: IsoDate;
	status: ProgrammeStatus;
	summary: string;
	sdgTargets: string[];
	genderMarker: GenderMarker;
	iatiIdentifier: string | null;
	iatiReportingOrg: string | null;
	/** The IATI identifier is the demo seed's, illustrative (the documents give none); cleared when a team saves its own. */
	iatiIllustrative?: boolean;
	/** The language the programme's own texts are written in; the other comes from translations. */
	contentLanguage: Locale;
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
	/** Why the activity departs from its plan (issue 21). */
	deviationReason: string;
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
/** A value still in the workflow: not yet approved, not replaced by a correction. */
export const OPEN_VALUE_STATES = ['draft', 'submitted', 'returned'] as const satisfies readonly ValueState[];
export type OpenValueState = (typeof OPEN_VALUE_STATES)[number];
export const isOpenValueState = (state: ValueState): state is OpenValueState =>
	(OPEN_VALUE_STATES as readonly ValueState[]).includes(state);

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
	/** How many decimals its figures show (design §2): 0 for head counts, so 24.94 people reads 25. */
	decimals: number;
	isKey: boolean;
	sortOrder: number;
	/** 'manual': values are entered and reviewed; otherwise counted from other records. */
	source: IndicatorSource;
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

// ---- risks and assumptions (design §2 "risk") ----------------------------------------------------

export const RISK_KINDS = ['risk', 'assumption'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

export const RISK_CATEGORIES = ['political', 'institutional', 'financial', 'operational', 'external', 'reputational'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

export const RISK_STATUSES = ['open', 'monitoring', 'materialised', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** Score bands: 1–4 low, 5–9 medium, 10–15 high, 16–25 critical. */
export const RISK_BANDS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** From the last two reviews: the score went up, stayed, or went down (or there is one review only). */
export const RISK_TRENDS = ['rising', 'stable', 'falling', 'new'] as const;
export type RiskTrend = (typeof RISK_TRENDS)[number];

export const ASSUMPTION_RESULTS = ['holds', 'partly', 'no'] as const;
export type AssumptionResult = (typeof ASSUMPTION_RESULTS)[number];

export const RISK_LEVELS = ['programme', 'module', 'output', 'activity'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface Risk {
	id: number;
	programmeId: number;
	moduleId: number | null;
	outputId: number | null;
	activityId: number | null;
	level: RiskLevel;
	kind: RiskKind;
	code: string;
	title: string;
	description: string;
	category: RiskCategory;
	likelihood: number;
	impact: number;
	score: number;
	band: RiskBand;
	trend: RiskTrend;
	mitigation: string;
	contingency: string;
	owner: string;
	status: RiskStatus;
	nextReviewDate: IsoDate | null;
	/** Internal; empty for donors. */
	internalNotes: string;
	version: number;
}

export interface RiskReview {
	id: number;
	riskId: number;
	reviewedOn: IsoDate;
	likelihood: number;
	impact: number;
	score: number;
	note: string;
	reviewerName: string | null;
}

export interface AssumptionCheck {
	id: number;
	riskId: number;
	periodId: number;
	result: AssumptionResult;
	note: string;
	checkedByName: string | null;
	checkedAt: string;
}

// ---- gender strategy (design §2 "gender_action") -------------------------------------------------

export const GENDER_ACTION_TYPES = [
	'analysis',
	'capacity_building',
	'policy_advice',
	'data_statistics',
	'participation',
	'communication'
] as const;
export type GenderActionType = (typeof GENDER_ACTION_TYPES)[number];

export const GENDER_ACTION_STATUSES = ['planned', 'ongoing', 'completed', 'cancelled'] as const;
export type GenderActionStatus = (typeof GENDER_ACTION_STATUSES)[number];

export interface GenderAction {
	id: number;
	programmeId: number;
	moduleId: number | null;
	title: string;
	description: string;
	type: GenderActionType;
	responsible: string;
	partner: string;
	startDate: IsoDate | null;
	dueDate: IsoDate | null;
	status: GenderActionStatus;
	evidenceUrl: string | null;
	/** Internal; empty for donors. */
	internalNotes: string;
	indicatorIds: number[];
	version: number;
}

// ---- recommendations (design §2 "recommendation") ------------------------------------------------

export const SOURCE_KINDS = ['midterm_evaluation', 'final_evaluation', 'technical_study'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const RECOMMENDATION_AREAS = ['coverage', 'governance', 'sustainability', 'quality'] as const;
export type RecommendationArea = (typeof RECOMMENDATION_AREAS)[number];

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const MANAGEMENT_RESPONSES = ['accepted', 'partially_accepted', 'rejected'] as const;
export type ManagementResponse = (typeof MANAGEMENT_RESPONSES)[number];

/** The adoption ladder, in order, then the two ways off it. */
export const ADOPTION_LADDER = [
	'proposed',
	'under_review',
	'accepted_in_principle',
	'partially_adopted',
	'adopted',
	'implemented'
] as const;
export const ADOPTION_STATUSES = [...ADOPTION_LADDER, 'rejected', 'no_longer_applicable'] as const;
export type AdoptionStatus = (typeof ADOPTION_STATUSES)[number];

export const KEY_ACTION_STATUSES = ['not_initiated', 'initiated', 'completed', 'no_longer_applicable'] as const;
export type KeyActionStatus = (typeof KEY_ACTION_STATUSES)[number];

export const INDICATOR_SOURCES = ['manual', 'recommendations_adopted'] as const;
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];

export interface SourceDocument {
	id: number;
	programmeId: number;
	title: string;
	kind: SourceKind;
	issuedOn: IsoDate | null;
	url: string | null;
	version: number;
}

export interface Recommendation {
	id: number;
	programmeId: number;
	sourceDocumentId: number | null;
	code: string;
	text: string;
	issuedOn: IsoDate;
	addressedTo: string;
	area: RecommendationArea;
	priority: Priority;
	timeframe: string;
	managementResponse: ManagementResponse | null;
	managementResponseText: string;
	responseIsIllustrative: boolean;
	/** The latest adoption event's status; 'proposed' before any event. */
	status: AdoptionStatus;
	/** Internal; empty for donors. */
	internalNotes: string;
	version: number;
}

export interface AdoptionEvent {
	id: number;
	recommendationId: number;
	eventDate: IsoDate;
	status: AdoptionStatus;
	instrument: string;
	evidenceUrl: string | null;
	/** Internal; empty for donors. */
	note: string;
	authorName: string | null;
	isIllustrative: boolean;
}

export interface KeyAction {
	id: number;
	recommendationId: number;
	action: string;
	responsible: string;
	dueDate: IsoDate | null;
	status: KeyActionStatus;
	overdue: boolean;
	isIllustrative: boolean;
	version: number;
}
