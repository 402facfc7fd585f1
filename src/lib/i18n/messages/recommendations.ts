import { defineMessages } from '../define';

// Messages of the recommendation adoption tracker (/programmes/<slug>/recommendations).
export const recommendations = defineMessages(
	{
		'recommendations.tab': 'Recomendaciones'
	},
	{
		'recommendations.tab': 'Recommendations'
	}
);
