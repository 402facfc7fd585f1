import { reachedAtClose, type Forecast } from '$lib/indicator-forecast';
import type { Measure } from '$lib/model';
import type { I18n } from './context';
import { formatMeasureValue } from './measure-format';

// The forecast in words: one sentence that says how the projection was made, the pace so far and
// the pace needed, and the band. Shared by the indicator page, the dashboard and the reports.

type Shown = { measure: Measure; decimals?: number };

/** An amount of change: percentage points for a rate, with a decimal when it is small. */
function paceAmount(i18n: I18n, pace: number, indicator: Shown): string {
	const n = i18n.number(pace, Math.max(indicator.decimals ?? 0, Math.abs(pace) < 10 ? 1 : 0));
	return indicator.measure === 'percentage' ? i18n.t('forecast.points', { value: n }) : n;
}

/** A pace as the indicator reads it: "1.200 al año", "2,5 pp a year", "150 per period". */
/** The pace needed against the pace so far, in one cell: "needed 1.200 al año · so far 800 al año". */
export function formatPaces(i18n: I18n, forecast: Forecast, indicator: Shown): string {
	if (forecast.kind === 'none') return i18n.t('common.none');
	return i18n.t('forecast.paces', {
		needed: formatPace(i18n, forecast.paceNeeded, indicator, forecast.paceUnit),
		soFar: formatPace(i18n, forecast.paceSoFar, indicator, forecast.paceUnit)
	});
}

export function formatPace(i18n: I18n, pace: number | null, indicator: Shown, unit: 'year' | 'period'): string {
	if (pace === null) return i18n.t('common.none');
	const value = paceAmount(i18n, pace, indicator);
	return unit === 'year' ? i18n.t('forecast.perYear', { value }) : i18n.t('forecast.perPeriod', { value });
}

/** The one-sentence explanation of a forecast (or why there is none). */
export function forecastSentence(i18n: I18n, forecast: Forecast, indicator: Shown): string {
	if (forecast.kind === 'none') return i18n.td(`forecast.none.${forecast.reason}`);
	const projected = formatMeasureValue(i18n, forecast.projected, indicator);
	// Once the end date has passed, the target was reached or missed: nothing is "unlikely" any more.
	if (forecast.closed && forecast.target !== null) {
		const reached = closedReached(forecast);
		const args = { projected, target: formatMeasureValue(i18n, forecast.target, indicator), end: i18n.date(forecast.endDate) };
		if (forecast.final) return i18n.t(reached ? 'forecast.explain.closedReached' : 'forecast.explain.closedMissed', args);
		return i18n.t(reached ? 'forecast.explain.closedEstimateReached' : 'forecast.explain.closedEstimateMissed', args);
	}
	// A final value is judged against the target: the sentence names it, so the band has its reason.
	if (forecast.final)
		return forecast.target === null
			? i18n.t('forecast.explain.final', { projected })
			: i18n.t('forecast.explain.finalTarget', { projected, target: formatMeasureValue(i18n, forecast.target, indicator) });
	const pace = (value: number) => paceAmount(i18n, value, indicator);
	const end = i18n.date(forecast.endDate);
	switch (forecast.method) {
		case 'cumulative_pace':
			return i18n.t('forecast.explain.cumulative_pace', {
				since: i18n.date(forecast.sinceDate),
				pace: pace(forecast.paceSoFar),
				projected,
				end
			});
		case 'trend':
			return i18n.t('forecast.explain.trend', { count: forecast.basedOn, pace: pace(forecast.paceSoFar), projected, end });
		default:
			return i18n.t('forecast.explain.period_average', { count: forecast.basedOn, projected });
	}
}

/** Whether a closed programme's indicator reached its target (the forecast module's one rule). */
const closedReached = (forecast: Forecast & { kind: 'projected' }) => reachedAtClose(forecast);

/** The band in words: "Unlikely to reach its target", or why there is no judgement. */
export function forecastLikelihoodText(i18n: I18n, forecast: Forecast): string {
	if (forecast.kind === 'none') return i18n.t('forecast.likelihood.none');
	if (forecast.likelihood === null) return i18n.t('forecast.noTarget');
	if (forecast.closed) return i18n.t(closedReached(forecast) ? 'forecast.closed.reached' : 'forecast.closed.missed');
	return i18n.td(`forecast.likelihood.${forecast.likelihood}`);
}
