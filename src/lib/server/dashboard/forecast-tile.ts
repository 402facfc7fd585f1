import type { LocalizedText } from '$lib/content-language';
import { countLikelihoods, type Forecast, type ForecastBand } from '$lib/indicator-forecast';
import type { IsoDate, Measure } from '$lib/model';
import type { ProgrammeAssessment } from '../results/assessment';

// The dashboard's "will the targets be reached?" tile: the forecasts the assessment already made,
// counted per band, with the indicators that will probably miss their target and why.

export interface ForecastTileRow {
	id: number;
	code: string;
	title: LocalizedText;
	measure: Measure;
	decimals: number;
	forecast: Forecast;
}

export interface ForecastTile {
	endDate: IsoDate;
	counts: Record<ForecastBand, number>;
	/** The indicators whose projection falls in the off-track band, in logframe order. */
	unlikely: ForecastTileRow[];
}

export function forecastTile(
	assessed: ProgrammeAssessment,
	endDate: IsoDate,
	title: (indicator: { id: number; title: string }) => LocalizedText
): ForecastTile {
	const numeric = assessed.indicators.filter((i) => i.measure === 'number' || i.measure === 'percentage');
	const forecasts = numeric.map((i) => assessed.forecasts.get(i.id)!);
	return {
		endDate,
		counts: countLikelihoods(forecasts),
		unlikely: numeric
			.filter((i) => {
				const f = assessed.forecasts.get(i.id)!;
				return f.kind === 'projected' && f.likelihood === 'unlikely';
			})
			.map((i) => ({
				id: i.id,
				code: i.code,
				title: title(i),
				measure: i.measure,
				decimals: i.decimals,
				forecast: assessed.forecasts.get(i.id)!
			}))
	};
}
