import { semesters, type ProgrammeSeed } from '../types';
import { elSalvadorIndicators } from './other-indicators';

// ILO project SLV/16/03/RBS, El Salvador, 1 Nov 2017 – 31 Dec 2021, USD 462,640 (RBSA).
// Source: shared/seeds/el-salvador-social-protection-floor.txt.

export const elSalvador: ProgrammeSeed = {
	programme: {
		slug: 'el-salvador-pps',
		code: 'SLV/16/03/RBS',
		shortName: 'Piso de protección social El Salvador',
		title: 'Estrategias para la extensión de la seguridad social y la consolidación del piso de protección social, con enfoque de género',
		country: 'El Salvador',
		partners:
			'Instituto Salvadoreño del Seguro Social (ISSS); Ministerio de Trabajo y Previsión Social; Secretaría Técnica y de Planificación de la Presidencia',
		donor: 'OIT — Cuenta Suplementaria del Presupuesto Ordinario',
		fundingModality: 'rbsa',
		budgetCents: 462_640_00,
		currency: 'USD',
		startDate: '2017-11-01',
		endDate: '2021-12-31',
		status: 'closed',
		summary:
			'En el marco del Programa Emblemático de la OIT sobre pisos de protección social: mejorar la gobernanza administrativa y financiera de la seguridad social, facilitar la formalización y la extensión de la cobertura, y crear una base técnica sólida para el piso de protección social.',
		sdgTargets: ['1.3', '3.8'],
		genderMarker: 1
	},
	periods: semesters('2017-11-01', '2021-12-31'),
	modules: [
		{
			code: 'M1',
			title: 'Gobernanza administrativa y financiera de la seguridad social',
			objective:
				'Aplicar progresivamente las recomendaciones técnicas de los estudios actuariales de la OIT y mejorar la gobernanza del ISSS.',
			outputs: [
				{
					code: '1.1',
					title: 'Recomendaciones técnicas derivadas de los estudios actuariales de la OIT',
					activities: [
						{
							code: '1.1.1',
							title: 'Hoja de ruta de implementación con el ISSS',
							plannedStart: '2018-01-01',
							plannedEnd: '2018-12-31',
							actualStart: '2018-02-01',
							actualEnd: '2019-03-31',
							status: 'completed',
							progress: 100,
							responsible: 'Especialista de protección social, OIT'
						}
					]
				},
				{
					code: '1.2',
					title: 'Gobernanza del Régimen de Riesgos Profesionales y estrategia para el Régimen de Salud',
					activities: [
						{
							code: '1.2.1',
							title: 'Propuesta de lineamientos de gestión',
							plannedStart: '2019-01-01',
							plannedEnd: '2020-06-30',
							actualStart: '2019-03-01',
							actualEnd: '2020-12-31',
							status: 'completed',
							progress: 100,
							responsible: 'Especialista de protección social, OIT'
						}
					]
				},
				{
					code: '1.3',
					title: 'Mejora de las estadísticas de seguridad social y de los registros administrativos',
					activities: [
						{
							code: '1.3.1',
							title: 'Procesamiento de indicadores estratégicos con el ISSS y el MTPS',
							plannedStart: '2019-07-01',
							plannedEnd: '2021-06-30',
							actualStart: '2019-09-01',
							status: 'delayed',
							progress: 70,
							responsible: 'Estadístico, OIT'
						}
					]
				}
			]
		},
		{
			code: 'M2',
			title: 'Formalización y extensión de la cobertura',
			objective: 'Extender la cobertura al trabajo por cuenta propia, doméstico y rural, en línea con la Recomendación núm. 204.',
			outputs: [
				{
					code: '2.1',
					title: 'Estrategia integral de aseguramiento',
					activities: [
						{
							code: '2.1.1',
							title: 'Diseño coordinado con el MTPS y entidades de formalización',
							plannedStart: '2018-07-01',
							plannedEnd: '2020-06-30',
							actualStart: '2018-09-01',
							actualEnd: '2020-09-30',
							status: 'completed',
							progress: 100,
							responsible: 'Especialista de protección social, OIT'
						},
						{
							code: '2.1.2',
							title: 'Consultas con los interlocutores sociales',
							plannedStart: '2020-01-01',
							plannedEnd: '2021-06-30',
							actualStart: '2020-06-01',
							actualEnd: '2021-09-30',
							status: 'completed',
							progress: 100,
							responsible: 'Especialista en diálogo social, OIT'
						}
					]
				}
			]
		},
		{
			code: 'M3',
			title: 'Base técnica para el piso de protección social',
			objective:
				'Apoyar a la Secretaría Técnica y de Planificación de la Presidencia en costeo, sistema de cuidados y financiamiento del piso.',
			outputs: [
				{
					code: '3.1',
					title: 'Actualización de los modelos de costeo',
					activities: [
						{
							code: '3.1.1',
							title: 'Actualización del modelo de costeo del piso de protección social',
							plannedStart: '2018-03-01',
							plannedEnd: '2019-06-30',
							actualStart: '2018-04-01',
							actualEnd: '2019-09-30',
							status: 'completed',
							progress: 100,
							responsible: 'Unidad actuarial, OIT'
						}
					]
				},
				{
					code: '3.2',
					title: 'Lineamientos de información sobre el sistema de cuidados y esquema financiero del piso',
					activities: [
						{
							code: '3.2.1',
							title: 'Recomendaciones técnicas para un esquema de financiamiento',
							plannedStart: '2020-01-01',
							plannedEnd: '2021-12-31',
							actualStart: '2020-03-01',
							actualEnd: '2021-12-15',
							status: 'completed',
							progress: 100,
							responsible: 'Especialista de protección social, OIT'
						}
					]
				}
			]
		}
	],
	indicators: elSalvadorIndicators
};
