import { defineMessages } from '../define';

// Issue 19, second round: a superseded issue says so wherever it is listed, an unchanged
// correction is refused, citations carry their figure (and a typed figure that contradicts it
// blocks the issue), and an unrated criterion gives its reason.
export const reportIssues = defineMessages(
	{
		'reports.supersededMark': 'Reemplazada',
		'reports.currentMark': 'Vigente',
		'reports.issueCorrects': 'Emisión {n} (corrige la emisión {previous})',
		'verify.supersededHash': 'Huella de la emisión que la reemplaza: {hash}',
		'verify.supersededLink': 'Ver las emisiones de este informe (para quien tiene acceso al programa)',
		'reports.unchangedCorrection':
			'Esta corrección no cambia nada: su contenido es idéntico al de la emisión {n}. Cambie lo que debía corregirse antes de emitir.',
		'reports.unchangedPending': 'Por ahora esta corrección es idéntica a la emisión {n}: no podrá emitirse sin cambios.',
		'reports.blocker.figure':
			'{section} ({language}): la cifra escrita, {typed}, delante de {raw} no coincide con el valor citado, {cited}.',
		'reports.notRatedReasonRequired': 'Para dejar el criterio sin calificar, escriba aquí el motivo.',
		'reports.rating.not_rated': 'No calificado (motivo en la justificación)',
		'reportDoc.notRatedReason': 'No calificado (el motivo sigue, en la justificación)',
		'reports.filesApi':
			'Los archivos de cada emisión se descargan con el mismo token (alcance read:reports) en la dirección «url» de cada archivo.'
	},
	{
		'reports.supersededMark': 'Superseded',
		'reports.currentMark': 'Current',
		'reports.issueCorrects': 'Issue {n} (corrects issue {previous})',
		'verify.supersededHash': 'Fingerprint of the issue that supersedes it: {hash}',
		'verify.supersededLink': 'See the issues of this report (for those with access to the programme)',
		'reports.unchangedCorrection':
			'This correction changes nothing: its content is identical to issue {n}. Change what needed correcting before issuing.',
		'reports.unchangedPending': 'For now this correction is identical to issue {n}: it cannot be issued unchanged.',
		'reports.blocker.figure': '{section} ({language}): the figure typed, {typed}, before {raw} differs from the value cited, {cited}.',
		'reports.notRatedReasonRequired': 'To leave the criterion unrated, write the reason here.',
		'reports.rating.not_rated': 'Not rated (reason in the justification)',
		'reportDoc.notRatedReason': 'Not rated (the reason follows, as the justification)',
		'reports.filesApi': 'Each issue’s files download with the same token (scope read:reports) at each file’s “url”.'
	}
);
