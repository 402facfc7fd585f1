import { defineMessages } from '../define';

// The typed-figure check on an outcome's own narrative (issue 21): the editor's list of what
// blocks the issue names the outcome as well as the section.
export const reportOutcomeFigures = defineMessages(
	{
		'reports.blocker.outcome_figure':
			'{section}, resultado {module} ({language}): la cifra escrita, {typed}, delante de {raw} no coincide con el valor citado, {cited}.'
	},
	{
		'reports.blocker.outcome_figure':
			'{section}, outcome {module} ({language}): the figure typed, {typed}, before {raw} differs from the value cited, {cited}.'
	}
);
