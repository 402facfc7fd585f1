import { defineMessages } from '../define';

// Messages of the report editor and preview at scale (issue 18 §3): long tables read a part at a
// time, the citation search, and the missing translations a page at a time.
export const reportScreens = defineMessages(
	{
		'reports.parts.nav': 'Partes de la tabla «{caption}»',
		'reports.parts.showing': 'Filas {first}–{last} de {rows} (parte {part} de {count}).',
		'reports.parts.previous': 'Parte anterior',
		'reports.parts.next': 'Parte siguiente',
		'reports.parts.groups': 'Ir al módulo',
		'reports.parts.goTo': 'Parte a mostrar',
		'reports.parts.option': 'Filas {first}–{last}',
		'reports.parts.show': 'Mostrar',
		'reports.parts.printNote': 'La vista previa muestra la tabla por partes; el PDF y el DOCX imprimen todas sus filas.',
		'reports.citeSubmit': 'Buscar',
		'reports.citeCount': '{shown} de {total} registros coinciden.',
		'reports.citeRefine': 'Escriba más palabras para acotar la búsqueda.',
		'reports.citeSearching': 'Buscando…',
		'reports.missingPage': 'Página {page} de {pages} ({total} textos).',
		'reports.missingPrevious': 'Página anterior',
		'reports.missingNext': 'Página siguiente'
	},
	{
		'reports.parts.nav': 'Parts of the table “{caption}”',
		'reports.parts.showing': 'Rows {first}–{last} of {rows} (part {part} of {count}).',
		'reports.parts.previous': 'Previous part',
		'reports.parts.next': 'Next part',
		'reports.parts.groups': 'Go to module',
		'reports.parts.goTo': 'Part to show',
		'reports.parts.option': 'Rows {first}–{last}',
		'reports.parts.show': 'Show',
		'reports.parts.printNote': 'The preview shows the table in parts; the PDF and the DOCX print every row.',
		'reports.citeSubmit': 'Search',
		'reports.citeCount': '{shown} of {total} records match.',
		'reports.citeRefine': 'Type more words to narrow the search.',
		'reports.citeSearching': 'Searching…',
		'reports.missingPage': 'Page {page} of {pages} ({total} texts).',
		'reports.missingPrevious': 'Previous page',
		'reports.missingNext': 'Next page'
	}
);
