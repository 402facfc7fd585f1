import { defineMessages } from '../define';

// Messages of the report's financial summary beside budget revisions (issue 20): the original
// budget, the revised one with its revisions, and the delivery rate read against the revised one.
export const financeReport = defineMessages(
	{
		'finance.notRevised': 'sin revisiones',
		'finance.revisionsSummary': 'revisiones vigentes: {count}; la última desde {date}',
		'finance.deliveryAgainstRevised': 'Tasa de ejecución (sobre el presupuesto revisado)',
		'finance.budgetTotals': 'Presupuesto del programa (suma de las líneas)'
	},
	{
		'finance.notRevised': 'no revisions',
		'finance.revisionsSummary': 'revisions in force: {count}; the latest from {date}',
		'finance.deliveryAgainstRevised': 'Delivery rate (against the revised budget)',
		'finance.budgetTotals': 'Programme budget (sum of the lines)'
	}
);
