import { defineMessages } from '../define';

// Messages of the risks-and-assumptions matrix (/programmes/<slug>/risks).
export const risks = defineMessages(
	{
		'risks.tab': 'Riesgos y supuestos'
	},
	{
		'risks.tab': 'Risks and assumptions'
	}
);
