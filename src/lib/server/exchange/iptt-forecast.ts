import type { I18n } from '$lib/i18n/context';
import { forecastLikelihoodText, forecastSentence, formatPaces } from '$lib/i18n/forecast-text';
import { LIKELIHOOD_LOOK, type Forecast } from '$lib/indicator-forecast';
import type { Measure } from '$lib/model';
import type { Cell, Column } from './iptt-layout';

// The IPTT's forecast columns, after the periods (so every period column keeps its place): the
// projected value at the end date, the band in words, the pace needed against the pace so far
// (the status module's figures), and the one-sentence explanation.

export function forecastColumns(i18n: I18n): Column[] {
	return [
		{ key: 'forecast.projected', header: i18n.t('forecast.projected'), width: 12 },
		{ key: 'forecast.likelihood', header: i18n.t('forecast.likelihood'), width: 18 },
		{ key: 'forecast.paces', header: i18n.t('forecast.col.paces'), width: 30 },
		{ key: 'forecast.explanation', header: i18n.t('forecast.title'), width: 48 }
	];
}

export function forecastCells(
	i18n: I18n,
	forecast: Forecast,
	indicator: { measure: Measure; decimals: number },
	numFmt: string | undefined
): Cell[] {
	const tone = forecast.kind === 'projected' && forecast.likelihood ? LIKELIHOOD_LOOK[forecast.likelihood].tone : undefined;
	return [
		{ value: forecast.kind === 'projected' ? forecast.projected : null, numFmt },
		{ value: forecastLikelihoodText(i18n, forecast), ...(tone ? { tone } : {}) },
		{ value: formatPaces(i18n, forecast, indicator) },
		{ value: forecastSentence(i18n, forecast, indicator) }
	];
}
