import { semesters, type ProgrammeSeed } from '../types';
import { peruEuIndicators } from './other-indicators';

// EU-funded ILO project on protection in the event of unemployment in Peru (started October 2020).
// Source: shared/seeds/peru-eu-unemployment-protection.txt. No symbol, budget or end date in the
// page: descriptive code, empty budget, and an end date assumed at 2026-12-31 (stated in the
// summary), which keeps one programme running in the demo, with periods still to come.

export const peruEu: ProgrammeSeed = {
	programme: {
		slug: 'peru-desempleo-ue',
		code: 'UE-PER-DESEMPLEO',
		shortName: 'Desempleo Perú (UE)',
		title: 'Fortalecimiento de la protección social ante el desempleo en el Perú',
		country: 'Perú',
		partners:
			'Ministerio de Trabajo y Promoción del Empleo (MTPE); Ministerio de Economía y Finanzas; organizaciones de trabajadores y de empleadores',
		donor: 'Unión Europea',
		fundingModality: 'eu_contribution',
		// Illustrative (the project page gives no total): the seeded budget lines' total (seed/finance.ts).
		budgetCents: 1_000_000_00,
		currency: 'USD',
		startDate: '2020-10-01',
		endDate: '2026-12-31',
		status: 'active',
		summary:
			'Desarrollar un sistema integral de protección ante el desempleo para trabajadores formales e informales, con enfoque de brechas de género, como mecanismo permanente de la seguridad social peruana. (La ficha del proyecto no indica la fecha de cierre; para la demostración se supone diciembre de 2026.)',
		sdgTargets: ['1.3', '8.5'],
		genderMarker: 1
	},
	periods: semesters('2020-10-01', '2026-12-31'),
	modules: [
		{
			code: 'M1',
			title: 'Diseño del sistema de protección ante el desempleo',
			objective:
				'Proponer la cobertura, prestaciones, condiciones de acceso y financiamiento de la protección para trabajadores formales e informales.',
			outputs: [
				{
					code: '1.1',
					title: 'Grupo de trabajo multiactor',
					description: 'Altos funcionarios, especialistas ministeriales, la delegación de la UE y la OIT; 9 reuniones semanales en 2020.',
					activities: [
						{
							code: '1.1.1',
							title: 'Sesiones semanales del grupo de trabajo',
							plannedStart: '2020-10-01',
							plannedEnd: '2021-06-30',
							actualStart: '2020-10-01',
							actualEnd: '2021-06-30',
							status: 'completed',
							progress: 100,
							responsible: 'Coordinación nacional del proyecto'
						}
					]
				},
				{
					code: '1.2',
					title: 'Propuesta de protección para trabajadores formales',
					activities: [
						{
							code: '1.2.1',
							title: 'Consenso sobre cobertura, prestaciones, acceso y financiamiento',
							plannedStart: '2020-11-01',
							plannedEnd: '2021-06-30',
							actualStart: '2020-11-01',
							actualEnd: '2021-09-30',
							status: 'completed',
							progress: 100,
							responsible: 'Especialista de protección social, OIT'
						},
						{
							code: '1.2.2',
							title: 'Extensión de la propuesta a trabajadores informales',
							plannedStart: '2021-07-01',
							plannedEnd: '2022-12-31',
							actualStart: '2021-10-01',
							status: 'delayed',
							progress: 55,
							responsible: 'Especialista de protección social, OIT'
						}
					]
				}
			]
		},
		{
			code: 'M2',
			title: 'Vinculación con políticas activas de empleo',
			objective: 'Dar acceso a capacitación y orientación laboral a quienes pierden el empleo.',
			outputs: [
				{
					code: '2.1',
					title: 'Integración de la propuesta en la Política Nacional de Empleo Decente',
					activities: [
						{
							code: '2.1.1',
							title: 'Asistencia técnica al MTPE en la redacción de la política',
							plannedStart: '2020-10-01',
							plannedEnd: '2021-06-30',
							actualStart: '2020-10-15',
							actualEnd: '2021-07-31',
							status: 'completed',
							progress: 100,
							responsible: 'Coordinación nacional del proyecto'
						}
					]
				}
			]
		},
		{
			code: 'M3',
			title: 'Coordinación contributiva y no contributiva y sostenibilidad',
			objective: 'Asegurar la sostenibilidad del sistema y su coordinación con la protección no contributiva.',
			outputs: [
				{
					code: '3.1',
					title: 'Estudio de financiamiento y sostenibilidad',
					activities: [
						{
							code: '3.1.1',
							title: 'Modelo de costeo del sistema propuesto',
							plannedStart: '2021-07-01',
							plannedEnd: '2022-06-30',
							actualStart: '2021-09-01',
							status: 'ongoing',
							progress: 75,
							responsible: 'Unidad actuarial, OIT'
						}
					]
				}
			]
		},
		{
			code: 'M4',
			title: 'Diálogo social',
			objective: 'Asegurar la participación de los actores del diálogo social en la definición del sistema.',
			outputs: [
				{
					code: '4.1',
					title: 'Consultas tripartitas sobre la propuesta',
					activities: [
						{
							code: '4.1.1',
							title: 'Talleres con organizaciones de trabajadores y empleadores',
							plannedStart: '2021-04-01',
							plannedEnd: '2022-12-31',
							actualStart: '2021-06-01',
							status: 'ongoing',
							progress: 60,
							responsible: 'Coordinación nacional del proyecto'
						}
					]
				}
			]
		}
	],
	indicators: peruEuIndicators
};
