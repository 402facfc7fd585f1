import { defineMessages } from '../define';

// Words of the issued files as readers open them (issue 19): the link from the PDF and DOCX to the
// accessible HTML edition of the same issue, and that edition's page.
export const reportFiles = defineMessages(
	{
		'reportDoc.fact.htmlEdition': 'Edición accesible (HTML)',
		'reports.edition.title': 'Emisión n.º {n} · edición accesible',
		'reports.edition.intro':
			'El mismo texto, las mismas cifras y los mismos enlaces que los archivos de esta emisión, como página web: se lee con lector de pantalla, se amplía y se navega por sus encabezados.',
		'reports.edition.in': 'En {language}',
		'reports.edition.back': 'Volver al informe',
		'reports.edition.files': 'Archivos de la emisión',
		'value.narrativeTranslation': 'Explicación en {language}',
		'value.narrativeTranslationHint': 'Los informes en ese idioma la imprimen junto a la cifra; sin ella imprimen la original, marcada.',
		'audit.field.narrativeTranslation': 'Narrativa en el otro idioma',
		'audit.field.donorTranslation': 'Donante en el otro idioma',
		'audit.field.partnersTranslation': 'Socios en el otro idioma',
		'reports.field.donor': 'donante',
		'reports.field.partners': 'socios',
		'reports.field.addressedTo': 'destinatarios',
		'reports.field.narrative': 'explicación',
		'recommendations.addressedToTranslation': 'Destinatarios en {language}',
		'audit.field.addressedToTranslation': 'Destinatarios en el otro idioma'
	},
	{
		'reportDoc.fact.htmlEdition': 'Accessible edition (HTML)',
		'reports.edition.title': 'Issue no. {n} · accessible edition',
		'reports.edition.intro':
			'The same text, figures and links as this issue’s files, as a web page: it reads with a screen reader, zooms and navigates by its headings.',
		'reports.edition.in': 'In {language}',
		'reports.edition.back': 'Back to the report',
		'reports.edition.files': 'Files of the issue',
		'value.narrativeTranslation': 'Explanation in {language}',
		'value.narrativeTranslationHint': 'Reports in that language print it beside the figure; without it they print the original, marked.',
		'audit.field.narrativeTranslation': 'Narrative in the other language',
		'audit.field.donorTranslation': 'Donor in the other language',
		'audit.field.partnersTranslation': 'Partners in the other language',
		'reports.field.donor': 'donor',
		'reports.field.partners': 'partners',
		'reports.field.addressedTo': 'addressees',
		'reports.field.narrative': 'explanation',
		'recommendations.addressedToTranslation': 'Addressees in {language}',
		'audit.field.addressedToTranslation': 'Addressees in the other language'
	}
);
