import { defineMessages } from '../define';

// Messages of the gender strategy (/programmes/<slug>/gender).
export const gender = defineMessages(
	{
		'gender.tab': 'Estrategia de género'
	},
	{
		'gender.tab': 'Gender strategy'
	}
);
