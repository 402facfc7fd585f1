import { defineMessages } from '../define';

// Issue 21, third round: the ILO progress report's narrative per outcome (module), the translated
// deviation reasons and management responses, and the report's purpose on the new-report form.
export const reportOutcomes = defineMessages(
	{
		'reports.blocker.outcome_narrative': '{section}: falta la narrativa del resultado {module} en {language}.',
		'reports.outcomeNarratives': 'Narrativa de cada resultado',
		'reports.outcomeNarrativesIntro':
			'Cada resultado (módulo) lleva su propia narrativa, que el informe imprime bajo su título, antes de su tabla de indicadores y de sus actividades.',
		'reports.outcomeNarrativeIn': 'Narrativa de {module} en {language}',
		'reports.saveOutcome': 'Guardar la narrativa de {module}',
		'reports.outcomeEvidence': 'Lo que el informe imprime para {module}',
		'audit.entity.report_module_narrative': 'Narrativa de un resultado del informe',
		'audit.field.module': 'resultado (módulo)',
		'reports.purpose': 'Propósito del informe',
		'reports.purpose.progress': 'Informe de progreso al donante',
		'reports.purpose.evaluation': 'Evaluación',
		'reports.layoutByPurpose': 'Según el propósito: {layout}',
		'reports.layoutHint':
			'Por defecto, {progress} para un informe de progreso (según la modalidad de financiamiento) y {evaluation} para una evaluación. Puede elegir cualquier formato.',
		'audit.field.purpose': 'Propósito del informe',
		'audit.field.managementResponseTextTranslation': 'Texto de la respuesta de la gerencia en el otro idioma',
		'audit.field.deviationReasonTranslation': 'Motivo de la desviación en el otro idioma'
	},
	{
		'reports.blocker.outcome_narrative': '{section}: the narrative of outcome {module} in {language} is missing.',
		'reports.outcomeNarratives': 'Narrative of each outcome',
		'reports.outcomeNarrativesIntro':
			'Each outcome (module) has its own narrative, printed under its heading before its indicator table and its activities.',
		'reports.outcomeNarrativeIn': 'Narrative of {module} in {language}',
		'reports.saveOutcome': 'Save the narrative of {module}',
		'reports.outcomeEvidence': 'What the report prints for {module}',
		'audit.entity.report_module_narrative': 'Outcome narrative of a report',
		'audit.field.module': 'outcome (module)',
		'reports.purpose': 'Purpose of the report',
		'reports.purpose.progress': 'Progress report to the donor',
		'reports.purpose.evaluation': 'Evaluation',
		'reports.layoutByPurpose': 'By the purpose: {layout}',
		'reports.layoutHint':
			'By default, {progress} for a progress report (from the funding modality) and {evaluation} for an evaluation. Any layout can be chosen.',
		'audit.field.purpose': 'Purpose of the report',
		'audit.field.managementResponseTextTranslation': 'Management response text in the other language',
		'audit.field.deviationReasonTranslation': 'Reason for the deviation in the other language'
	}
);
