import { ADOPTED_STATUSES, type AdoptionSummary, type KeyActionSummary } from '$lib/adoption';
import { localizeField, type LocalizedText } from '$lib/content-language';
import type { GapMovement } from '$lib/gender-gap';
import { aggregateSeries } from '$lib/indicator-status';
import {
	type AdoptionStatus,
	type GenderActionStatus,
	type IndicatorStatus,
	type IsoDate,
	type Locale,
	type Measure,
	type Programme,
	type RiskBand,
	type RiskTrend
} from '$lib/model';
import { timeElapsed } from '$lib/programme-time';
import { countOpenHighRisks, type HeatMap } from '$lib/risk-rules';
import { todayIso } from '../core/dates';
import { loadTranslations } from '../core/translations';
import type { Viewer } from '../core/viewer';
import type { Executor } from '../db/executor';
import { genderIndicatorViews, loadGenderStrategy } from '../gender/strategy';
import { listAdoptionInstruments } from '../recommendations/instruments';
import { loadTracker } from '../recommendations/tracker';
import { loadApprovedValueFacts } from '../results/approved-facts';
import { assessmentFor, countStatuses, countUpdatesOverdue, type ReadOptions } from '../results/assessment';
import { loadResultsTree } from '../results/results-page';
import { loadRiskRegister } from '../risks/register';
import { forecastTile, type ForecastTile } from './forecast-tile';
import { loadTripartiteLens, type TripartiteLens } from '../dialogue/lens';
import { getLogframe } from '../programmes/programmes';

// The programme dashboard (design §4, issue 12): how the programme is doing, from approved data
// only, whatever the reader's role. It computes nothing of its own: every figure is read from the
// results, risk, gender and recommendation read models (given one assessment, so the programme is
// judged once), and the statement count is fixed whatever the number of indicators.

/** A document the header links to (the latest issued report, the IPTT workbook, the IATI file), once it exists. */
export interface DashboardLink {
	kind: 'report' | 'iptt' | 'iati';
	href: string;
	/** E.g. the report's title or date, already in the reader's language. */
	detail?: string;
}

export interface DashboardOptions extends ReadOptions {
	/** The reader's language: content texts are shown in it, with a mark where they fall back. */
	locale: Locale;
	/** Filled by the route from the reports and exports modules; none today, so none is shown. */
	links?: DashboardLink[];
}

export interface Completeness {
	indicators: number;
	withTargets: number;
	/** Indicators with an ended period due; of those, how many have their latest due period approved. */
	due: number;
	upToDate: number;
	/** The latest reporting period that has ended, for the wording. */
	lastEndedPeriod: string | null;
	approvedValues: number;
	withEvidence: number;
}

export interface StatusGroup {
	/** Null: the programme-level indicators. */
	module: { id: number; code: string; title: LocalizedText } | null;
	counts: Record<IndicatorStatus, number>;
	total: number;
}

export interface TrendPeriod {
	id: number;
	label: string;
	target: number | null;
	actual: number | null;
	women: number | null;
	men: number | null;
}

export interface TrendView {
	id: number;
	code: string;
	title: LocalizedText;
	unit: LocalizedText;
	measure: Measure;
	decimals: number;
	status: IndicatorStatus;
	disaggregatedBySex: boolean;
	periods: TrendPeriod[];
}

export interface GenderComparison {
	id: number;
	code: string;
	title: LocalizedText;
	unit: LocalizedText;
	measure: Measure;
	decimals: number;
	baseline: { period: string; women: number | null; men: number | null; gap: number | null } | null;
	latest: { period: string; women: number | null; men: number | null; gap: number | null; gapChange: number | null } | null;
	movement: GapMovement | null;
}

export interface ChangedRisk {
	id: number;
	code: string;
	title: LocalizedText;
	score: number;
	previousScore: number;
	band: RiskBand;
	trend: RiskTrend;
	reviewedOn: IsoDate | null;
}

export interface AdoptedRecommendation {
	id: number;
	code: string;
	text: LocalizedText;
	status: AdoptionStatus;
	instruments: string[];
}

export interface GenderActionGroup {
	module: { id: number; code: string; title: LocalizedText } | null;
	byStatus: Record<GenderActionStatus, number>;
	total: number;
	overdue: number;
}

export interface Dashboard {
	asOf: IsoDate;
	header: {
		title: LocalizedText;
		/** Share of the programme's time (start to effective end) gone by as of `asOf`, 0–1. */
		elapsed: number;
		/** Date of the latest approval (what "data as of" says); null when nothing is approved. */
		dataAsOf: IsoDate | null;
		links: DashboardLink[];
	};
	completeness: Completeness;
	statusTotals: Record<IndicatorStatus, number>;
	updatesOverdue: number;
	statusByModule: StatusGroup[];
	trends: TrendView[];
	/** How many key indicators there are (the trends show the first few with figures). */
	keyIndicators: number;
	gender: GenderComparison[];
	genderIndicators: number;
	/**
	 * `changed`: open risks whose latest review, dated in the latest ended reporting period or
	 * after it (`since`), moved their score; null `since` when no period has ended yet (then any review counts).
	 */
	risks: { heatMap: HeatMap; changed: ChangedRisk[]; since: { label: string; startDate: IsoDate } | null; openHigh: number };
	adoption: { summary: AdoptionSummary; adopted: AdoptedRecommendation[]; keyActions: KeyActionSummary };
	genderActions: GenderActionGroup[];
	/** Where the indicators are heading at the end date (design §3, "Forecast"). */
	forecast: ForecastTile;
	/** Who of the constituents took part in what (issue 25). */
	tripartite: TripartiteLens;
}

/** How many trend charts and gender pairs the dashboard draws; the pages behind them list every one. */
export const MAX_TRENDS = 6;
export const MAX_GENDER = 8;

const time = (d: IsoDate) => Date.parse(`${d}T00:00:00Z`);

export async function loadDashboard(db: Executor, programme: Programme, viewer: Viewer, options: DashboardOptions): Promise<Dashboard> {
	const asOf = options.asOf ?? todayIso();
	const assessed = await assessmentFor(db, programme, { ...options, asOf });
	// Approved data only, for every role: the read models are asked as a donor would ask them.
	const reader: Viewer = { id: viewer.id, internal: false, canReview: false };
	// An "as of" an earlier date (options.cutOff, with rewind) reads every record as it stood then,
	// through each read model's own rewind (the report snapshot's rules).
	const read = { asOf, assessment: assessed, cutOff: options.cutOff, rewind: options.rewind };
	const [tree, register, strategy, tracker, instruments, facts, translations] = await Promise.all([
		loadResultsTree(db, programme, reader, read),
		loadRiskRegister(db, programme, reader, read),
		loadGenderStrategy(db, programme, reader, read),
		loadTracker(db, programme, reader, { asOf, rewind: options.rewind }),
		listAdoptionInstruments(db, programme.id, asOf),
		loadApprovedValueFacts(db, programme.id, options.cutOff),
		loadTranslations(db, programme.id, options.locale)
	]);
	const text = (entity: string, id: number, field: string, original: string) =>
		localizeField(translations, programme.contentLanguage, options.locale, { entity, id, field, original });
	const moduleRef = (m: { id: number; code: string; title: string }) => ({
		id: m.id,
		code: m.code,
		title: text('module', m.id, 'title', m.title)
	});

	// ---- completeness
	const assessments = [...assessed.assessments.values()];
	// A period ending on the date itself has ended by it (as a report with that cut-off counts it).
	const ended = assessed.periods.filter((p) => time(p.endDate) <= time(asOf));
	const due = assessments.filter((a) => a.status !== 'not_started' && a.periodId !== null).length;
	const completeness: Completeness = {
		indicators: assessed.indicators.length,
		withTargets: assessed.indicators.filter(
			(i) => i.targetValue !== null || assessed.assessments.get(i.id)!.periods.some((p) => p.milestone !== null)
		).length,
		due,
		upToDate: due - countUpdatesOverdue(assessments),
		lastEndedPeriod: ended.at(-1)?.label ?? null,
		approvedValues: facts.approved,
		withEvidence: facts.withEvidence
	};

	// ---- status by module (the results page's tree, counted by the assessment module)
	const countOf = (ids: number[]) => countStatuses(ids.map((id) => assessed.assessments.get(id)!));
	const statusByModule: StatusGroup[] = [
		...(tree.programmeIndicators.length
			? [{ module: null, counts: countOf(tree.programmeIndicators.map((i) => i.id)), total: tree.programmeIndicators.length }]
			: []),
		...tree.modules.map((m) => {
			const ids = [...m.indicators, ...m.outputs.flatMap((o) => o.indicators)].map((i) => i.id);
			return { module: moduleRef(m), counts: countOf(ids), total: ids.length };
		})
	];

	// ---- key indicator trends (the indicator page's series)
	const key = assessed.indicators.filter((i) => i.isKey && (i.measure === 'number' || i.measure === 'percentage'));
	const trends: TrendView[] = key.slice(0, MAX_TRENDS).map((indicator) => {
		const a = assessed.assessments.get(indicator.id)!;
		const approved = assessed.approved.get(indicator.id);
		const women = aggregateSeries(
			indicator.aggregation,
			assessed.periods.map((p) => approved?.get(p.id)?.women ?? null)
		);
		const men = aggregateSeries(
			indicator.aggregation,
			assessed.periods.map((p) => approved?.get(p.id)?.men ?? null)
		);
		const byPeriod = new Map(a.periods.map((p) => [p.periodId, p]));
		return {
			id: indicator.id,
			code: indicator.code,
			title: text('indicator', indicator.id, 'title', indicator.title),
			unit: text('indicator', indicator.id, 'unit', indicator.unit),
			measure: indicator.measure,
			decimals: indicator.decimals,
			status: a.status,
			disaggregatedBySex: indicator.disaggregatedBySex,
			periods: assessed.periods.map((p, i) => {
				const pa = byPeriod.get(p.id)!;
				return {
					id: p.id,
					label: p.label,
					target: pa.expected,
					actual: pa.hasValue ? pa.actual : null,
					women: indicator.disaggregatedBySex ? women[i]! : null,
					men: indicator.disaggregatedBySex ? men[i]! : null
				};
			})
		};
	});

	// ---- women and men (the gender page's gap series)
	const byId = new Map(assessed.indicators.map((i) => [i.id, i]));
	const withGap = [...genderIndicatorViews(assessed).values()].filter((v) => v.series.baseline);
	withGap.sort((a, b) => Number(byId.get(b.id)!.isKey) - Number(byId.get(a.id)!.isKey));
	const gender: GenderComparison[] = withGap.slice(0, MAX_GENDER).map((v) => {
		const { baseline, latest, movement } = v.series;
		const indicator = byId.get(v.id)!;
		return {
			id: v.id,
			code: v.code,
			title: text('indicator', v.id, 'title', v.title),
			unit: text('indicator', v.id, 'unit', v.unit),
			measure: v.measure,
			decimals: indicator.decimals,
			baseline: baseline && { period: baseline.period.label, women: baseline.women, men: baseline.men, gap: baseline.gap },
			latest: latest && { period: latest.period.label, women: latest.women, men: latest.men, gap: latest.gap, gapChange: latest.gapChange },
			movement
		};
	});

	// ---- risks (the register's heat map and trends)
	const active = register.entries.filter((e) => e.kind === 'risk' && e.status !== 'closed');
	const lastEnded = ended.at(-1) ?? null;
	const since = lastEnded && { label: lastEnded.label, startDate: lastEnded.startDate };
	const changed: ChangedRisk[] = active
		.filter((e) => (e.trend === 'rising' || e.trend === 'falling') && e.previousScore !== null)
		.filter((e) => !since || (e.lastReviewedOn !== null && e.lastReviewedOn >= since.startDate))
		.map((e) => ({
			id: e.id,
			code: e.code,
			title: text('risk', e.id, 'title', e.title),
			score: e.score,
			previousScore: e.previousScore!,
			band: e.band,
			trend: e.trend,
			reviewedOn: e.lastReviewedOn
		}));

	// ---- recommendations (the tracker's figures)
	const instrumentsOf = new Map<number, string[]>();
	for (const i of instruments) {
		const list = instrumentsOf.get(i.recommendationId) ?? [];
		if (!list.includes(i.instrument)) list.push(i.instrument);
		instrumentsOf.set(i.recommendationId, list);
	}
	const adopted: AdoptedRecommendation[] = tracker.rows
		.filter((r) => ADOPTED_STATUSES.includes(r.status))
		.map((r) => ({
			id: r.id,
			code: r.code,
			text: text('recommendation', r.id, 'text', r.text),
			status: r.status,
			instruments: instrumentsOf.get(r.id) ?? []
		}));

	// ---- gender actions (the gender page's groups)
	const genderActions: GenderActionGroup[] = strategy.groups.map((g) => ({
		module: g.module && moduleRef(g.module),
		byStatus: g.summary.byStatus,
		total: g.summary.total,
		overdue: g.summary.overdue
	}));

	// ---- the tripartite lens (the dialogue domain, given the activities and adopted recommendations)
	const logframe = await getLogframe(db, programme.id);
	const tripartite = await loadTripartiteLens(db, programme.id, {
		activityIds: logframe.flatMap((m) => m.outputs.flatMap((o) => o.activities.map((a) => a.id))),
		periods: assessed.periods,
		adoptedRecommendationIds: adopted.map((r) => r.id),
		through: asOf
	});

	return {
		asOf,
		header: {
			title: text('programme', programme.id, 'title', programme.title),
			elapsed: timeElapsed(programme.startDate, programme.effectiveEndDate, asOf),
			dataAsOf: facts.lastApprovedAt ? facts.lastApprovedAt.slice(0, 10) : null,
			links: options.links ?? []
		},
		completeness,
		statusTotals: tree.statusCounts,
		updatesOverdue: tree.updatesOverdue,
		statusByModule,
		trends,
		keyIndicators: key.length,
		gender,
		genderIndicators: withGap.length,
		risks: {
			heatMap: register.heatMap,
			changed,
			since,
			openHigh: countOpenHighRisks(register.entries)
		},
		adoption: { summary: tracker.summary, adopted, keyActions: tracker.keyActions },
		genderActions,
		forecast: forecastTile(assessed, programme.effectiveEndDate, (i) => text('indicator', i.id, 'title', i.title), asOf),
		tripartite
	};
}
