import type {
	ActivityStatus,
	AdoptionStatus,
	Aggregation,
	AssumptionResult,
	Direction,
	GenderActionStatus,
	GenderActionType,
	IndicatorLevel,
	IndicatorStatus,
	IsoDate,
	Locale,
	Measure,
	RiskBand,
	RiskCategory,
	RiskKind,
	RiskStatus,
	RiskTrend
} from '$lib/model';
import type { ReportLayout, Rating, SectionKey } from './outline';
import type { SnapshotFinance } from './snapshot-finance';
import type { SnapshotChanges } from './what-changed';
import type { Forecast } from '$lib/indicator-forecast';
import type { EvaluationSnapshot } from './evaluation-snapshot';
import type { DonorSnapshot } from './snapshot-donor';
import type { SnapshotTripartite } from './snapshot-tripartite';

// The frozen content of an issued report (design §5). One read transaction builds it; its
// canonical JSON (RFC 8785) is what is hashed and stored; the HTML preview, the PDF and the DOCX of
// each language are all rendered from it and from nothing else. It therefore carries every figure
// already computed by its one module (status, progress, gaps, rates), every content text in both
// languages, and the records a figure or a citation points to.
//
// Plain JSON only: strings, finite numbers, booleans, null, arrays and objects. No Dates, no
// undefined (use null), no Maps. Ratios are fractions (0.85), not percentages. Keys stay stable:
// changing the shape means bumping SNAPSHOT_SCHEMA.

export const SNAPSHOT_SCHEMA = 'avance.report-snapshot/1';

/** A content text in both languages: `original` is in the programme's content language. */
export interface BilingualText {
	original: string;
	/** The text in the other language, or null when not translated (printed as original + mark). */
	translation: string | null;
}

/** "indicator:5.1-3", "value:5.1-3@2020-S2"… (see narrative.ts): the key into `records`. */
export type RecordKey = string;

export interface SnapshotPeriod {
	id: number;
	label: string;
	start: IsoDate;
	end: IsoDate;
}

export interface SnapshotEvidenceFile {
	name: string;
	sha256: string;
}

/** One row of the "Records cited" annex: every figure and citation links here. */
export interface SnapshotRecord {
	key: RecordKey;
	kind:
		| 'programme'
		| 'module'
		| 'output'
		| 'activity'
		| 'indicator'
		| 'value'
		| 'risk'
		| 'gender_action'
		| 'recommendation'
		| 'finance'
		| 'lesson'
		| 'dialogue_event';
	id: number;
	/** Code and title as printed, e.g. "5.1-3 Personas capacitadas". */
	label: BilingualText;
	version: number;
	/** Path of the record's page in the app, e.g. "/programmes/patss/indicators/12". */
	path: string;
	/** For values: who approved and when. */
	approvedBy: string | null;
	approvedAt: string | null;
	evidence: SnapshotEvidenceFile[];
	/** Evidence given as a link (URL), for values and adoption events. */
	evidenceUrl: string | null;
	/** A value loaded as an illustration (not from a documented source): the annex says so. */
	illustrative: boolean;
}

export interface SnapshotIndicatorPeriod {
	periodId: number;
	/** The milestone set for the period (total), or null. */
	milestone: number | null;
	expected: number | null;
	/** The approved value of the period itself, and its women/men split. */
	value: number | null;
	women: number | null;
	men: number | null;
	/** The aggregated actual (running total for cumulative indicators), and women/men aggregated alike. */
	actual: number | null;
	actualWomen: number | null;
	actualMen: number | null;
	status: IndicatorStatus | null;
	/** Qualitative and milestone indicators: the text of the value. */
	text: string | null;
	/** The approved value's narrative, its explanation (printed beside the figure), or null. */
	narrative: BilingualText | null;
	/** "value:<code>@<label>" when an approved value exists. */
	valueKey: RecordKey | null;
}

export interface SnapshotIndicator {
	key: RecordKey;
	id: number;
	code: string;
	level: IndicatorLevel;
	moduleId: number | null;
	outputId: number | null;
	title: BilingualText;
	unit: BilingualText;
	measure: Measure;
	direction: Direction;
	aggregation: Aggregation;
	decimals: number;
	disaggregated: boolean;
	/** A key indicator (shown in trends and the executive summary). */
	isKey: boolean;
	baseline: number | null;
	endTarget: number | null;
	/** Status as judged at the cut-off, with the figures it was judged on. */
	status: IndicatorStatus;
	judgedPeriodId: number | null;
	actual: number | null;
	expected: number | null;
	/** Milestone of the judged period, if any. */
	milestone: number | null;
	progress: number | null;
	/** (actual − baseline) / (end target − baseline). */
	achievement: number | null;
	updateOverduePeriodId: number | null;
	/** Women − men in the indicator's direction, at the judged period, and at the previous one. */
	gap: {
		women: number | null;
		men: number | null;
		gap: number | null;
		previousGap: number | null;
		trend: 'narrows' | 'widens' | 'same' | null;
	} | null;
	sdgTarget: string;
	frameworkRefs: string[];
	periods: SnapshotIndicatorPeriod[];
}

export interface SnapshotActivity {
	key: RecordKey;
	id: number;
	outputId: number;
	code: string;
	title: BilingualText;
	status: ActivityStatus;
	plannedStart: IsoDate | null;
	plannedEnd: IsoDate | null;
	actualStart: IsoDate | null;
	actualEnd: IsoDate | null;
	progress: number | null;
	/** Completed by its planned end (or not yet due); false when late or delayed. */
	onTime: boolean;
}

export interface SnapshotRisk {
	key: RecordKey;
	id: number;
	code: string;
	kind: RiskKind;
	title: BilingualText;
	description: BilingualText;
	category: RiskCategory;
	likelihood: number;
	impact: number;
	score: number;
	band: RiskBand;
	trend: RiskTrend;
	status: RiskStatus;
	mitigation: string;
	/** Assumption checks in the report's window, oldest first. */
	checks: { date: IsoDate; result: AssumptionResult; note: string }[];
	/** Score at the previous issued report's cut-off (null when none or the risk is new). */
	previousScore: number | null;
	previousStatus: RiskStatus | null;
}

export interface SnapshotGenderAction {
	key: RecordKey;
	id: number;
	moduleId: number | null;
	title: BilingualText;
	type: GenderActionType;
	status: GenderActionStatus;
	dueDate: IsoDate | null;
	indicatorKeys: RecordKey[];
}

export interface SnapshotRecommendation {
	key: RecordKey;
	id: number;
	code: string;
	text: BilingualText;
	addressedTo: string;
	/** The addressees in both languages (absent from snapshots frozen before they were translatable). */
	addressedToText?: BilingualText;
	area: string;
	priority: string;
	status: AdoptionStatus;
	/** Instruments named by adoption events up to the cut-off (resolution numbers…). */
	instruments: { date: IsoDate; status: AdoptionStatus; instrument: string }[];
	keyActions: { total: number; completed: number; overdue: number };
	moduleIds: number[];
}

export interface SnapshotSection {
	key: SectionKey;
	rating: Rating | null;
	/** Left unrated on purpose: the justification is the reason (absent when rated or in older issues). */
	notRated?: true;
	/** Written per language; a language not to issue stays null. */
	narrative: Record<Locale, string | null>;
	justification: Record<Locale, string | null>;
}

export interface ReportSnapshot {
	schema: typeof SNAPSHOT_SCHEMA;
	report: {
		id: number;
		title: Record<Locale, string | null>;
		layout: ReportLayout;
		languages: Locale[];
		/** The covered periods (when the window is a set of periods) and the cut-off date. */
		periods: SnapshotPeriod[];
		windowStart: IsoDate;
		cutOff: IsoDate;
		issueNumber: number;
		/** Number of the issue this one corrects, if any. */
		supersedes: number | null;
		/** Why the report was reopened for this correction (printed on the cover); null for a first issue. */
		correctionReason: string | null;
		/** The reason in both languages (absent from issues made before it was translatable: prints marked). */
		correctionReasonText?: BilingualText;
		previousHash: string | null;
		issuedAt: string;
		issuedBy: string;
		/** Base URL of the instance, for the "as issued" links (e.g. "https://avance.example.org"). */
		origin: string;
	};
	programme: {
		key: RecordKey;
		id: number;
		slug: string;
		code: string;
		shortName: string;
		title: BilingualText;
		summary: BilingualText;
		contentLanguage: Locale;
		country: string;
		partners: string;
		donor: string;
		/** Donor and partners in both languages (absent from snapshots frozen before they were translatable). */
		donorText?: BilingualText;
		partnersText?: BilingualText;
		/** The country with its stored translation, if any (absent from older snapshots: prints marked). */
		countryText?: BilingualText;
		fundingModality: string;
		budget: { amount: number; currency: string } | null;
		startDate: IsoDate;
		endDate: IsoDate;
		effectiveEndDate: IsoDate;
		status: string;
		sdgTargets: string[];
		genderMarker: number;
		/** Share of the programme's time elapsed at the cut-off (0–1). */
		timeElapsed: number;
	};
	/** Every reporting period of the programme, for series and charts. */
	allPeriods: SnapshotPeriod[];
	modules: { key: RecordKey; id: number; code: string; title: BilingualText; objective: BilingualText }[];
	outputs: { key: RecordKey; id: number; moduleId: number; code: string; title: BilingualText }[];
	indicators: SnapshotIndicator[];
	activities: SnapshotActivity[];
	risks: SnapshotRisk[];
	genderActions: SnapshotGenderAction[];
	recommendations: SnapshotRecommendation[];
	/** Summary figures, each computed by its module: never recomputed by a renderer. */
	figures: {
		statusCounts: Record<IndicatorStatus, number>;
		statusByModule: { moduleId: number | null; counts: Record<IndicatorStatus, number> }[];
		activities: { total: number; completed: number; onTime: number; delayed: number };
		adoption: { rate: number | null; addressedRate: number | null; counts: Record<AdoptionStatus, number> };
		keyActions: { total: number; completed: number; overdue: number };
		openHighRisks: number;
		genderActions: Record<GenderActionStatus, number>;
	};
	sections: SnapshotSection[];
	/** Money and results (issue 20); absent in snapshots issued before it, null without budget lines. */
	finance?: SnapshotFinance | null;
	/** Every record a figure or citation points to, by key; the "Records cited" annex. */
	records: Record<RecordKey, SnapshotRecord>;
	/** What changed since the last issue (what-changed.ts). */
	changes: SnapshotChanges;
	/**
	 * Where each number or rate indicator was heading at the cut-off (design §3, "Forecast"), from
	 * the status module. Absent from snapshots issued before forecasts existed.
	 */
	forecasts?: SnapshotForecast[];
	/** The evaluation matrix and validated lessons and good practices (issue 24); absent in issues made before them. */
	evaluation?: EvaluationSnapshot;
	/** What the donors' own formats print (issue 21); absent in issues made before them. */
	donor?: DonorSnapshot;
	/** The tripartite lens at the cut-off (issue 25); absent in issues made before it. */
	tripartite?: SnapshotTripartite;
}

export interface SnapshotForecast {
	indicatorKey: RecordKey;
	forecast: Forecast;
}
