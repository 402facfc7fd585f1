import { defineMessages } from '../define';

// Reading the programme as it stood at a date (issue 19): the dashboard's "as of" control and the
// read API's endpoints whose `?asOf=` rewinds activities and gender actions.
export const asOfMessages = defineMessages(
	{
		'apiDocs.e.activities': 'Las actividades del marco lógico, con su estado y fechas (con ?asOf=, tal como estaban en esa fecha).',
		'apiDocs.e.genderActions': 'Las acciones de género, con su estado y fechas (con ?asOf=, tal como estaban en esa fecha).',
		'dashboard.asOfControl.legend': 'Ver el tablero en otra fecha',
		'dashboard.asOfControl.label': 'Situación al',
		'dashboard.asOfControl.hint': 'Entre el {start} y el {end}. Todas las cifras se leen tal como estaban ese día.',
		'dashboard.asOfControl.show': 'Ver',
		'dashboard.asOfControl.today': 'Volver a hoy',
		'dashboard.asOfControl.invalid': 'Escriba una fecha real (AAAA-MM-DD).',
		'dashboard.asOfControl.outside': 'Elija una fecha entre el {start} y el {end}.',
		'dashboard.asOfControl.banner': 'Tablero tal como estaba al {date}',
		'dashboard.asOfControl.bannerText':
			'Estados, metas, riesgos, recomendaciones y acciones de género se leen como estaban ese día; lo registrado después no cuenta.'
	},
	{
		'apiDocs.e.activities': 'The logframe’s activities, with their status and dates (with ?asOf=, as they stood on that date).',
		'apiDocs.e.genderActions': 'The gender actions, with their status and dates (with ?asOf=, as they stood on that date).',
		'dashboard.asOfControl.legend': 'See the dashboard at another date',
		'dashboard.asOfControl.label': 'As of',
		'dashboard.asOfControl.hint': 'Between {start} and {end}. Every figure is read as it stood on that day.',
		'dashboard.asOfControl.show': 'Show',
		'dashboard.asOfControl.today': 'Back to today',
		'dashboard.asOfControl.invalid': 'Enter a real date (YYYY-MM-DD).',
		'dashboard.asOfControl.outside': 'Choose a date between {start} and {end}.',
		'dashboard.asOfControl.banner': 'Dashboard as of {date}',
		'dashboard.asOfControl.bannerText':
			'Statuses, targets, risks, recommendations and gender actions read as they stood that day; nothing recorded later counts.'
	}
);
