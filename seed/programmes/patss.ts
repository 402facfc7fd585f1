import { semesters, type ProgrammeSeed } from '../types';
import { patssIndicators } from './patss-indicators';

// PATSS: ILO technical assistance to Ecuador's social security institute (IESS), Oct 2018 – Mar 2022.
// Sources: shared/seeds/patss-technical-contributions-es.txt, patss-midterm-evaluation-es.txt.
// The documents give no ILO project symbol or budget for PATSS, so `code` is its acronym and the
// budget is left empty rather than invented.

export const patss: ProgrammeSeed = {
	programme: {
		slug: 'patss',
		code: 'PATSS',
		shortName: 'PATSS',
		title: 'Programa de Asistencia Técnica para la Seguridad Social en Ecuador',
		country: 'Ecuador',
		partners: 'Instituto Ecuatoriano de Seguridad Social (IESS)',
		donor: 'IESS (fondo fiduciario directo)',
		fundingModality: 'direct_trust_fund',
		// Illustrative (the documents give no total): the seeded budget lines' total (seed/finance.ts).
		budgetCents: 2_400_000_00,
		currency: 'USD',
		startDate: '2018-10-01',
		endDate: '2022-03-31',
		status: 'closed',
		summary:
			'Acompañamiento técnico de la OIT al IESS para resolver nudos críticos de gobernanza, calidad, cobertura y sostenibilidad, construido de forma participativa con representantes de empleadores y trabajadores. Alcanzó de forma directa e indirecta a más de 15 000 personas en 18 provincias, en unos 50 espacios de trabajo, y movilizó USD 1,5 millones adicionales en 2020.',
		sdgTargets: ['1.3', '8.b'],
		genderMarker: 1
	},
	periods: semesters('2018-10-01', '2022-03-31'),
	modules: [
		{
			code: 'M1',
			title: 'Diálogo social, tripartismo y gobernanza institucional del IESS',
			objective: 'Fortalecer el diálogo social, el tripartismo y la gobernanza del IESS.',
			outputs: [
				{
					code: '1.1',
					title: 'Estudio comparado de modelos de elección y participación en los órganos de gobierno de la seguridad social',
					description: 'Orientaciones para la designación y conformación del Consejo Directivo del IESS.',
					activities: [
						{
							code: '1.1.1',
							title: 'Revisión de modelos de la región',
							plannedStart: '2018-11-01',
							plannedEnd: '2019-04-30',
							actualStart: '2018-11-15',
							actualEnd: '2019-05-31',
							status: 'completed',
							progress: 100,
							responsible: 'Especialista de protección social, OIT'
						},
						{
							code: '1.1.2',
							title: 'Presentación de orientaciones al Consejo Directivo',
							plannedStart: '2019-05-01',
							plannedEnd: '2019-07-31',
							actualStart: '2019-06-01',
							actualEnd: '2019-09-30',
							status: 'completed',
							progress: 100,
							responsible: 'Coordinación PATSS'
						}
					]
				},
				{
					code: '1.2',
					title: 'Análisis del marco legal y de la coherencia normativa de la Ley de Seguridad Social',
					description:
						'Conceptos para adecuar el artículo 28 tras la sentencia de 2016 y análisis de coherencia con la Constitución y las normas internacionales del trabajo.',
					activities: [
						{
							code: '1.2.1',
							title: 'Observaciones al borrador de reforma del artículo 28',
							plannedStart: '2019-06-01',
							plannedEnd: '2019-12-31',
							actualStart: '2019-07-01',
							actualEnd: '2020-02-28',
							status: 'completed',
							progress: 100,
							responsible: 'Especialista en normas, OIT'
						},
						{
							code: '1.2.2',
							title: 'Estudio de coherencia normativa del sistema de seguridad social',
							plannedStart: '2020-01-01',
							plannedEnd: '2020-12-31',
							actualStart: '2020-03-01',
							actualEnd: '2021-03-31',
							status: 'completed',
							progress: 100,
							responsible: 'Consultoría jurídica'
						}
					]
				},
				{
					code: '1.3',
					title: 'Facilitación del diálogo social para el Acuerdo Nacional por la Seguridad Social',
					description:
						'Estudios de percepción (4 028 afiliados, jubilados y empleadores encuestados; 49 grupos focales; 20 especialistas) y diagnóstico de nudos críticos.',
					activities: [
						{
							code: '1.3.1',
							title: 'Encuesta de percepción de usuarios y beneficiarios del IESS',
							plannedStart: '2019-08-01',
							plannedEnd: '2019-12-31',
							actualStart: '2019-09-01',
							actualEnd: '2020-03-31',
							status: 'completed',
							progress: 100,
							responsible: 'Coordinación PATSS'
						},
						{
							code: '1.3.2',
							title: 'Grupos focales con representantes de empleadores y asegurados',
							plannedStart: '2019-08-01',
							plannedEnd: '2019-12-31',
							actualStart: '2019-10-01',
							actualEnd: '2020-02-28',
							status: 'completed',
							progress: 100,
							responsible: 'Coordinación PATSS'
						}
					]
				},
				{
					code: '1.4',
					title: 'Propuesta de un nuevo modelo de gobernanza participativa del IESS',
					description: 'Modelo de gobierno abierto: comités consultivos, mesas temáticas, comisiones de usuarios y veedurías.',
					activities: [
						{
							code: '1.4.1',
							title: 'Redacción y validación del modelo con actores sociales',
							plannedStart: '2020-07-01',
							plannedEnd: '2021-06-30',
							actualStart: '2020-09-01',
							actualEnd: '2021-10-31',
							status: 'completed',
							progress: 100,
							responsible: 'Especialista de protección social, OIT'
						}
					]
				}
			]
		},
		{
			code: 'M2',
			title: 'Procesos de afiliación, recaudación, gestión de cobro e inspecciones',
			objective: 'Mejorar los procesos de gestión interna del IESS: afiliación, recaudación, gestión de cobro e inspecciones.',
			outputs: [
				{
					code: '2.1',
					title: 'Recomendaciones de política para mejorar el proceso de afiliación',
					activities: [
						{
							code: '2.1.1',
							title: 'Diagnóstico del proceso de afiliación con las contrapartes técnicas',
							plannedStart: '2019-01-01',
							plannedEnd: '2019-09-30',
							actualStart: '2019-02-01',
							actualEnd: '2019-12-31',
							status: 'completed',
							progress: 100,
							responsible: 'Consultoría de procesos'
						},
						{
							code: '2.1.2',
							title: 'Hoja de recomendaciones sobre herramientas informáticas y cruces de información',
							plannedStart: '2019-10-01',
							plannedEnd: '2020-06-30',
							actualStart: '2020-01-01',
							actualEnd: '2020-12-31',
							status: 'completed',
							progress: 100,
							responsible: 'Consultoría de procesos'
						}
					]
				},
				{
					code: '2.2',
					title: 'Recomendaciones para la recaudación y la gestión de cobro',
					activities: [
						{
							code: '2.2.1',
							title: 'Propuesta de cuenta corriente del contratante del seguro',
							plannedStart: '2020-01-01',
							plannedEnd: '2020-12-31',
							actualStart: '2020-04-01',
							actualEnd: '2021-06-30',
							status: 'completed',
							progress: 100,
							responsible: 'Consultoría de procesos'
						}
					]
				},
				{
					code: '2.3',
					title: 'Propuesta para innovar las inspecciones',
					activities: [
						{
							code: '2.3.1',
							title: 'Modelo de predicción de riesgos de incumplimiento',
							plannedStart: '2020-07-01',
							plannedEnd: '2021-06-30',
							actualStart: '2020-10-01',
							actualEnd: '2021-12-31',
							status: 'completed',
							progress: 100,
							responsible: 'Consultoría de procesos'
						}
					]
				},
				{
					code: '2.4',
					title: 'Mecanismo de seguimiento de la aplicación de las recomendaciones por el IESS',
					description: 'Sección final del módulo recomendada por la evaluación de medio término.',
					activities: [
						{
							code: '2.4.1',
							title: 'Diseño del mecanismo de monitoreo y evaluación',
							plannedStart: '2021-01-01',
							plannedEnd: '2021-09-30',
							actualStart: '2021-03-01',
							status: 'delayed',
							progress: 70,
							responsible: 'Oficial de monitoreo y evaluación'
						}
					]
				}
			]
		},
		{
			code: 'M3',
			title: 'Extensión de la cobertura a trabajadores independientes',
			objective:
				'Explorar estrategias que permitan ampliar la cobertura del sistema contributivo, en particular a las personas trabajadoras independientes.',
			outputs: [
				{
					code: '3.1',
					title: 'Estudio del perfil y las percepciones de las personas trabajadoras independientes',
					description: 'Solo el 6,8 % de los independientes está afiliado al Seguro General del IESS.',
					activities: [
						{
							code: '3.1.1',
							title: 'Encuesta y análisis cualitativo',
							plannedStart: '2019-03-01',
							plannedEnd: '2019-12-31',
							actualStart: '2019-04-01',
							actualEnd: '2020-03-31',
							status: 'completed',
							progress: 100,
							responsible: 'Equipo de cobertura, OIT'
						}
					]
				},
				{
					code: '3.2',
					title: 'Esquema innovador de afiliación progresiva y su estudio financiero',
					activities: [
						{
							code: '3.2.1',
							title: 'Diseño conjunto del esquema con IESS, MDT y actores sociales',
							plannedStart: '2020-01-01',
							plannedEnd: '2020-12-31',
							actualStart: '2020-03-01',
							actualEnd: '2021-03-31',
							status: 'completed',
							progress: 100,
							responsible: 'Equipo de cobertura, OIT'
						},
						{
							code: '3.2.2',
							title: 'Estudio de sostenibilidad financiera (escenarios optimista y pesimista)',
							plannedStart: '2020-07-01',
							plannedEnd: '2021-03-31',
							actualStart: '2020-09-01',
							actualEnd: '2021-06-30',
							status: 'completed',
							progress: 100,
							responsible: 'Unidad actuarial, OIT'
						}
					]
				},
				{
					code: '3.3',
					title: 'Análisis de brechas de cobertura, espacio fiscal y ratificación del Convenio núm. 102',
					activities: [
						{
							code: '3.3.1',
							title: 'Panorama de la protección social y brechas de cobertura',
							plannedStart: '2019-06-01',
							plannedEnd: '2020-06-30',
							actualStart: '2019-07-01',
							actualEnd: '2020-09-30',
							status: 'completed',
							progress: 100,
							responsible: 'Equipo de cobertura, OIT'
						},
						{
							code: '3.3.2',
							title: 'Análisis de la legislación a la luz del Convenio núm. 102',
							plannedStart: '2020-07-01',
							plannedEnd: '2021-06-30',
							actualStart: '2020-08-01',
							actualEnd: '2021-09-30',
							status: 'completed',
							progress: 100,
							responsible: 'Especialista en normas, OIT'
						}
					]
				}
			]
		},
		{
			code: 'M4',
			title: 'Fortalecimiento de la Dirección Actuarial del IESS',
			objective: 'Fortalecer la Dirección Actuarial, de Investigación y Estadística (DAIE) del IESS.',
			outputs: [
				{
					code: '4.1',
					title: 'Propuesta de fortalecimiento de la DAIE',
					description: 'Misión, atribuciones, estructura con tres subdirecciones, contratación de al menos cinco actuarios, capacitación.',
					activities: [
						{
							code: '4.1.1',
							title: 'Análisis de funciones, estructura y desempeño de la DAIE',
							plannedStart: '2019-01-01',
							plannedEnd: '2019-06-30',
							actualStart: '2019-01-15',
							actualEnd: '2019-08-31',
							status: 'completed',
							progress: 100,
							responsible: 'Unidad actuarial, OIT'
						}
					]
				},
				{
					code: '4.2',
					title: 'Transferencia de los modelos actuariales de la OIT y capacitación de la DAIE',
					activities: [
						{
							code: '4.2.1',
							title: 'Cursos introductorios sobre los modelos de pensiones y de salud (ago–sep 2021)',
							plannedStart: '2021-08-01',
							plannedEnd: '2021-09-30',
							actualStart: '2021-08-01',
							actualEnd: '2021-09-30',
							status: 'completed',
							progress: 100,
							responsible: 'Departamento Actuarial, OIT Ginebra'
						},
						{
							code: '4.2.2',
							title: 'Entrega de los softwares actuariales y acompañamiento',
							plannedStart: '2019-07-01',
							plannedEnd: '2021-12-31',
							actualStart: '2019-09-01',
							actualEnd: '2022-03-31',
							status: 'completed',
							progress: 100,
							responsible: 'Unidad actuarial, OIT'
						}
					]
				},
				{
					code: '4.3',
					title: 'Estudios actuariales con año base 2018 y estudio rápido de los efectos de la COVID-19',
					description:
						'Valuaciones del régimen de Invalidez, Vejez y Muerte y del Seguro General de Salud; estudio rápido de mayo de 2020.',
					activities: [
						{
							code: '4.3.1',
							title: 'Valuación actuarial del régimen de Invalidez, Vejez y Muerte',
							plannedStart: '2019-07-01',
							plannedEnd: '2020-06-30',
							actualStart: '2019-09-01',
							actualEnd: '2020-12-31',
							status: 'completed',
							progress: 100,
							responsible: 'DAIE con revisión de la OIT'
						},
						{
							code: '4.3.2',
							title: 'Informe actualizado de sostenibilidad del IVM elaborado por la DAIE',
							plannedStart: '2021-07-01',
							plannedEnd: '2022-03-31',
							actualStart: '2021-07-01',
							actualEnd: '2022-03-31',
							status: 'completed',
							progress: 100,
							responsible: 'DAIE con revisión de la OIT'
						}
					]
				},
				{
					code: '4.4',
					title: 'Análisis técnico de la gobernanza y la gestión de inversiones del BIESS',
					activities: [
						{
							code: '4.4.1',
							title: 'Presentación de recomendaciones al directorio del BIESS',
							plannedStart: '2021-01-01',
							plannedEnd: '2021-09-30',
							actualStart: '2021-02-01',
							actualEnd: '2021-11-30',
							status: 'completed',
							progress: 100,
							responsible: 'Especialista en inversiones, OIT'
						}
					]
				}
			]
		},
		{
			code: 'M5',
			title: 'Talento humano del IESS e IESS-EDUCA',
			objective: 'Fortalecer el talento humano del IESS con herramientas y capacidades técnicas.',
			outputs: [
				{
					code: '5.1',
					title: 'Curso virtual «Conceptos y gobernanza de la seguridad social» en IESS-EDUCA (7 módulos)',
					activities: [
						{
							code: '5.1.1',
							title: 'Diseño de contenidos de los 7 módulos',
							plannedStart: '2020-01-01',
							plannedEnd: '2020-09-30',
							actualStart: '2020-03-01',
							actualEnd: '2021-01-31',
							status: 'completed',
							progress: 100,
							responsible: 'Coordinación PATSS'
						},
						{
							code: '5.1.2',
							title: 'Capítulo sobre igualdad de género e inclusión de grupos vulnerables',
							plannedStart: '2021-01-01',
							plannedEnd: '2021-06-30',
							actualStart: '2021-04-01',
							status: 'delayed',
							progress: 60,
							responsible: 'Punto focal de género, OIT'
						}
					]
				},
				{
					code: '5.2',
					title: 'Formación especializada de funcionarias y funcionarios de áreas clave',
					description: '350 funcionarias y funcionarios del IESS profundizaron sus conocimientos.',
					activities: [
						{
							code: '5.2.1',
							title: 'Seminarios y cursos con el Centro Internacional de Formación de la OIT',
							plannedStart: '2019-03-01',
							plannedEnd: '2021-12-31',
							actualStart: '2019-03-01',
							actualEnd: '2022-02-28',
							status: 'completed',
							progress: 100,
							responsible: 'Coordinación PATSS'
						}
					]
				},
				{
					code: '5.3',
					title: 'Propuesta de normativa para la homologación de la estadística del IESS',
					activities: [
						{
							code: '5.3.1',
							title: 'Redacción de la propuesta de reglamento',
							plannedStart: '2021-01-01',
							plannedEnd: '2021-12-31',
							actualStart: '2021-02-01',
							actualEnd: '2022-01-31',
							status: 'completed',
							progress: 100,
							responsible: 'DAIE con apoyo de la OIT'
						}
					]
				}
			]
		}
	],
	indicators: patssIndicators
};
