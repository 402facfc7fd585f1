import { forecastBand, isUnlikely, type Forecast } from '$lib/indicator-forecast';
import { createI18n } from '$lib/i18n/context';
import { forecastSentence } from '$lib/i18n/forecast-text';
import type { Locale, Measure } from '$lib/model';

// The forecast as the read API gives it: the status module's projection as flat fields, and its
// sentence in the answer's language (the pages' words, never a second wording).

export function forecastAnswer(forecast: Forecast, indicator: { measure: Measure; decimals: number }, lang: Locale) {
	const explanation = forecastSentence(
		createI18n(() => lang),
		forecast,
		indicator
	);
	if (forecast.kind === 'none')
		return {
			available: false,
			reason: forecast.reason,
			method: null,
			basedOn: forecast.basedOn,
			fromDate: null,
			endDate: null,
			projected: null,
			paceSoFar: null,
			paceNeeded: null,
			paceUnit: null,
			likelihood: null,
			band: forecastBand(forecast),
			unlikelyToReachTarget: false,
			explanation
		};
	return {
		available: true,
		reason: null,
		method: forecast.method,
		basedOn: forecast.basedOn,
		fromDate: forecast.fromDate,
		endDate: forecast.endDate,
		projected: forecast.projected,
		paceSoFar: forecast.paceSoFar,
		paceNeeded: forecast.paceNeeded,
		paceUnit: forecast.paceUnit,
		likelihood: forecast.likelihood,
		band: forecastBand(forecast),
		unlikelyToReachTarget: isUnlikely(forecast),
		explanation
	};
}
