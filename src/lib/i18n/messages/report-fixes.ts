import { defineMessages } from '../define';

// Words added while fixing the fourth review's findings on issues 19–21 (report truth, money,
// donor formats): the field names of texts printed without translation, the correction reason in
// the other language, and the issue list's correction details.
export const reportFixes = defineMessages(
	{
		'reports.field.country': 'país',
		'reports.field.dialogueBodies': 'órganos de diálogo',
		'reports.field.correctionReason': 'motivo de la corrección',
		'reports.field.checkNote': 'nota de la comprobación',
		'reports.reopenReasonTranslation': 'Motivo de la corrección en {language}',
		'reports.reopenReasonTranslationHint': 'Los lectores en ese idioma lo leen en la portada; sin él, se imprime el original marcado.',
		'audit.field.correction_reason_en': 'Motivo de la corrección en inglés',
		'audit.field.correction_reason_es': 'Motivo de la corrección en español',
		'audit.field.reasonTranslation': 'Motivo de la corrección en el otro idioma'
	},
	{
		'reports.field.country': 'country',
		'reports.field.dialogueBodies': 'dialogue bodies',
		'reports.field.correctionReason': 'reason for the correction',
		'reports.field.checkNote': 'check note',
		'reports.reopenReasonTranslation': 'Reason for the correction in {language}',
		'reports.reopenReasonTranslationHint': 'Readers in that language read it on the cover; without it the original prints, marked.',
		'audit.field.correction_reason_en': 'Reason for the correction in English',
		'audit.field.correction_reason_es': 'Reason for the correction in Spanish',
		'audit.field.reasonTranslation': 'Reason for the correction in the other language'
	}
);
