import { defineMessages } from '../define';

// Words added while fixing the fourth review's findings on issues 19–21 (report truth, money,
// donor formats): the field names of texts printed without translation, the correction reason in
// the other language, and the issue list's correction details.
export const reportFixes = defineMessages(
	{
		'reports.field.country': 'país',
		'reports.field.dialogueBodies': 'órganos de diálogo'
	},
	{
		'reports.field.country': 'country',
		'reports.field.dialogueBodies': 'dialogue bodies'
	}
);
