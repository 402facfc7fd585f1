import { defineMessages } from '../define';

// The forecast of design §3: where each indicator is heading, in the reader's language.
export const forecast = defineMessages(
	{
		'forecast.title': 'Proyección al cierre',
		'forecast.intro': 'Dónde llegaría el indicador en la fecha de cierre si mantiene el ritmo de sus valores aprobados.',
		'forecast.line': 'Proyección',
		'forecast.projected': 'Valor proyectado al cierre',
		'forecast.from': 'Último valor aprobado',
		'forecast.endDate': 'Fecha de cierre',
		'forecast.paceSoFar': 'Ritmo hasta ahora',
		'forecast.paceNeeded': 'Ritmo necesario para la meta',
		'forecast.likelihood': 'Probabilidad de alcanzar la meta',
		'forecast.perYear': '{value} al año',
		'forecast.perPeriod': '{value} por periodo',
		'forecast.points': '{value} p. p.',
		'forecast.noTarget': 'Sin meta final: no se puede juzgar',
		'forecast.tableCaption': 'Proyección de {code}: del último valor aprobado a la fecha de cierre',
		'forecast.likelihood.likely': 'Probablemente alcanzará su meta',
		'forecast.likelihood.close': 'Cerca de su meta',
		'forecast.likelihood.may_miss': 'Podría no alcanzar su meta',
		'forecast.likelihood.unlikely': 'Es poco probable que alcance su meta',
		'forecast.likelihood.none': 'Sin proyección',
		'forecast.explain.cumulative_pace':
			'Al ritmo medio registrado desde {since} ({pace} al año), el total acumulado llegaría a {projected} el {end}.',
		'forecast.explain.trend': 'La recta que mejor se ajusta a los {count} valores aprobados ({pace} al año) llega a {projected} el {end}.',
		'forecast.explain.period_average':
			'Cada periodo cuenta por sí solo: el último se proyecta en la media de los {count} valores aprobados, {projected}.',
		'forecast.explain.final': 'El último valor aprobado llega a la fecha de cierre: {projected} es el valor final.',
		'forecast.none.too_few_values': 'Sin proyección: hacen falta al menos dos valores aprobados.',
		'forecast.none.not_numeric': 'Los hitos y los indicadores cualitativos no tienen proyección.',
		'forecast.tile.title': '¿Se alcanzarán las metas?',
		'forecast.tile.intro': 'Proyección de cada indicador al cierre ({end}) al ritmo de sus valores aprobados.',
		'forecast.tile.unlikely': 'Indicadores que probablemente no alcancen su meta',
		'forecast.tile.noneUnlikely': 'Ningún indicador con proyección queda en la franja «fuera de curso».',
		'forecast.tile.band': 'Proyección',
		'forecast.tile.count': 'Indicadores',
		'forecast.report.title': 'Probabilidad de alcanzar las metas',
		'forecast.report.intro':
			'Proyección de cada indicador con al menos dos valores aprobados a la fecha de cierre, al ritmo que implica su agregación.',
		'forecast.report.summary':
			'Indicadores con proyección: {total}. Alcanzarían su meta: {likely}; quedarían cerca: {close}; podrían no alcanzarla: {mayMiss}; probablemente no la alcancen: {unlikely}.',
		'forecast.report.none': 'Ningún indicador tiene aún dos valores aprobados: no hay proyección.',
		'reportDoc.block.targets_likelihood': 'Probabilidad de alcanzar las metas',
		'forecast.col.projected': 'Proyectado al cierre',
		'forecast.col.likelihood': 'Probabilidad',
		'forecast.col.reason': 'Por qué',
		'forecast.explain.finalTarget':
			'El último valor aprobado llega a la fecha de cierre: {projected} es el valor final, frente a una meta de {target}.',
		'forecast.band.no_target': 'Con proyección, sin meta final',
		'forecast.explain.closedReached': 'El programa terminó el {end}: el valor final, {projected}, alcanzó la meta de {target}.',
		'forecast.explain.closedMissed': 'El programa terminó el {end}: el valor final, {projected}, no alcanzó la meta de {target}.',
		'forecast.explain.closedEstimateReached':
			'El programa terminó el {end} sin valor aprobado para su último periodo: al ritmo de sus valores habría cerrado en {projected}, con la meta de {target} alcanzada.',
		'forecast.explain.closedEstimateMissed':
			'El programa terminó el {end} sin valor aprobado para su último periodo: al ritmo de sus valores habría cerrado en {projected}, sin alcanzar la meta de {target}.',
		'forecast.closed.reached': 'Meta alcanzada',
		'forecast.closed.missed': 'Meta no alcanzada',
		'forecast.paces': 'necesario: {needed}; hasta ahora: {soFar}',
		'forecast.col.paces': 'Ritmo necesario frente al ritmo hasta ahora',
		'forecast.report.noTarget': 'Con proyección pero sin meta final (no se puede juzgar): {count}.'
	},
	{
		'forecast.title': 'Forecast at the end date',
		'forecast.intro': 'Where the indicator would stand at the end date if it keeps the pace of its approved values.',
		'forecast.line': 'Forecast',
		'forecast.projected': 'Projected value at the end',
		'forecast.from': 'Latest approved value',
		'forecast.endDate': 'End date',
		'forecast.paceSoFar': 'Pace so far',
		'forecast.paceNeeded': 'Pace needed for the target',
		'forecast.likelihood': 'Likelihood of reaching the target',
		'forecast.perYear': '{value} a year',
		'forecast.perPeriod': '{value} per period',
		'forecast.points': '{value} pp',
		'forecast.noTarget': 'No end target: cannot be judged',
		'forecast.tableCaption': 'Forecast of {code}: from the latest approved value to the end date',
		'forecast.likelihood.likely': 'Likely to reach its target',
		'forecast.likelihood.close': 'Close to its target',
		'forecast.likelihood.may_miss': 'May miss its target',
		'forecast.likelihood.unlikely': 'Unlikely to reach its target',
		'forecast.likelihood.none': 'No forecast',
		'forecast.explain.cumulative_pace':
			'At the average pace recorded since {since} ({pace} a year), the running total would reach {projected} by {end}.',
		'forecast.explain.trend': 'The straight line that best fits the {count} approved values ({pace} a year) reaches {projected} by {end}.',
		'forecast.explain.period_average':
			'Each period stands on its own: the last one is projected at the average of the {count} approved values, {projected}.',
		'forecast.explain.final': 'The latest approved value reaches the end date: {projected} is the final value.',
		'forecast.none.too_few_values': 'No forecast: it takes at least two approved values.',
		'forecast.none.not_numeric': 'Milestones and qualitative indicators have no forecast.',
		'forecast.tile.title': 'Will the targets be reached?',
		'forecast.tile.intro': 'Each indicator projected to the end date ({end}) at the pace of its approved values.',
		'forecast.tile.unlikely': 'Indicators unlikely to reach their target',
		'forecast.tile.noneUnlikely': 'No indicator with a forecast falls in the off-track band.',
		'forecast.tile.band': 'Forecast',
		'forecast.tile.count': 'Indicators',
		'forecast.report.title': 'Likelihood of reaching the targets',
		'forecast.report.intro':
			'Each indicator with at least two approved values projected to the end date, at the pace its aggregation implies.',
		'forecast.report.summary':
			'Indicators with a forecast: {total}. Would reach their target: {likely}; would come close: {close}; may miss it: {mayMiss}; unlikely to reach it: {unlikely}.',
		'forecast.report.none': 'No indicator has two approved values yet: there is no forecast.',
		'reportDoc.block.targets_likelihood': 'Likelihood of reaching the targets',
		'forecast.col.projected': 'Projected at the end',
		'forecast.col.likelihood': 'Likelihood',
		'forecast.col.reason': 'Why',
		'forecast.explain.finalTarget':
			'The latest approved value reaches the end date: {projected} is the final value, against a target of {target}.',
		'forecast.band.no_target': 'Forecast, no end target',
		'forecast.explain.closedReached': 'The programme ended on {end}: the final value, {projected}, reached the target of {target}.',
		'forecast.explain.closedMissed': 'The programme ended on {end}: the final value, {projected}, missed the target of {target}.',
		'forecast.explain.closedEstimateReached':
			'The programme ended on {end} with no approved value for its last period: at the pace of its values it would have closed at {projected}, reaching the target of {target}.',
		'forecast.explain.closedEstimateMissed':
			'The programme ended on {end} with no approved value for its last period: at the pace of its values it would have closed at {projected}, missing the target of {target}.',
		'forecast.closed.reached': 'Target reached',
		'forecast.closed.missed': 'Target missed',
		'forecast.paces': 'needed: {needed}; so far: {soFar}',
		'forecast.col.paces': 'Pace needed against the pace so far',
		'forecast.report.noTarget': 'With a forecast but no end target (cannot be judged): {count}.'
	}
);
