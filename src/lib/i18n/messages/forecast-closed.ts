import { defineMessages } from '../define';

// Issue 25: once a programme's (revised) end date has passed, the dashboard's forecast tile
// speaks of the final result — reached or missed at the end — not of a future still to come.
export const forecastClosed = defineMessages(
	{
		'forecast.tile.closedTitle': '¿Se alcanzaron las metas?',
		'forecast.tile.closedIntro':
			'El programa terminó el {end}: el valor final de cada indicador (o, sin valor aprobado para su último periodo, el estimado al ritmo de sus valores) frente a su meta final.',
		'forecast.tile.closedBand': 'Resultado al cierre',
		'forecast.tile.closedNoTarget': 'Valor final, sin meta final',
		'forecast.tile.closedNone': 'Sin valores aprobados suficientes para juzgar',
		'forecast.tile.missed': 'Indicadores que no alcanzaron su meta al cierre',
		'forecast.tile.noneMissed': 'Todos los indicadores con meta final la alcanzaron al cierre.'
	},
	{
		'forecast.tile.closedTitle': 'Were the targets reached?',
		'forecast.tile.closedIntro':
			"The programme ended on {end}: each indicator's final value (or, with no approved value for its last period, the estimate at the pace of its values) against its end target.",
		'forecast.tile.closedBand': 'Result at the end',
		'forecast.tile.closedNoTarget': 'Final value, no end target',
		'forecast.tile.closedNone': 'Too few approved values to judge',
		'forecast.tile.missed': 'Indicators that missed their target at the end',
		'forecast.tile.noneMissed': 'Every indicator with an end target reached it at the end.'
	}
);
