import type { Aggregation, Direction, IndicatorStatus, IsoDate, Measure, Tone } from './model';

// The computed status of design §3, in one place. Every page, the dashboards and the reports call
// this module; no component decides a status on its own.

export const ON_TRACK_THRESHOLD = 0.85;
export const AT_RISK_THRESHOLD = 0.6;

export interface StatusIndicator {
	measure: Measure;
	direction: Direction;
	aggregation: Aggregation;
	baselineValue: number | null;
	targetValue: number | null;
}

export interface StatusPeriod {
	id: number;
	startDate: IsoDate;
	endDate: IsoDate;
}

export interface StatusInput {
	indicator: StatusIndicator;
	/** The programme's start and (effective) end: the line from baseline to end target spans them. */
	programme: { startDate: IsoDate; endDate: IsoDate; originalEndDate?: IsoDate };
	/** All reporting periods of the programme, in any order. */
	periods: readonly StatusPeriod[];
	/** Period milestones (totals), by period id. */
	targets: ReadonlyMap<number, number>;
	/** Approved values (totals; null for a qualitative entry), by period id. Only approved values count. */
	approved: ReadonlyMap<number, number | null>;
	/** The date to judge at (today, or a report's cut-off). A period counts once its end is before it. */
	asOf: IsoDate;
}

export interface PeriodAssessment {
	periodId: number;
	ended: boolean;
	/** The period's milestone, if one was set. */
	milestone: number | null;
	/** What the indicator should show by the end of the period: the milestone, else the straight line. */
	expected: number | null;
	/** The approved value of this period itself (not aggregated). */
	value: number | null;
	hasValue: boolean;
	/** The actual to compare: the period value, the running sum, or the latest value, by aggregation. */
	actual: number | null;
	progress: number | null;
	/** Null for a period with nothing to judge yet (not ended, or no approved value). */
	status: IndicatorStatus | null;
}

export interface Assessment {
	status: IndicatorStatus;
	/** The period the status was judged at (the latest ended reporting period that is due). */
	periodId: number | null;
	actual: number | null;
	expected: number | null;
	/** (actual − baseline) / (expected − baseline) at that period. */
	progress: number | null;
	/** (actual − baseline) / (end target − baseline): how far along the way to the end target. */
	achievement: number | null;
	/**
	 * Set when the latest ended period that is due has no approved value (design §3, "update
	 * overdue"): the status above is then judged at an earlier period, and this names the one
	 * still missing. A donor must never read "no data" beside 460 of 600.
	 */
	updateOverdue: { periodId: number } | null;
	/** The latest approved period value. */
	latestValue: number | null;
	/** The actual as of the latest approved value: the running total for a cumulative indicator. */
	latestActual: number | null;
	latestPeriodId: number | null;
	periods: PeriodAssessment[];
}

const toTime = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`);

/** True when `actual` reaches `target` in the indicator's direction. */
export function meetsTarget(actual: number, target: number, direction: Direction): boolean {
	return direction === 'increase' ? actual >= target : actual <= target;
}

/**
 * What the indicator should show at `date` (design §3): straight lines through the known points —
 * the baseline at programme start, each period milestone at its period's end, the end target at
 * programme end (the effective end). A period with a milestone expects exactly that milestone.
 * Before the first point the line starts at the baseline; after the last it stays level. With
 * neither milestones nor an end target nothing is expected (null).
 */
export function expectedAt(
	indicator: Pick<StatusIndicator, 'baselineValue' | 'targetValue'>,
	programme: StatusInput['programme'],
	periods: readonly StatusPeriod[],
	targets: ReadonlyMap<number, number>,
	date: IsoDate
): number | null {
	const milestones = periods
		.filter((p) => targets.has(p.id))
		.map((p) => ({ t: toTime(p.endDate), v: targets.get(p.id)! }))
		.sort((a, b) => a.t - b.t);
	if (indicator.targetValue === null && milestones.length === 0) return null;
	const start = toTime(programme.startDate);
	const points = [{ t: start, v: indicator.baselineValue ?? 0 }, ...milestones.filter((m) => m.t > start)];
	const end = toTime(programme.endDate);
	// The end target is the last point, unless a milestone already stands at (or after) the end.
	if (indicator.targetValue !== null && points.at(-1)!.t < end) points.push({ t: end, v: indicator.targetValue });
	const t = toTime(date);
	if (t <= points[0]!.t) return points[0]!.v;
	for (let i = 1; i < points.length; i++) {
		const a = points[i - 1]!;
		const b = points[i]!;
		if (t <= b.t) return b.t === a.t ? b.v : a.v + ((b.v - a.v) * (t - a.t)) / (b.t - a.t);
	}
	return points.at(-1)!.v;
}

/**
 * (actual − baseline) / (expected − baseline). The same formula serves decreasing indicators:
 * both differences are negative, so moving down counts as progress. When nothing was expected
 * to change, meeting the expectation counts as full progress and missing it as none.
 */
export function progressRatio(actual: number, baseline: number, expected: number, direction: Direction): number {
	const wanted = expected - baseline;
	if (Math.abs(wanted) < 1e-12) return meetsTarget(actual, expected, direction) ? 1 : 0;
	return (actual - baseline) / wanted;
}

export function statusFromProgress(progress: number): 'on_track' | 'at_risk' | 'off_track' {
	if (progress >= ON_TRACK_THRESHOLD) return 'on_track';
	if (progress >= AT_RISK_THRESHOLD) return 'at_risk';
	return 'off_track';
}

/**
 * A series of period values (in date order) aggregated the indicator's way: the running sum for a
 * cumulative indicator, the latest value so far for a latest-value one, each period on its own
 * otherwise. Totals, women and men all go through here, so a chart's lines never disagree.
 */
export function aggregateSeries(aggregation: Aggregation, values: readonly (number | null)[]): (number | null)[] {
	let sum = 0;
	let anySoFar = false;
	let latest: number | null = null;
	return values.map((value) => {
		if (value !== null) {
			sum += value;
			latest = value;
			anySoFar = true;
		}
		if (aggregation === 'cumulative') return anySoFar ? sum : null;
		if (aggregation === 'latest') return latest;
		return value;
	});
}

/** Periods in date order, each with its approved value aggregated the indicator's way. */
function aggregate(input: StatusInput, periods: StatusPeriod[]) {
	const values = periods.map((period) => (input.approved.has(period.id) ? (input.approved.get(period.id) ?? null) : null));
	const actuals = aggregateSeries(input.indicator.aggregation, values);
	return periods.map((period, i) => ({ period, hasValue: input.approved.has(period.id), value: values[i]!, actual: actuals[i]! }));
}

/**
 * The one place a status input is put together: the line runs from the programme's start to its
 * effective end (the revised end when extended), through the period milestones.
 */
export function statusInput(
	programme: { startDate: IsoDate; effectiveEndDate: IsoDate; endDate?: IsoDate },
	indicator: StatusIndicator,
	periods: readonly StatusPeriod[],
	targets: ReadonlyMap<number, number>,
	approved: ReadonlyMap<number, number | null>,
	asOf: IsoDate
): StatusInput {
	return {
		indicator,
		programme: {
			startDate: programme.startDate,
			endDate: programme.effectiveEndDate,
			// Set when the programme was extended: the periods past the original end are all due.
			...(programme.endDate && programme.endDate < programme.effectiveEndDate ? { originalEndDate: programme.endDate } : {})
		},
		periods,
		targets,
		approved,
		asOf
	};
}

export function assessIndicator(input: StatusInput): Assessment {
	const { indicator, asOf } = input;
	const periods = [...input.periods].sort((a, b) => a.startDate.localeCompare(b.startDate));
	const baseline = indicator.baselineValue ?? 0;
	const rows = aggregate(input, periods);
	// ISO dates (YYYY-MM-DD) order as their text does: compared as strings, with no date parsed
	// per period and indicator (two Date.parse calls each were a tenth of the results page).
	const hasEnded = (p: StatusPeriod) => p.endDate < asOf;

	// A milestone is due in the first period whose milestone says "yes", else at the last period.
	const milestoneDue = periods.find((p) => (input.targets.get(p.id) ?? 0) >= 1) ?? periods.at(-1);
	const pastDue = (p: StatusPeriod) => !!milestoneDue && p.startDate >= milestoneDue.startDate && hasEnded(p);

	const periodAssessments: PeriodAssessment[] = rows.map(({ period, hasValue, value, actual }) => {
		const milestone = input.targets.get(period.id) ?? null;
		const expected = milestone ?? expectedAt(indicator, input.programme, periods, input.targets, period.endDate);
		const ended = hasEnded(period);
		let status: IndicatorStatus | null = null;
		let progress: number | null = null;
		if (hasValue) {
			if (indicator.measure === 'qualitative') status = 'reported';
			else if (indicator.measure === 'milestone')
				status = value !== null && value >= 1 ? 'achieved' : pastDue(period) ? 'overdue' : 'not_yet';
			else if (actual !== null && indicator.targetValue !== null && meetsTarget(actual, indicator.targetValue, indicator.direction))
				status = 'achieved';
			else if (actual !== null && expected !== null) {
				progress = progressRatio(actual, baseline, expected, indicator.direction);
				status = statusFromProgress(progress);
			} else status = 'reported';
		}
		return { periodId: period.id, ended, milestone, expected, value, hasValue, actual, progress, status };
	});

	const withValues = rows.filter((r) => r.value !== null);
	const latest = withValues.at(-1);
	const base = {
		updateOverdue: null as Assessment['updateOverdue'],
		latestValue: latest?.value ?? null,
		latestActual: latest?.actual ?? null,
		latestPeriodId: latest?.period.id ?? null,
		periods: periodAssessments
	};
	const achievementOf = (actual: number | null) =>
		actual === null || indicator.targetValue === null ? null : progressRatio(actual, baseline, indicator.targetValue, indicator.direction);

	if (indicator.measure === 'milestone') {
		const done = rows.find((r) => r.value !== null && r.value >= 1);
		if (done) return { ...base, status: 'achieved', periodId: done.period.id, actual: 1, expected: 1, progress: 1, achievement: 1 };
		const status = milestoneDue && hasEnded(milestoneDue) ? 'overdue' : 'not_yet';
		return { ...base, status, periodId: milestoneDue?.id ?? null, actual: latest ? 0 : null, expected: 1, progress: 0, achievement: 0 };
	}

	// The periods an indicator is judged at: every reporting period, unless milestones were set,
	// in which case those with a milestone (an annual indicator gets one a year) and those with an
	// approved value. So a period with neither is not "no data", and a value is never ignored.
	const hasMilestones = periods.some((p) => input.targets.has(p.id));
	// After an extension (issue 22) every period past the original end is due as well: the line runs
	// on from the last milestone to the end target, and a value is expected each period.
	const extendedFrom = input.programme.originalEndDate;
	const due = periods.filter(
		(p, i) =>
			hasEnded(p) &&
			(!hasMilestones || input.targets.has(p.id) || rows[i]!.hasValue || (extendedFrom !== undefined && p.endDate > extendedFrom))
	);
	const current = due.at(-1);
	if (!current) return { ...base, status: 'not_started', periodId: null, actual: null, expected: null, progress: null, achievement: null };

	// Judged at the latest due period that has an approved value; when the latest due period
	// itself has none, the indicator is also marked "update overdue" for that period.
	const currentIndex = periods.indexOf(current);
	const updateOverdue = rows[currentIndex]!.hasValue ? null : { periodId: current.id };
	const judgedPeriod = [...due].reverse().find((p) => rows[periods.indexOf(p)]!.hasValue);
	const flagged = { ...base, updateOverdue };

	if (indicator.measure === 'qualitative') {
		return {
			...flagged,
			status: judgedPeriod ? 'reported' : 'no_data',
			periodId: (judgedPeriod ?? current).id,
			actual: null,
			expected: null,
			progress: null,
			achievement: null
		};
	}

	const index = judgedPeriod ? periods.indexOf(judgedPeriod) : currentIndex;
	const row = rows[index]!;
	const assessed = periodAssessments[index]!;
	if (!judgedPeriod || row.actual === null) {
		// No ended period has an approved value: only then is there no data.
		return {
			...flagged,
			status: 'no_data',
			periodId: current.id,
			actual: null,
			expected: periodAssessments[currentIndex]!.expected,
			progress: null,
			achievement: null
		};
	}
	if (indicator.targetValue !== null && meetsTarget(row.actual, indicator.targetValue, indicator.direction)) {
		return {
			...flagged,
			status: 'achieved',
			periodId: judgedPeriod.id,
			actual: row.actual,
			expected: assessed.expected,
			progress: assessed.progress ?? 1,
			achievement: achievementOf(row.actual)
		};
	}
	if (assessed.expected === null) {
		return {
			...flagged,
			status: 'reported',
			periodId: judgedPeriod.id,
			actual: row.actual,
			expected: null,
			progress: null,
			achievement: null
		};
	}
	const progress = progressRatio(row.actual, baseline, assessed.expected, indicator.direction);
	return {
		...flagged,
		status: statusFromProgress(progress),
		periodId: judgedPeriod.id,
		actual: row.actual,
		expected: assessed.expected,
		progress,
		achievement: achievementOf(row.actual)
	};
}

/**
 * The status the indicator's period would get if `value` were approved for it: the server asks
 * this before saving, because a value that leaves the indicator at risk or off track (or a
 * milestone overdue) must come with a narrative.
 */
export function statusIfApproved(input: StatusInput, periodId: number, value: number | null): IndicatorStatus | null {
	const approved = new Map(input.approved);
	approved.set(periodId, value);
	const assessment = assessIndicator({ ...input, approved });
	return assessment.periods.find((p) => p.periodId === periodId)?.status ?? null;
}

export function needsNarrative(status: IndicatorStatus | null): boolean {
	return status === 'at_risk' || status === 'off_track' || status === 'overdue';
}

/** How a status chip looks: a tone and a symbol (the word itself comes from the catalogue). */
export const STATUS_LOOK: Record<IndicatorStatus, { tone: Tone; symbol: string }> = {
	achieved: { tone: 'ok', symbol: '✔' },
	on_track: { tone: 'ok', symbol: '●' },
	at_risk: { tone: 'warn', symbol: '▲' },
	off_track: { tone: 'bad', symbol: '✖' },
	no_data: { tone: 'muted', symbol: '?' },
	not_started: { tone: 'muted', symbol: '○' },
	not_yet: { tone: 'info', symbol: '◷' },
	overdue: { tone: 'bad', symbol: '!' },
	reported: { tone: 'info', symbol: '✎' }
};
