import { defineMessages } from '../define';

// Issue 25: the social-dialogue events in a report print their outcome and the names of the
// parties present; untranslated ones are listed among the texts without a translation by field.
export const reportDialogue = defineMessages(
	{
		'reports.field.outcome': 'resultado del encuentro',
		'reports.field.names': 'nombres de las partes presentes'
	},
	{
		'reports.field.outcome': 'outcome of the meeting',
		'reports.field.names': 'names of the parties present'
	}
);
