import type { LocalizedText } from '$lib/content-language';
import {
	closedBand,
	countClosed,
	countLikelihoods,
	programmeClosed,
	type ClosedBand,
	type Forecast,
	type ForecastBand
} from '$lib/indicator-forecast';
import type { IsoDate, Measure } from '$lib/model';
import type { ProgrammeAssessment } from '../results/assessment';

// The dashboard's "will the targets be reached?" tile: the forecasts the assessment already made,
// counted per band, with the indicators that will probably miss their target and why. Once the
// (revised) end date has passed (issue 25) it speaks of the final result: reached or missed.

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
	/** True when the end date has passed: the tile reads `closedCounts` and `missed` instead. */
	closed: boolean;
	closedCounts: Record<ClosedBand, number>;
	/** A closed programme's indicators that missed their end target, in logframe order. */
	missed: ForecastTileRow[];
}

/** `asOf` is the date the forecasts were judged at (today on the dashboard). */
export function forecastTile(
	assessed: ProgrammeAssessment,
	endDate: IsoDate,
	title: (indicator: { id: number; title: string }) => LocalizedText,
	asOf: IsoDate
): ForecastTile {
	const numeric = assessed.indicators.filter((i) => i.measure === 'number' || i.measure === 'percentage');
	const forecasts = numeric.map((i) => assessed.forecasts.get(i.id)!);
	const rows = (keep: (f: Forecast) => boolean): ForecastTileRow[] =>
		numeric
			.filter((i) => keep(assessed.forecasts.get(i.id)!))
			.map((i) => ({
				id: i.id,
				code: i.code,
				title: title(i),
				measure: i.measure,
				decimals: i.decimals,
				forecast: assessed.forecasts.get(i.id)!
			}));
	const closed = programmeClosed(endDate, asOf);
	return {
		endDate,
		counts: countLikelihoods(forecasts),
		unlikely: closed ? [] : rows((f) => f.kind === 'projected' && f.likelihood === 'unlikely'),
		closed,
		closedCounts: countClosed(forecasts),
		missed: closed ? rows((f) => closedBand(f) === 'missed') : []
	};
}
