import { defineMessages } from '../define';

export const inbox = defineMessages(
	{
		'inbox.title': 'Requiere mi acción',
		'inbox.nav': 'Requiere mi acción',
		'inbox.countLabel': '{n} pendientes',
		'inbox.navCount': 'Requiere mi acción: {n} pendientes',
		'inbox.intro': 'Lo que espera por usted en todos sus programas, a {date}.',
		'inbox.empty': 'No tiene nada pendiente.',
		'inbox.programmeCount': '{n} pendientes',
		'inbox.kind.review': 'Valor por revisar',
		'inbox.kind.returned': 'Valor devuelto para corregir',
		'inbox.kind.due': 'Valor pendiente del último periodo',
		'inbox.kind.riskReview': 'Revisión de riesgo vencida',
		'inbox.kind.keyAction': 'Acción clave vencida',
		'inbox.kind.report': 'Informe por escribir o emitir',
		'inbox.kind.riskFlag': 'Riesgo por revisar: indicador rezagado',
		'inbox.since': 'desde {date}',
		'inbox.onCard': 'Requieren su acción: {n}'
	},
	{
		'inbox.title': 'Needs my action',
		'inbox.nav': 'Needs my action',
		'inbox.countLabel': '{n} waiting',
		'inbox.navCount': 'Needs my action: {n} waiting',
		'inbox.intro': 'What waits for you across all your programmes, as of {date}.',
		'inbox.empty': 'Nothing is waiting for you.',
		'inbox.programmeCount': '{n} waiting',
		'inbox.kind.review': 'Value to review',
		'inbox.kind.returned': 'Value returned to fix',
		'inbox.kind.due': 'Value due for the last period',
		'inbox.kind.riskReview': 'Risk review overdue',
		'inbox.kind.keyAction': 'Key action overdue',
		'inbox.kind.report': 'Report to write or issue',
		'inbox.kind.riskFlag': 'Risk to review: indicator off track',
		'inbox.since': 'since {date}',
		'inbox.onCard': 'Need your action: {n}'
	}
);
