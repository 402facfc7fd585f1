import { defineMessages } from '../define';

// When a report is due to the donor, and the reminder evaluators get while a draft near that date
// cannot be issued (issue 23).
export const reportDue = defineMessages(
	{
		'reports.dueDate': 'Fecha de entrega al donante (opcional)',
		'reports.dueDateHint': 'Avance avisará a las personas evaluadoras si, cerca de esa fecha, el borrador aún no se puede emitir.',
		'reports.dueBeforeCutOff': 'La fecha de entrega no puede ser anterior a la fecha de corte.',
		'reports.dueText': 'Entrega: {date}',
		'notify.kind.report_blocked': 'Informes que no se pueden emitir cerca de su fecha de entrega',
		'notify.report_blocked.subject.soon': '{programme}: «{report}» vence el {due} y aún no se puede emitir',
		'notify.report_blocked.subject.overdue': '{programme}: «{report}» venció el {due} y aún no se puede emitir',
		'audit.field.kindReportBlocked': 'Informes que no se pueden emitir cerca de su fecha de entrega',
		'notify.report_blocked.body': 'El borrador «{report}» (entrega: {due}) tiene {count} cosas que impiden emitirlo. Las primeras:'
	},
	{
		'reports.dueDate': 'Due to the donor on (optional)',
		'reports.dueDateHint': 'Avance tells the evaluators if, close to that date, the draft still cannot be issued.',
		'reports.dueBeforeCutOff': 'The due date cannot be before the cut-off date.',
		'reports.dueText': 'Due: {date}',
		'notify.kind.report_blocked': 'Reports that cannot be issued close to their due date',
		'notify.report_blocked.subject.soon': '{programme}: “{report}” is due on {due} and cannot be issued yet',
		'notify.report_blocked.subject.overdue': '{programme}: “{report}” was due on {due} and cannot be issued yet',
		'audit.field.kindReportBlocked': 'Reports that cannot be issued close to their due date',
		'notify.report_blocked.body': 'The draft “{report}” (due {due}) has {count} things that stop it from being issued. The first ones:'
	}
);
