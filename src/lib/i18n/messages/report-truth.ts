import { defineMessages } from '../define';

// Words of a report that explain its figures and their provenance (issue 19): the explanation
// printed beside a figure, what "Records cited" says when a record has no approval or evidence,
// corrections and what changed since the last issue.
export const reportTruth = defineMessages(
	{
		'reportDoc.explanation': 'Explicación',
		'reportDoc.approval.seeded': 'Sin aprobación registrada: valor cargado con los datos iniciales',
		'reportDoc.approval.notApplicable': 'Sin paso de aprobación (registro del marco del programa)',
		'reportDoc.approval.illustrative': '{approval} · valor ilustrativo, sin fuente documentada',
		'reportDoc.approval.derived': 'Contado por Avance del seguimiento de recomendaciones (sin paso de aprobación)',
		'reportDoc.evidence.derived': 'Las adopciones de recomendaciones y sus instrumentos (anexo de seguimiento)',
		'reportDoc.evidence.none': 'Sin archivos ni enlaces de evidencia',
		'reportDoc.evidence.notApplicable': 'No aplica'
	},
	{
		'reportDoc.explanation': 'Explanation',
		'reportDoc.approval.seeded': 'No approval on record: value loaded with the initial data',
		'reportDoc.approval.notApplicable': 'No approval step (a record of the programme’s framework)',
		'reportDoc.approval.illustrative': '{approval} · illustrative value, no documented source',
		'reportDoc.approval.derived': 'Counted by Avance from the recommendation tracker (no approval step)',
		'reportDoc.evidence.derived': 'The recommendations’ adoptions and their instruments (tracker annex)',
		'reportDoc.evidence.none': 'No evidence files or links',
		'reportDoc.evidence.notApplicable': 'Not applicable'
	}
);
