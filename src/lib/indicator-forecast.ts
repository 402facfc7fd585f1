import { aggregateSeries, meetsTarget, progressRatio, statusFromProgress, type StatusInput } from './indicator-status';
import type { IsoDate } from './model';

// The forecast of design §3, part of the status module (it uses its bands and aggregation and
// nothing else): where an indicator will land at the (revised) end date if it keeps the pace its
// approved values show. Pages, the dashboard, the IPTT, the API and the reports read it from here.

export const FORECAST_METHODS = ['cumulative_pace', 'trend', 'period_average'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

/**
 * The band the projection falls in, judged against the end target with the status bands:
 * reaches the target; close (the on-track band); may miss (at risk); unlikely (off track).
 */
export const FORECAST_LIKELIHOODS = ['likely', 'close', 'may_miss', 'unlikely'] as const;
export type ForecastLikelihood = (typeof FORECAST_LIKELIHOODS)[number];

/** No forecast; `basedOn` still says how many approved values there are (one is not enough). */
export type ForecastNone = { kind: 'none'; reason: 'not_numeric' | 'too_few_values'; basedOn: number };

export interface ForecastProjected {
	kind: 'projected';
	method: ForecastMethod;
	/** How many approved values it rests on (two at least). */
	basedOn: number;
	/** The start of the first period with an approved value: where the pace is counted from. */
	sinceDate: IsoDate;
	/** The end of the period of the latest approved value: where the projection starts. */
	fromDate: IsoDate;
	/** The actual there, aggregated the indicator's way. */
	fromValue: number;
	/** The (revised) end date: never projected past it. */
	endDate: IsoDate;
	projected: number;
	/** True when the latest value is already at the end date: nothing left to project. */
	final: boolean;
	/** True when the (revised) end date has passed at the judging date: the target was reached or missed. */
	closed: boolean;
	/** Per year (cumulative pace, trend) or per period (period average): see `paceUnit`. */
	paceSoFar: number;
	/** What it takes from here to reach the end target; null without a target or time left. */
	paceNeeded: number | null;
	paceUnit: 'year' | 'period';
	target: number | null;
	/** (projected − baseline) / (target − baseline); null without a target. */
	progress: number | null;
	likelihood: ForecastLikelihood | null;
}

export type Forecast = ForecastNone | ForecastProjected;

const DAY = 86_400_000;
const YEAR_DAYS = 365.25;
const toTime = (date: IsoDate) => Date.parse(`${date}T00:00:00Z`);
const years = (from: number, to: number) => (to - from) / DAY / YEAR_DAYS;

/** True when the forecast says the indicator will probably miss its target (off-track band). */
export function isUnlikely(forecast: Forecast | null | undefined): boolean {
	return forecast?.kind === 'projected' && forecast.likelihood === 'unlikely';
}

/** The band of a projected value against the end target, with the status module's thresholds. */
export function likelihoodOf(
	projected: number,
	baseline: number,
	target: number,
	direction: StatusInput['indicator']['direction']
): { progress: number; likelihood: ForecastLikelihood } {
	const progress = progressRatio(projected, baseline, target, direction);
	if (meetsTarget(projected, target, direction)) return { progress, likelihood: 'likely' };
	const band = statusFromProgress(progress);
	return { progress, likelihood: band === 'on_track' ? 'close' : band === 'at_risk' ? 'may_miss' : 'unlikely' };
}

/**
 * The forecast from the approved values of the periods that have ended by `asOf`:
 * - cumulative: the running total grows at its average pace since the first approved period began;
 * - latest value: the least-squares line through the approved values, read at the end date;
 * - per period: each period stands alone, so the last one is expected at the average so far.
 * Never from fewer than two approved values; never past the programme's (revised) end.
 */
export function forecastIndicator(input: StatusInput): Forecast {
	const { indicator } = input;
	if (indicator.measure !== 'number' && indicator.measure !== 'percentage') return { kind: 'none', reason: 'not_numeric', basedOn: 0 };
	const asOf = toTime(input.asOf);
	const periods = [...input.periods].sort((a, b) => a.startDate.localeCompare(b.startDate));
	const raw = periods.map((p) => (toTime(p.endDate) < asOf && input.approved.has(p.id) ? (input.approved.get(p.id) ?? null) : null));
	const actuals = aggregateSeries(indicator.aggregation, raw);
	const points = periods
		.map((p, i) => ({ period: p, value: raw[i]!, actual: actuals[i]! }))
		.filter((r): r is { period: (typeof periods)[number]; value: number; actual: number } => r.value !== null && r.actual !== null);
	if (points.length < 2) return { kind: 'none', reason: 'too_few_values', basedOn: points.length };

	const end = toTime(input.programme.endDate);
	const last = points.at(-1)!;
	const from = Math.min(toTime(last.period.endDate), end);
	const left = Math.max(0, years(from, end));
	const final = left === 0;
	let projected: number;
	let paceSoFar: number;
	let paceUnit: ForecastProjected['paceUnit'] = 'year';
	let method: ForecastMethod;

	if (indicator.aggregation === 'cumulative') {
		method = 'cumulative_pace';
		const spent = years(toTime(points[0]!.period.startDate), from);
		paceSoFar = spent > 0 ? last.actual / spent : 0;
		projected = last.actual + paceSoFar * left;
	} else if (indicator.aggregation === 'latest') {
		method = 'trend';
		const xs = points.map((p) => years(toTime(points[0]!.period.endDate), toTime(p.period.endDate)));
		const ys = points.map((p) => p.value);
		const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
		const my = ys.reduce((a, b) => a + b, 0) / ys.length;
		const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
		paceSoFar = sxx > 0 ? xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / sxx : 0;
		// Read the line at the end date; once the end has come, the latest value is the final one.
		projected = final ? last.value : my + paceSoFar * (years(toTime(points[0]!.period.endDate), end) - mx);
	} else {
		method = 'period_average';
		paceUnit = 'period';
		paceSoFar = points.reduce((a, p) => a + p.value, 0) / points.length;
		projected = final ? last.value : paceSoFar;
	}
	// A trend must not run below zero (a count or rate cannot) nor a rate past 100 %.
	const observedNonNegative = points.every((p) => p.value >= 0);
	if (observedNonNegative) projected = Math.max(0, projected);
	if (indicator.measure === 'percentage' && points.every((p) => p.value <= 100)) projected = Math.min(100, projected);

	const target = indicator.targetValue;
	let paceNeeded: number | null = null;
	if (target !== null && !final) {
		const now = method === 'trend' ? last.value : last.actual;
		if (paceUnit === 'period') paceNeeded = target;
		// A target already met needs no more pace (never a negative "needed").
		else paceNeeded = meetsTarget(now, target, indicator.direction) ? 0 : (target - now) / left;
	}
	const judged = target === null ? null : likelihoodOf(projected, indicator.baselineValue ?? 0, target, indicator.direction);
	return {
		kind: 'projected',
		method,
		basedOn: points.length,
		sinceDate: points[0]!.period.startDate,
		fromDate: new Date(from).toISOString().slice(0, 10),
		fromValue: method === 'trend' || method === 'period_average' ? last.value : last.actual,
		endDate: input.programme.endDate,
		projected,
		final,
		closed: programmeClosed(input.programme.endDate, input.asOf),
		paceSoFar,
		paceNeeded,
		paceUnit,
		target,
		progress: judged?.progress ?? null,
		likelihood: judged?.likelihood ?? null
	};
}

/**
 * The band a forecast is counted in: its likelihood; `no_target` for a projection without an end
 * target to judge it against (it has a forecast, so it is not "no forecast"); `none` without one.
 */
export type ForecastBand = ForecastLikelihood | 'no_target' | 'none';
export const FORECAST_BANDS = [...FORECAST_LIKELIHOODS, 'no_target', 'none'] as const;

export function forecastBand(forecast: Forecast): ForecastBand {
	if (forecast.kind !== 'projected') return 'none';
	return forecast.likelihood ?? 'no_target';
}

/** How many indicators fall in each band (the dashboard tile, the report, the API's summary). */
export function countLikelihoods(forecasts: Iterable<Forecast>): Record<ForecastBand, number> {
	const counts: Record<ForecastBand, number> = { likely: 0, close: 0, may_miss: 0, unlikely: 0, no_target: 0, none: 0 };
	for (const f of forecasts) counts[forecastBand(f)]++;
	return counts;
}

/** How a likelihood chip looks: a tone and a symbol, the word from the catalogue. */
export const LIKELIHOOD_LOOK: Record<ForecastLikelihood, { tone: 'ok' | 'warn' | 'bad'; symbol: string }> = {
	likely: { tone: 'ok', symbol: '✔' },
	close: { tone: 'ok', symbol: '●' },
	may_miss: { tone: 'warn', symbol: '▲' },
	unlikely: { tone: 'bad', symbol: '✖' }
};

/**
 * The forecast laid on a per-period axis: the latest actual at its period and the projection at
 * the end date, null elsewhere (a chart joins the two with a line). When no period ends on the end
 * date (a revised end after the last period), the axis gets a slot of its own for the end date,
 * right after the last period that ends before it: `endSlot` says where, and the chart puts a
 * null there in every other series.
 */
export function forecastSeries(
	periods: readonly { endDate: IsoDate }[],
	forecast: Forecast
): { values: (number | null)[]; endSlot: { index: number; date: IsoDate } | null } | null {
	if (forecast.kind !== 'projected' || forecast.final) return null;
	const fromIndex = periods.findIndex((p) => p.endDate === forecast.fromDate);
	let endIndex = -1;
	periods.forEach((p, i) => {
		if (p.endDate <= forecast.endDate) endIndex = i;
	});
	if (fromIndex < 0 || endIndex < fromIndex) return null;
	if (periods[endIndex]!.endDate === forecast.endDate) {
		if (endIndex === fromIndex) return null;
		return {
			values: periods.map((_, i) => (i === fromIndex ? forecast.fromValue : i === endIndex ? forecast.projected : null)),
			endSlot: null
		};
	}
	const index = endIndex + 1;
	const values: (number | null)[] = periods.map((_, i) => (i === fromIndex ? forecast.fromValue : null));
	values.splice(index, 0, forecast.projected);
	return { values, endSlot: { index, date: forecast.endDate } };
}

/** A series laid on the forecast's axis: a null in the end date's own slot, when there is one. */
export function onForecastAxis<T>(series: readonly T[], endSlot: { index: number } | null | undefined, empty: T): T[] {
	if (!endSlot) return [...series];
	const out = [...series];
	out.splice(endSlot.index, 0, empty);
	return out;
}

/**
 * Whether the (revised) end date has passed at `asOf`: from then on an indicator's target was
 * reached or missed, and nothing is "likely" or "unlikely" any more (issue 25).
 */
export function programmeClosed(endDate: IsoDate, asOf: IsoDate): boolean {
	return toTime(asOf) > toTime(endDate);
}

/** A closed programme's indicator, judged at the end: reached, missed, no end target, or no value to judge. */
export const CLOSED_BANDS = ['reached', 'missed', 'no_target', 'none'] as const;
export type ClosedBand = (typeof CLOSED_BANDS)[number];

/** Reached at the close: the "likely" band is exactly the status module's "meets the target". */
export function reachedAtClose(forecast: Forecast): boolean {
	return forecast.kind === 'projected' && forecast.likelihood === 'likely';
}

export function closedBand(forecast: Forecast): ClosedBand {
	if (forecast.kind !== 'projected') return 'none';
	if (forecast.likelihood === null) return 'no_target';
	return reachedAtClose(forecast) ? 'reached' : 'missed';
}

/** How many of a closed programme's indicators fall in each band (the dashboard tile). */
export function countClosed(forecasts: Iterable<Forecast>): Record<ClosedBand, number> {
	const counts: Record<ClosedBand, number> = { reached: 0, missed: 0, no_target: 0, none: 0 };
	for (const f of forecasts) counts[closedBand(f)]++;
	return counts;
}

/** How a closed band looks: a tone and a symbol beside its word, never colour alone. */
export const CLOSED_LOOK: Record<'reached' | 'missed', { tone: 'ok' | 'bad'; symbol: string }> = {
	reached: { tone: 'ok', symbol: '✔' },
	missed: { tone: 'bad', symbol: '✖' }
};
