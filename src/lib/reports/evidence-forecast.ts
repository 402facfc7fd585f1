import { countLikelihoods, LIKELIHOOD_LOOK } from '$lib/indicator-forecast';
import { forecastLikelihoodText, forecastSentence, formatPaces } from '$lib/i18n/forecast-text';
import type { ComposeContext } from './compose-context';
import type { DocBlock, DocRow } from './document';

// "Likelihood of reaching the targets" (the EU interim report's first question): the forecasts the
// snapshot froze at the cut-off, counted per band, then one row per indicator with the reason.
// Nothing is projected here: the status module did it when the snapshot was built.

export function targetsLikelihood(ctx: ComposeContext, id: string): DocBlock[] {
	const { t } = ctx;
	const byKey = new Map(ctx.snapshot.indicators.map((i) => [i.key, i]));
	const entries = (ctx.snapshot.forecasts ?? []).filter((f) => f.forecast.kind === 'projected' && byKey.has(f.indicatorKey));
	if (!entries.length) return [{ type: 'note', inlines: ctx.text(t('forecast.report.none')) }];
	const counts = countLikelihoods(entries.map((e) => e.forecast));
	const rows: DocRow[] = entries.map(({ indicatorKey, forecast }) => {
		const i = byKey.get(indicatorKey)!;
		const likelihood = forecast.kind === 'projected' ? forecast.likelihood : null;
		const symbol = likelihood ? `${LIKELIHOOD_LOOK[likelihood].symbol} ` : '';
		return {
			type: 'row',
			cells: [
				[ctx.ref(i.code, i.key)],
				ctx.loc(i.title, i.key, 'title'),
				[ctx.ref(ctx.typed(i, i.endTarget), i.key)],
				ctx.text(ctx.value(i, forecast.kind === 'projected' ? forecast.projected : null)),
				ctx.text(`${symbol}${forecastLikelihoodText(ctx.i18n, forecast)}`),
				ctx.text(formatPaces(ctx.i18n, forecast, i)),
				ctx.text(forecastSentence(ctx.i18n, forecast, i))
			]
		};
	});
	return [
		{
			type: 'paragraph',
			inlines: ctx.text(
				t('forecast.report.summary', {
					total: entries.length,
					likely: counts.likely,
					close: counts.close,
					mayMiss: counts.may_miss,
					unlikely: counts.unlikely
				}) + (counts.no_target ? ` ${t('forecast.report.noTarget', { count: counts.no_target })}` : '')
			)
		},
		{
			type: 'table',
			table: {
				id,
				caption: t('reportDoc.block.targets_likelihood'),
				columns: [
					{ label: t('reportDoc.col.code'), numeric: false },
					{ label: t('reportDoc.col.indicator'), numeric: false },
					{ label: t('reportDoc.col.target'), numeric: true },
					{ label: t('forecast.col.projected'), numeric: true },
					{ label: t('forecast.col.likelihood'), numeric: false },
					{ label: t('forecast.col.paces'), numeric: false },
					{ label: t('forecast.col.reason'), numeric: false }
				],
				rows
			}
		}
	];
}
