import { defineMessages } from '../define';

// Words about content languages: the fallback mark and the labels of translation fields.
export const content = defineMessages(
	{
		'content.untranslated': 'Sin traducción: se muestra el original en {language}',
		'content.translationOf': '{field} en {language}',
		'content.translationHint': 'Opcional. Se muestra a quienes leen en {language}; vacío, ven el original marcado.',
		'language.inline.es': 'español',
		'language.inline.en': 'inglés',
		'file.choose': 'Elegir archivo',
		'file.none': 'Ningún archivo elegido'
	},
	{
		'content.untranslated': 'Not translated: the original in {language} is shown',
		'content.translationOf': '{field} in {language}',
		'content.translationHint': 'Optional. Shown to readers in {language}; if empty, they see the original, marked.',
		'language.inline.es': 'Spanish',
		'language.inline.en': 'English',
		'file.choose': 'Choose file',
		'file.none': 'No file chosen'
	}
);
