import { assessIndicator, type Assessment, type PeriodAssessment } from '$lib/indicator-status';
import type {
	Indicator,
	IndicatorLevel,
	IndicatorStatus,
	IndicatorTarget,
	IndicatorValue,
	IsoDate,
	LogframeModule,
	LogframeOutput,
	Measure,
	Programme,
	ReportingPeriod,
	ValueState
} from '$lib/model';
import { listAttachments, type Attachment } from './attachments';
import { listAudit, type AuditRecord, type Executor } from './audit';
import { indicatorIn, toIndicator, toTarget } from './indicators';
import { listIndicatorValues, listValueComments, type ValueComment } from './indicator-values';
import { derivedValues } from './derived-values';
import { effectiveEndDate, toModule, toOutput, toPeriod } from './programmes';

// Everything a page needs to show indicators with their computed status, in a fixed number of
// statements whatever the size of the programme (no query per indicator or per period).

export function todayIso(): IsoDate {
	return new Date().toISOString().slice(0, 10);
}

export interface ProgrammeAssessment {
	indicators: Indicator[];
	periods: ReportingPeriod[];
	assessments: Map<number, Assessment>;
	/** Approved values, by indicator then period (the women/men split included, for gender views). */
	approved: Map<number, Map<number, { value: number | null; women: number | null; men: number | null; isIllustrative: boolean }>>;
}

/** Every indicator of the programme, judged as of `asOf` from approved values only. Four statements. */
export async function assessProgramme(db: Executor, programme: Programme, asOf: IsoDate = todayIso()): Promise<ProgrammeAssessment> {
	return (await assessProgrammes(db, [programme], asOf)).get(programme.id)!;
}

/** The same for several programmes at once (the portfolio): still four statements in all. */
export async function assessProgrammes(db: Executor, programmes: Programme[], asOf: IsoDate = todayIso()): Promise<Map<number, ProgrammeAssessment>> {
	const result = new Map<number, ProgrammeAssessment>();
	if (programmes.length === 0) return result;
	const ids = programmes.map((p) => p.id);
	const [indicatorRows, periodRows, targetRows, approvedRows] = await Promise.all([
		db.selectFrom('indicator').selectAll().where('programme_id', 'in', ids).orderBy('sort_order').orderBy('id').execute(),
		db.selectFrom('reporting_period').selectAll().where('programme_id', 'in', ids).orderBy('start_date').execute(),
		db
			.selectFrom('indicator_target')
			.innerJoin('indicator', 'indicator.id', 'indicator_target.indicator_id')
			.select(['indicator_target.indicator_id', 'indicator_target.period_id', 'indicator_target.value'])
			.where('indicator.programme_id', 'in', ids)
			.execute(),
		db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.select([
				'indicator_value.indicator_id',
				'indicator_value.period_id',
				'indicator_value.value',
				'indicator_value.women',
				'indicator_value.men',
				'indicator_value.is_illustrative'
			])
			.where('indicator.programme_id', 'in', ids)
			.where('indicator_value.status', '=', 'approved')
			.execute()
	]);
	const targets = new Map<number, Map<number, number>>();
	for (const t of targetRows) {
		if (!targets.has(t.indicator_id)) targets.set(t.indicator_id, new Map());
		targets.get(t.indicator_id)!.set(t.period_id, t.value);
	}
	const approved: ProgrammeAssessment['approved'] = new Map();
	for (const v of approvedRows) {
		if (!approved.has(v.indicator_id)) approved.set(v.indicator_id, new Map());
		approved.get(v.indicator_id)!.set(v.period_id, { value: v.value, women: v.women, men: v.men, isIllustrative: v.is_illustrative === 1 });
	}
	const parts = programmes.map((programme) => ({
		programme,
		programmeId: programme.id,
		indicators: indicatorRows.filter((r) => r.programme_id === programme.id).map(toIndicator),
		periods: periodRows.filter((r) => r.programme_id === programme.id).map(toPeriod)
	}));
	for (const [indicatorId, values] of await derivedValues(db, parts, asOf)) {
		approved.set(indicatorId, new Map([...values].map(([periodId, value]) => [periodId, { value, women: null, men: null, isIllustrative: false }])));
	}
	for (const { programme, indicators, periods } of parts) {
		const span = { startDate: programme.startDate, endDate: effectiveEndDate(programme) };
		const assessments = new Map<number, Assessment>();
		for (const indicator of indicators) {
			const values = approved.get(indicator.id);
			assessments.set(
				indicator.id,
				assessIndicator({
					indicator,
					programme: span,
					periods,
					targets: targets.get(indicator.id) ?? new Map(),
					approved: new Map([...(values ?? new Map()).entries()].map(([periodId, v]) => [periodId, v.value])),
					asOf
				})
			);
		}
		const programmeApproved: ProgrammeAssessment['approved'] = new Map(indicators.filter((i) => approved.has(i.id)).map((i) => [i.id, approved.get(i.id)!]));
		result.set(programme.id, { indicators, periods, assessments, approved: programmeApproved });
	}
	return result;
}

export function countStatuses(assessments: Iterable<Assessment>): Record<IndicatorStatus, number> {
	const counts: Record<IndicatorStatus, number> = {
		achieved: 0,
		on_track: 0,
		at_risk: 0,
		off_track: 0,
		no_data: 0,
		not_started: 0,
		not_yet: 0,
		overdue: 0,
		reported: 0
	};
	for (const a of assessments) counts[a.status]++;
	return counts;
}

// ---- the results page --------------------------------------------------------------------------

export interface IndicatorSummary {
	id: number;
	code: string;
	title: string;
	unit: string;
	measure: Measure;
	level: IndicatorLevel;
	isKey: boolean;
	disaggregatedBySex: boolean;
	baselineValue: number | null;
	targetValue: number | null;
	status: IndicatorStatus;
	latestValue: number | null;
	latestPeriodLabel: string | null;
	latestIsIllustrative: boolean;
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
	totalIndicators: number;
	shownIndicators: number;
	pending: PendingItem[];
}

export interface ResultsViewer {
	id: number;
	internal: boolean;
	canReview: boolean;
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
		.where('indicator_value.status', 'in', ['draft', 'submitted', 'returned'])
		.orderBy('reporting_period.start_date')
		.execute();
}

/** The results tree for one viewer, filtered. Eight statements however many indicators there are. */
export async function loadResultsTree(
	db: Executor,
	programme: Programme,
	viewer: ResultsViewer,
	filters: ResultsFilters,
	asOf: IsoDate = todayIso()
): Promise<ResultsTree> {
	const [assessed, moduleRows, outputRows, open] = await Promise.all([
		assessProgramme(db, programme, asOf),
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

	const pending: PendingItem[] = [];
	const openState = new Map<number, ValueState>();
	for (const v of open) {
		if (v.status !== 'draft' || !openState.has(v.indicator_id)) openState.set(v.indicator_id, v.status);
		const mineToReview = v.status === 'submitted' && viewer.canReview && v.entered_by !== viewer.id && v.submitted_by !== viewer.id;
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
			level: indicator.level,
			isKey: indicator.isKey,
			disaggregatedBySex: indicator.disaggregatedBySex,
			cumulative: indicator.aggregation === 'cumulative',
			baselineValue: indicator.baselineValue,
			targetValue: indicator.targetValue,
			status: a.status,
			latestValue: a.latestActual,
			latestPeriodLabel: a.latestPeriodId ? (periodLabel.get(a.latestPeriodId) ?? null) : null,
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

	const modules = moduleRows
		.filter((m) => filters.moduleId === null || m.id === filters.moduleId)
		.map((m) => ({
			...toModule(m),
			indicators: shown.filter((s) => s.level === 'module' && byId.get(s.id)!.moduleId === m.id),
			outputs: outputRows
				.filter((o) => o.module_id === m.id)
				.map((o) => ({ ...toOutput(o), indicators: shown.filter((s) => byId.get(s.id)!.outputId === o.id) }))
				.filter((o) => !anyFilter || o.indicators.length > 0)
		}))
		.filter((m) => !anyFilter || m.indicators.length > 0 || m.outputs.length > 0);

	return {
		asOf,
		programmeIndicators: shown.filter((s) => s.level === 'programme'),
		modules,
		statusCounts: countStatuses(assessed.assessments.values()),
		totalIndicators: summaries.length,
		shownIndicators: shown.length,
		pending
	};
}

// ---- the indicator page ------------------------------------------------------------------------

export interface PeriodRow {
	period: ReportingPeriod;
	target: IndicatorTarget | null;
	approved: IndicatorValue | null;
	/** For a derived indicator: the value counted from the records it follows. */
	derived: number | null;
	open: IndicatorValue | null;
	assessment: PeriodAssessment;
}

export interface IndicatorDetail {
	indicator: Indicator;
	module: { id: number; code: string; title: string } | null;
	output: { id: number; code: string; title: string } | null;
	assessment: Assessment;
	rows: PeriodRow[];
	values: IndicatorValue[];
	comments: ValueComment[];
	attachments: Attachment[];
	history: AuditRecord[];
	asOf: IsoDate;
}

export async function loadIndicatorDetail(
	db: Executor,
	programme: Programme,
	indicatorId: number,
	viewer: { internal: boolean },
	asOf: IsoDate = todayIso()
): Promise<IndicatorDetail> {
	const indicator = toIndicator(await indicatorIn(db, programme.id, indicatorId));
	const [parents, periodRows, targetRows, values] = await Promise.all([
		db
			.selectFrom('module')
			.leftJoin('output', (join) => join.onRef('output.module_id', '=', 'module.id').on('output.id', '=', indicator.outputId ?? -1))
			.select(['module.id as module_id', 'module.code as module_code', 'module.title as module_title', 'output.id as output_id', 'output.code as output_code', 'output.title as output_title'])
			.where('module.id', '=', indicator.moduleId ?? -1)
			.executeTakeFirst(),
		db.selectFrom('reporting_period').selectAll().where('programme_id', '=', programme.id).orderBy('start_date').execute(),
		db.selectFrom('indicator_target').selectAll().where('indicator_id', '=', indicator.id).execute(),
		listIndicatorValues(db, indicator.id, viewer)
	]);
	const periods = periodRows.map(toPeriod);
	const targets = new Map(targetRows.map((t) => [t.period_id, toTarget(t)]));
	const approved = new Map(values.filter((v) => v.status === 'approved').map((v) => [v.periodId, v]));
	const open = new Map(values.filter((v) => ['draft', 'submitted', 'returned'].includes(v.status)).map((v) => [v.periodId, v]));
	const derived = (await derivedValues(db, [{ programmeId: programme.id, indicators: [indicator], periods }], asOf)).get(indicator.id);

	const assessment = assessIndicator({
		indicator,
		programme: { startDate: programme.startDate, endDate: effectiveEndDate(programme) },
		periods,
		targets: new Map([...targets.values()].map((t) => [t.periodId, t.value])),
		approved: derived ?? new Map([...approved.values()].map((v) => [v.periodId, v.value])),
		asOf
	});
	const assessmentByPeriod = new Map(assessment.periods.map((p) => [p.periodId, p]));
	const valueIds = values.map((v) => v.id);

	const [comments, attachments, history] = await Promise.all([
		viewer.internal ? listValueComments(db, valueIds) : Promise.resolve([]),
		listAttachments(db, 'indicator_value', valueIds),
		viewer.internal ? indicatorHistory(db, indicator.id, valueIds) : Promise.resolve([])
	]);

	return {
		indicator,
		module: parents ? { id: parents.module_id, code: parents.module_code, title: parents.module_title } : null,
		output: parents?.output_id ? { id: parents.output_id, code: parents.output_code!, title: parents.output_title! } : null,
		assessment,
		rows: periods.map((period) => ({
			period,
			target: targets.get(period.id) ?? null,
			approved: approved.get(period.id) ?? null,
			derived: derived?.get(period.id) ?? null,
			open: open.get(period.id) ?? null,
			assessment: assessmentByPeriod.get(period.id)!
		})),
		values,
		comments,
		attachments,
		history,
		asOf
	};
}

/** The audit trail of an indicator: its reference sheet, its targets and its values. */
function indicatorHistory(db: Executor, indicatorId: number, valueIds: number[]): Promise<AuditRecord[]> {
	return listAudit(db, {
		subjects: [
			{ entity: 'indicator', ids: [indicatorId] },
			{ entity: 'indicator_value', ids: valueIds }
		]
	});
}
