import {
	OPEN_VALUE_STATES,
	type IndicatorLevel,
	type IndicatorStatus,
	type IsoDate,
	type LogframeModule,
	type LogframeOutput,
	type Measure,
	type Programme,
	type ValueState
} from '$lib/model';
import type { Executor } from '../db/executor';
import { todayIso } from '../core/dates';
import { toModule, toOutput } from '../programmes/programmes';
import { assessmentFor, countStatuses, countUpdatesOverdue, type ReadOptions } from './assessment';
import type { Viewer } from '../core/viewer';
import { reviewableValueIds } from './values';

// The results page: the logframe tree with each indicator's status, and what waits for review.

export interface IndicatorSummary {
	id: number;
	code: string;
	title: string;
	unit: string;
	measure: Measure;
	decimals: number;
	level: IndicatorLevel;
	isKey: boolean;
	disaggregatedBySex: boolean;
	baselineValue: number | null;
	targetValue: number | null;
	status: IndicatorStatus;
	latestValue: number | null;
	latestPeriodLabel: string | null;
	latestIsIllustrative: boolean;
	/** The label of the latest ended period still without an approved value (design §3), if any. */
	updateOverduePeriod: string | null;
	/** Set when `latestValue` is a running total (cumulative indicators). */
	cumulative: boolean;
	/** The state of a value in progress, for team members (never shown to donors). */
	pending: ValueState | null;
}

export interface PendingItem {
	valueId: number;
	indicatorId: number;
	indicatorCode: string;
	indicatorTitle: string;
	periodLabel: string;
	state: 'submitted' | 'returned';
	enteredByName: string | null;
	returnNote: string | null;
}

export interface ResultsFilters {
	moduleId: number | null;
	status: IndicatorStatus | null;
	keyOnly: boolean;
	mine: boolean;
}

export interface ResultsTree {
	asOf: IsoDate;
	programmeIndicators: IndicatorSummary[];
	modules: (LogframeModule & { indicators: IndicatorSummary[]; outputs: (LogframeOutput & { indicators: IndicatorSummary[] })[] })[];
	statusCounts: Record<IndicatorStatus, number>;
	/** Indicators whose latest ended period has no approved value yet. */
	updatesOverdue: number;
	totalIndicators: number;
	shownIndicators: number;
	pending: PendingItem[];
}

async function openValues(db: Executor, programmeId: number) {
	return db
		.selectFrom('indicator_value')
		.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
		.innerJoin('reporting_period', 'reporting_period.id', 'indicator_value.period_id')
		.leftJoin('user', 'user.id', 'indicator_value.entered_by')
		.select([
			'indicator_value.id',
			'indicator_value.status',
			'indicator_value.entered_by',
			'indicator_value.submitted_by',
			'indicator_value.return_note',
			'indicator.id as indicator_id',
			'indicator.code',
			'indicator.title',
			'reporting_period.label',
			'user.name as entered_by_name'
		])
		.where('indicator.programme_id', '=', programmeId)
		.where('indicator_value.status', 'in', OPEN_VALUE_STATES)
		.orderBy('reporting_period.start_date')
		.execute();
}

/**
 * The results tree for one viewer, filtered: the same few statements however many indicators there
 * are (the assessment, modules, outputs, open values, and which of them the viewer may review).
 */
export async function loadResultsTree(
	db: Executor,
	programme: Programme,
	viewer: Viewer,
	options: ReadOptions & Partial<ResultsFilters> = {}
): Promise<ResultsTree> {
	const asOf = options.asOf ?? todayIso();
	const filters: ResultsFilters = {
		moduleId: options.moduleId ?? null,
		status: options.status ?? null,
		keyOnly: !!options.keyOnly,
		mine: !!options.mine
	};
	const [assessed, moduleRows, outputRows, open] = await Promise.all([
		assessmentFor(db, programme, { ...options, asOf }),
		db.selectFrom('module').selectAll().where('programme_id', '=', programme.id).orderBy('sort_order').orderBy('id').execute(),
		db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.selectAll('output')
			.where('module.programme_id', '=', programme.id)
			.orderBy('output.sort_order')
			.orderBy('output.id')
			.execute(),
		viewer.internal ? openValues(db, programme.id) : Promise.resolve([])
	]);

	const submittedIds = open.filter((v) => v.status === 'submitted').map((v) => v.id);
	const reviewable = viewer.canReview ? await reviewableValueIds(db, viewer.id, submittedIds) : new Set<number>();
	const pending: PendingItem[] = [];
	const openState = new Map<number, ValueState>();
	for (const v of open) {
		if (v.status !== 'draft' || !openState.has(v.indicator_id)) openState.set(v.indicator_id, v.status);
		const mineToReview = reviewable.has(v.id);
		const returnedToMe = v.status === 'returned' && v.entered_by === viewer.id;
		if (mineToReview || returnedToMe) {
			pending.push({
				valueId: v.id,
				indicatorId: v.indicator_id,
				indicatorCode: v.code,
				indicatorTitle: v.title,
				periodLabel: v.label,
				state: v.status as 'submitted' | 'returned',
				enteredByName: v.entered_by_name,
				returnNote: v.return_note
			});
		}
	}
	const pendingIndicators = new Set(pending.map((p) => p.indicatorId));
	const periodLabel = new Map(assessed.periods.map((p) => [p.id, p.label]));

	const summaries: IndicatorSummary[] = assessed.indicators.map((indicator) => {
		const a = assessed.assessments.get(indicator.id)!;
		return {
			id: indicator.id,
			code: indicator.code,
			title: indicator.title,
			unit: indicator.unit,
			measure: indicator.measure,
			decimals: indicator.decimals,
			level: indicator.level,
			isKey: indicator.isKey,
			disaggregatedBySex: indicator.disaggregatedBySex,
			cumulative: indicator.aggregation === 'cumulative',
			baselineValue: indicator.baselineValue,
			targetValue: indicator.targetValue,
			status: a.status,
			latestValue: a.latestActual,
			latestPeriodLabel: a.latestPeriodId ? (periodLabel.get(a.latestPeriodId) ?? null) : null,
			updateOverduePeriod: a.updateOverdue ? (periodLabel.get(a.updateOverdue.periodId) ?? null) : null,
			latestIsIllustrative: a.latestPeriodId ? !!assessed.approved.get(indicator.id)?.get(a.latestPeriodId)?.isIllustrative : false,
			pending: viewer.internal ? (openState.get(indicator.id) ?? null) : null
		};
	});

	const byId = new Map(assessed.indicators.map((i) => [i.id, i]));
	const keep = (s: IndicatorSummary) => {
		const indicator = byId.get(s.id)!;
		if (filters.moduleId !== null && indicator.moduleId !== filters.moduleId) return false;
		if (filters.status && s.status !== filters.status) return false;
		if (filters.keyOnly && !s.isKey) return false;
		if (filters.mine && !pendingIndicators.has(s.id)) return false;
		return true;
	};
	const shown = summaries.filter(keep);
	const anyFilter = filters.moduleId !== null || !!filters.status || filters.keyOnly || filters.mine;

	// Each indicator goes to its module or output in one pass (a filter per module and per output
	// made the tree cost indicators × (modules + outputs)).
	const ofModule = new Map<number, IndicatorSummary[]>();
	const ofOutput = new Map<number, IndicatorSummary[]>();
	const push = (map: Map<number, IndicatorSummary[]>, key: number, s: IndicatorSummary) => {
		const list = map.get(key);
		if (list) list.push(s);
		else map.set(key, [s]);
	};
	for (const s of shown) {
		const indicator = byId.get(s.id)!;
		if (indicator.outputId !== null) push(ofOutput, indicator.outputId, s);
		if (s.level === 'module' && indicator.moduleId !== null) push(ofModule, indicator.moduleId, s);
	}
	const outputsOf = new Map<number, typeof outputRows>();
	for (const o of outputRows) {
		const list = outputsOf.get(o.module_id);
		if (list) list.push(o);
		else outputsOf.set(o.module_id, [o]);
	}
	const modules = moduleRows
		.filter((m) => filters.moduleId === null || m.id === filters.moduleId)
		.map((m) => ({
			...toModule(m),
			indicators: ofModule.get(m.id) ?? [],
			outputs: (outputsOf.get(m.id) ?? [])
				.map((o) => ({ ...toOutput(o), indicators: ofOutput.get(o.id) ?? [] }))
				.filter((o) => !anyFilter || o.indicators.length > 0)
		}))
		.filter((m) => !anyFilter || m.indicators.length > 0 || m.outputs.length > 0);

	return {
		asOf,
		programmeIndicators: shown.filter((s) => s.level === 'programme'),
		modules,
		statusCounts: countStatuses(assessed.assessments.values()),
		updatesOverdue: countUpdatesOverdue(assessed.assessments.values()),
		totalIndicators: summaries.length,
		shownIndicators: shown.length,
		pending
	};
}
