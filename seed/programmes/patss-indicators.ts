import type { IndicatorSeed } from '../types';

// PATSS indicators. Totals marked `documented` come from the PATSS final account; how a total
// splits across periods, and between women and men, is illustrative (flagged in the UI).

export const patssIndicators: IndicatorSeed[] = [
	{
		parent: 'programme',
		code: 'IMP-1',
		title: 'Personas de la comunidad de la seguridad social alcanzadas por la asistencia técnica (directa e indirectamente)',
		definition:
			'Representantes de empleadores, asegurados, jubilados y funcionarios que participaron en espacios de trabajo presenciales o virtuales del PATSS.',
		unit: 'personas',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		baselineDate: '2018-10-01',
		target: 15000,
		meansOfVerification:
			'Listas de asistencia de talleres y eventos; informe final del PATSS (más de 15 000 personas en 18 provincias, unos 50 espacios de trabajo).',
		responsible: 'Coordinación PATSS',
		sdgTarget: '1.3',
		key: true,
		targets: { '2019-S2': 5000, '2020-S2': 10000, '2021-S2': 14000, '2022-S1': 15000 },
		values: {
			'2018-S2': 300,
			'2019-S1': 2100,
			'2019-S2': 2900,
			'2020-S1': 1500,
			'2020-S2': 3200,
			'2021-S1': 2600,
			'2021-S2': 1900,
			'2022-S1': 600
		}
	},
	{
		parent: 'programme',
		code: 'IMP-2',
		title: 'Recursos adicionales movilizados por la OIT en beneficio del IESS',
		unit: 'millones de USD',
		measure: 'number',
		aggregation: 'latest',
		baseline: 0,
		target: 1.5,
		meansOfVerification:
			'Documentos de los tres proyectos complementarios de 2020 (con PNUD y ONU Mujeres, fondos propios de la OIT y la Unión Europea).',
		values: { '2020-S2': { value: 1.5, documented: true, narrative: 'Respuesta inmediata a la COVID-19: tres proyectos complementarios.' } }
	},
	{
		parent: 'programme',
		code: 'IMP-3',
		title: 'Recomendaciones técnicas de la OIT adoptadas o aplicadas por el IESS y las demás instituciones destinatarias',
		definition: 'Número de recomendaciones del seguimiento cuyo último paso, al cierre del periodo, es «adoptada» o «aplicada».',
		unit: 'recomendaciones',
		measure: 'number',
		aggregation: 'latest',
		baseline: 0,
		baselineDate: '2018-10-01',
		target: 8,
		baselineNote: 'Meta ilustrativa.',
		meansOfVerification: 'Seguimiento de recomendaciones de Avance (resoluciones, reglamentos y actas registrados como evidencia).',
		responsible: 'Oficial de monitoreo y evaluación',
		key: true,
		source: 'recommendations_adopted',
		targets: { '2020-S2': 2, '2021-S2': 5, '2022-S1': 8 }
	},
	{
		parent: 'M1',
		code: 'M1-1',
		title: 'Personas consultadas en los estudios de percepción (afiliados, jubilados y representantes de empleadores)',
		unit: 'personas',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 4000,
		meansOfVerification: 'Encuesta de percepción de usuarios y beneficiarios del IESS (4 028 personas).',
		targets: { '2020-S1': 4000 },
		values: { '2019-S2': 1500, '2020-S1': 2528 }
	},
	{
		parent: 'M1',
		code: 'M1-2',
		title: 'Grupos focales realizados con representantes de trabajadores, jubilados, Seguro Social Campesino y empleadores',
		unit: 'grupos focales',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 45,
		targets: { '2020-S1': 45 },
		values: { '2019-S2': 20, '2020-S1': 29 }
	},
	{
		parent: 'M1',
		code: 'M1-3',
		title: 'Avance del proceso de elección de representantes de asegurados y empleadores ante el Consejo Directivo del IESS',
		measure: 'qualitative',
		frequency: 'annual',
		values: {
			'2020-S2': {
				value: null,
				narrative:
					'La OIT presentó conceptos clave para adecuar el artículo 28 de la Ley de Seguridad Social tras la sentencia de 2016 y participó técnicamente en el segundo debate de la reforma.'
			},
			'2021-S2': {
				value: null,
				narrative:
					'Acompañamiento técnico a los actores sociales en su pedido al Consejo Nacional Electoral para convocar la elección; la convocatoria aún no se concreta.'
			}
		}
	},
	{
		parent: '1.4',
		code: '1.4-1',
		title: 'Propuesta de nuevo modelo de gobernanza participativa del IESS validada con los actores sociales',
		measure: 'milestone',
		targets: { '2021-S2': 1 },
		values: { '2021-S2': 1 }
	},
	{
		parent: 'M2',
		code: 'M2-1',
		title: 'Recomendaciones de mejora de los procesos de afiliación, recaudación e inspecciones entregadas al IESS',
		unit: 'recomendaciones',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 10,
		meansOfVerification: 'Documentos de recomendaciones de política por proceso.',
		targets: { '2020-S2': 5, '2021-S2': 10 },
		values: { '2020-S1': 2, '2020-S2': 4, '2021-S1': 2, '2021-S2': 2 }
	},
	{
		parent: '2.4',
		code: '2.4-1',
		title: 'Mecanismo de seguimiento de la aplicación de las recomendaciones por el IESS incorporado como sección final del módulo 2',
		measure: 'milestone',
		meansOfVerification: 'Recomendación de la evaluación de medio término.',
		targets: { '2021-S2': 1 },
		values: { '2021-S2': { value: 0, narrative: 'El diseño del mecanismo se retrasó por los cambios de autoridades del IESS.' } }
	},
	{
		parent: 'M3',
		code: 'M3-1',
		title: 'Tasa de afiliación de las personas trabajadoras independientes al Seguro General del IESS',
		definition: 'Independientes afiliados al Seguro General ÷ total de trabajadores independientes × 100.',
		unit: '%',
		measure: 'percentage',
		aggregation: 'latest',
		baseline: 6.8,
		baselineDate: '2019-12-31',
		baselineNote: 'Dato del estudio del PATSS sobre trabajadores independientes. La meta de 10 % es ilustrativa.',
		target: 10,
		meansOfVerification: 'Registros administrativos del IESS; encuesta de empleo (INEC).',
		frequency: 'annual',
		responsible: 'Dirección de Afiliación y Cobertura, IESS',
		bySex: true,
		sdgTarget: '1.3.1',
		key: true,
		targets: { '2020-S2': 7.5, '2021-S2': 9, '2022-S1': 10 },
		values: {
			'2020-S2': { value: 6.5, women: 5.6, men: 7.2, narrative: 'La pandemia redujo la afiliación voluntaria de independientes.' },
			'2021-S2': {
				value: 7.1,
				women: 6.0,
				men: 7.9,
				narrative: 'Recuperación lenta; el esquema de afiliación progresiva aún no se aplica.'
			},
			'2022-S1': {
				value: 7.2,
				women: 6.2,
				men: 8.0,
				narrative: 'Sin reforma normativa que establezca la obligatoriedad ni el esquema progresivo.'
			}
		}
	},
	{
		parent: '3.2',
		code: '3.2-1',
		title: 'Esquema innovador de afiliación progresiva y su estudio financiero presentados al IESS',
		measure: 'milestone',
		targets: { '2021-S1': 1 },
		values: { '2021-S1': 1 }
	},
	{
		parent: 'M4',
		code: 'M4-1',
		title: 'Estudios actuariales con año base 2018 concluidos (Invalidez, Vejez y Muerte; Salud)',
		unit: 'estudios',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 2,
		key: true,
		targets: { '2020-S2': 2 },
		values: { '2020-S2': { value: 2, documented: true } }
	},
	{
		parent: '4.2',
		code: '4.2-1',
		title: 'Funcionarias y funcionarios capacitados en los modelos actuariales de pensiones y salud de la OIT',
		unit: 'personas',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 30,
		bySex: true,
		targets: { '2021-S2': { value: 30, women: 15, men: 15 }, '2022-S1': { value: 30, women: 15, men: 15 } },
		values: {
			'2021-S2': {
				value: 22,
				women: 12,
				men: 10,
				narrative: 'Dos cursos introductorios (agosto y septiembre de 2021); la rotación de personal redujo la participación.'
			},
			'2022-S1': { value: 5, women: 3, men: 2, status: 'submitted', narrative: 'Sesiones de acompañamiento para el informe del IVM.' }
		}
	},
	{
		parent: '4.3',
		code: '4.3-1',
		title: 'Informe actualizado de sostenibilidad del IVM elaborado por la DAIE con revisión de la OIT',
		measure: 'milestone',
		targets: { '2022-S1': 1 },
		values: { '2022-S1': { value: 1, documented: true } }
	},
	{
		parent: 'M5',
		code: 'M5-1',
		title: 'Funcionarias y funcionarios de áreas clave del IESS que profundizaron sus conocimientos',
		unit: 'personas',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 350,
		bySex: true,
		key: true,
		targets: { '2019-S2': 100, '2020-S2': 220, '2021-S2': 350 },
		values: {
			'2019-S2': { value: 75, women: 40, men: 35 },
			'2020-S2': { value: 130, women: 70, men: 60 },
			'2021-S2': { value: 145, women: 80, men: 65 }
		}
	},
	{
		parent: '5.1',
		code: '5.1-1',
		title: 'Módulos del curso «Conceptos y gobernanza de la seguridad social» publicados en IESS-EDUCA',
		unit: 'módulos',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 7,
		targets: { '2021-S1': 7 },
		values: { '2020-S2': 4, '2021-S1': 3 }
	},
	{
		parent: '5.1',
		code: '5.1-2',
		title: 'Capítulo sobre igualdad de género e inclusión de grupos vulnerables incorporado al curso virtual',
		measure: 'milestone',
		meansOfVerification: 'Recomendación de la evaluación de medio término.',
		targets: { '2021-S2': 1 },
		values: { '2021-S2': { value: 0, narrative: 'Contenidos en revisión con el punto focal de género.' } }
	},
	{
		parent: '5.1',
		code: '5.1-3',
		title: 'Personas que completaron el curso virtual en IESS-EDUCA',
		unit: 'personas',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 600,
		baselineNote: 'Meta ilustrativa.',
		meansOfVerification: 'Reportes de la plataforma IESS-EDUCA.',
		bySex: true,
		targets: { '2021-S1': 250, '2021-S2': 450, '2022-S1': 600 },
		values: {
			'2021-S1': { value: 260, women: 140, men: 120 },
			'2021-S2': { value: 200, women: 110, men: 90 }
		}
	}
];
