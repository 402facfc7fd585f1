import { semesters, type ProgrammeSeed } from '../types';
import { ecuadorEuIndicators } from './other-indicators';

// EU-funded ILO project strengthening unemployment protection in Ecuador (from 2020).
// Source: shared/seeds/ecuador-eu-unemployment-protection.txt. The page gives neither the ILO
// symbol, the budget nor the end date: the code is descriptive, the budget is left empty and the
// end date (2023-12-31) is an assumption stated in the summary.

export const ecuadorEu: ProgrammeSeed = {
	programme: {
		slug: 'ecuador-desempleo-ue',
		code: 'UE-ECU-DESEMPLEO',
		shortName: 'Desempleo Ecuador (UE)',
		title: 'Fortalecimiento del sistema de protección social ante el desempleo en Ecuador',
		country: 'Ecuador',
		partners: 'IESS; Ministerio del Trabajo; Ministerio de Economía y Finanzas; organizaciones de empleadores y de trabajadores',
		donor: 'Unión Europea',
		fundingModality: 'eu_contribution',
		// Illustrative (the project page gives no total): the seeded budget lines' total (seed/finance.ts).
		budgetCents: 1_200_000_00,
		currency: 'USD',
		startDate: '2020-01-01',
		endDate: '2023-12-31',
		status: 'closed',
		summary:
			'Mejorar el marco institucional de la protección ante la pérdida del empleo como mecanismo contracíclico, vinculando políticas activas y pasivas de empleo, con enfoque en brechas de género y participación tripartita. (La fecha de cierre es una estimación: la ficha del proyecto no la indica.)',
		sdgTargets: ['1.3', '8.5'],
		genderMarker: 1
	},
	periods: semesters('2020-01-01', '2023-12-31'),
	modules: [
		{
			code: 'M1',
			title: 'Evaluación y mejora del seguro de desempleo',
			objective: 'Evaluar el funcionamiento actual del seguro de desempleo del IESS y proponer mejoras de cobertura y diseño.',
			outputs: [
				{
					code: '1.1',
					title: 'Evaluación del funcionamiento actual del seguro de desempleo',
					activities: [
						{
							code: '1.1.1',
							title: 'Revisión de los parámetros vigentes con el IESS',
							plannedStart: '2020-07-01',
							plannedEnd: '2021-03-31',
							actualStart: '2020-09-01',
							actualEnd: '2021-06-30',
							status: 'completed',
							progress: 100,
							responsible: 'Especialista de protección social, OIT'
						},
						{
							code: '1.1.2',
							title: 'Valuación actuarial del seguro de desempleo',
							plannedStart: '2021-01-01',
							plannedEnd: '2021-12-31',
							actualStart: '2021-03-01',
							actualEnd: '2022-03-31',
							status: 'completed',
							progress: 100,
							responsible: 'Unidad actuarial, OIT'
						}
					]
				},
				{
					code: '1.2',
					title: 'Revisión de experiencias internacionales y esbozo de propuestas de mejora',
					activities: [
						{
							code: '1.2.1',
							title: 'Nota técnica de buenas prácticas internacionales',
							plannedStart: '2020-10-01',
							plannedEnd: '2021-06-30',
							actualStart: '2020-11-01',
							actualEnd: '2021-08-31',
							status: 'completed',
							progress: 100,
							responsible: 'Coordinación nacional del proyecto'
						}
					]
				}
			]
		},
		{
			code: 'M2',
			title: 'Articulación entre políticas activas y pasivas de empleo',
			objective: 'Vincular la prestación por desempleo con servicios de empleo y formación para una reinserción más rápida.',
			outputs: [
				{
					code: '2.1',
					title: 'Propuesta de articulación con los servicios públicos de empleo',
					activities: [
						{
							code: '2.1.1',
							title: 'Mesas de trabajo con el Ministerio del Trabajo',
							plannedStart: '2021-01-01',
							plannedEnd: '2022-06-30',
							actualStart: '2021-04-01',
							status: 'delayed',
							progress: 65,
							responsible: 'Coordinación nacional del proyecto'
						}
					]
				}
			]
		},
		{
			code: 'M3',
			title: 'Gestión de las finanzas públicas y sostenibilidad',
			objective: 'Vincular los mecanismos de protección social con la gestión de las finanzas públicas.',
			outputs: [
				{
					code: '3.1',
					title: 'Capacitación de funcionarios en la herramienta actuarial del seguro de desempleo',
					activities: [
						{
							code: '3.1.1',
							title: 'Taller para la Dirección Actuarial del IESS y el Ministerio de Economía',
							plannedStart: '2021-07-01',
							plannedEnd: '2021-12-31',
							actualStart: '2021-08-01',
							actualEnd: '2021-12-15',
							status: 'completed',
							progress: 100,
							responsible: 'Unidad actuarial, OIT'
						}
					]
				}
			]
		},
		{
			code: 'M4',
			title: 'Diálogo social y participación tripartita',
			objective: 'Institucionalizar la participación de los actores sociales en el diseño de la protección ante el desempleo.',
			outputs: [
				{
					code: '4.1',
					title: 'Grupo de trabajo con delegados oficiales y actores sociales',
					activities: [
						{
							code: '4.1.1',
							title: 'Conformación del grupo de trabajo y revisión de hitos',
							plannedStart: '2020-03-01',
							plannedEnd: '2020-12-31',
							actualStart: '2020-06-01',
							actualEnd: '2020-12-31',
							status: 'completed',
							progress: 100,
							responsible: 'Coordinación nacional del proyecto'
						},
						{
							code: '4.1.2',
							title: 'Notas técnicas y seminarios web de sensibilización',
							plannedStart: '2020-10-01',
							plannedEnd: '2022-12-31',
							actualStart: '2020-11-01',
							status: 'ongoing',
							progress: 80,
							responsible: 'Coordinación nacional del proyecto'
						}
					]
				}
			]
		}
	],
	indicators: ecuadorEuIndicators
};
