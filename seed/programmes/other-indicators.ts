import type { IndicatorSeed } from '../types';

// Indicators of the EU projects in Ecuador and Peru and of SLV/16/03/RBS. Where the project pages
// give a figure it is marked `documented`; everything else is illustrative.

export const ecuadorEuIndicators: IndicatorSeed[] = [
	{
		parent: 'programme',
		code: 'EC-1',
		baselineDate: '2020-01-01',
		meansOfVerification: 'Oficio de entrega de la propuesta al IESS y al Ministerio del Trabajo',
		title: 'Propuesta de mejora del seguro de desempleo presentada a las autoridades',
		measure: 'milestone',
		key: true,
		targets: { '2022-S2': 1 },
		values: { '2022-S1': 1 }
	},
	{
		parent: 'M2',
		code: 'EC-2',
		baselineDate: '2020-01-01',
		meansOfVerification: 'Registros administrativos del IESS y del Servicio Público de Empleo',
		title: 'Personas beneficiarias del seguro de desempleo vinculadas a servicios públicos de empleo',
		unit: '%',
		measure: 'percentage',
		aggregation: 'latest',
		baseline: 0,
		target: 30,
		key: true,
		values: {
			'2022-S2': { value: 12, narrative: 'Vinculación piloto en dos provincias.' },
			'2023-S2': { value: 14, narrative: 'La articulación con el Ministerio del Trabajo avanza más lento de lo previsto.' }
		}
	},
	{
		parent: '3.1',
		code: 'EC-3',
		baselineDate: '2020-01-01',
		meansOfVerification: 'Listas de asistencia y certificados del taller, desagregados por sexo',
		title: 'Funcionarias y funcionarios capacitados en la herramienta actuarial del seguro de desempleo',
		unit: 'personas',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 40,
		bySex: true,
		targets: { '2021-S2': 40 },
		values: { '2021-S2': { value: 36, women: 19, men: 17 } }
	},
	{
		parent: '4.1',
		code: 'EC-4',
		baselineDate: '2020-01-01',
		meansOfVerification: 'Notas técnicas publicadas y registros de los seminarios web',
		title: 'Notas técnicas y seminarios web de sensibilización realizados',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 12,
		targets: { '2021-S2': 6, '2022-S2': 10, '2023-S2': 12 },
		values: { '2020-S2': 2, '2021-S1': 2, '2021-S2': 2, '2022-S1': 2, '2022-S2': 2 }
	}
];

export const peruEuIndicators: IndicatorSeed[] = [
	{
		parent: 'programme',
		code: 'PE-1',
		baselineDate: '2020-10-01',
		meansOfVerification: 'Diario oficial El Peruano',
		title: 'Norma que crea el sistema de protección ante el desempleo aprobada',
		measure: 'milestone',
		key: true,
		targets: { '2026-S2': 1 }
	},
	{
		parent: '1.1',
		code: 'PE-2',
		baselineDate: '2020-10-01',
		meansOfVerification: 'Actas de las sesiones del grupo de trabajo',
		title: 'Sesiones del grupo de trabajo multiactor',
		unit: 'sesiones',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 9,
		targets: { '2020-S2': 9 },
		values: { '2020-S2': { value: 9, documented: true } }
	},
	{
		parent: 'M2',
		code: 'PE-3',
		baselineDate: '2020-10-01',
		meansOfVerification: 'Texto de la Política Nacional de Empleo Decente publicado por el MTPE',
		title: 'Propuesta de protección ante el desempleo incorporada a la Política Nacional de Empleo Decente',
		measure: 'milestone',
		targets: { '2021-S1': 1 },
		values: { '2021-S1': { value: 1, documented: true } }
	},
	{
		parent: '1.2',
		code: 'PE-4',
		baselineDate: '2020-10-01',
		meansOfVerification: 'Registros del esquema piloto, desagregados por sexo',
		title: 'Trabajadoras y trabajadores informales cubiertos por el esquema piloto',
		unit: 'personas',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 500,
		bySex: true,
		key: true,
		targets: { '2026-S2': { value: 500, women: 250, men: 250 } }
	},
	{
		parent: 'M3',
		code: 'PE-5',
		baselineDate: '2020-10-01',
		meansOfVerification: 'Informes de avance del modelo de costeo revisados por la unidad actuarial de la OIT',
		title: 'Avance del modelo de costeo del sistema propuesto',
		unit: '%',
		measure: 'percentage',
		aggregation: 'latest',
		baseline: 0,
		target: 100,
		targets: { '2024-S2': 60, '2025-S2': 90, '2026-S2': 100 },
		values: { '2024-S2': 55, '2025-S2': 78 }
	},
	{
		parent: 'M4',
		code: 'PE-6',
		baselineDate: '2020-10-01',
		meansOfVerification: 'Listas de asistencia e informes de los talleres',
		title: 'Talleres con organizaciones de trabajadores y de empleadores sobre la propuesta',
		unit: 'talleres',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 12,
		targets: { '2023-S2': 4, '2024-S2': 7, '2025-S2': 10, '2026-S2': 12 },
		values: { '2023-S1': 2, '2023-S2': 2, '2024-S2': 2, '2025-S1': 1, '2025-S2': 1 }
	},
	{
		// Illustrative (not in the project page): the officials of the working group's institutions
		// trained on the proposal, so the EU report's women-and-men table has figures at its cut-off.
		parent: '1.1',
		code: 'PE-7',
		title: 'Funcionarias y funcionarios del MTPE, el MEF y EsSalud capacitados en la propuesta de protección ante el desempleo',
		unit: 'personas',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		baselineDate: '2020-10-01',
		target: 80,
		bySex: true,
		meansOfVerification: 'Listas de asistencia de las sesiones de capacitación, desagregadas por sexo',
		targets: { '2021-S1': { value: 30, women: 15, men: 15 }, '2026-S2': { value: 80, women: 40, men: 40 } },
		values: { '2020-S2': { value: 12, women: 7, men: 5 }, '2021-S1': { value: 14, women: 8, men: 6 } }
	}
];

export const elSalvadorIndicators: IndicatorSeed[] = [
	{
		parent: 'M1',
		code: 'SV-1',
		title: 'Recomendaciones técnicas de los estudios actuariales de la OIT en aplicación por el ISSS',
		unit: 'recomendaciones',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 8,
		key: true,
		targets: { '2019-S2': 3, '2020-S2': 6, '2021-S2': 8 },
		values: {
			'2019-S1': 1,
			'2019-S2': 2,
			'2020-S2': 2,
			'2021-S2': { value: 1, narrative: 'Cambios de prioridades en la institución durante la pandemia.' }
		}
	},
	{
		parent: '1.3',
		code: 'SV-2',
		title: 'Indicadores estratégicos de seguridad social procesados con el ISSS y el MTPS',
		unit: 'indicadores',
		measure: 'number',
		aggregation: 'cumulative',
		baseline: 0,
		target: 10,
		targets: { '2021-S2': 10 },
		values: {
			'2020-S2': 4,
			'2021-S2': { value: 3, narrative: 'Los registros administrativos de trabajo doméstico y rural siguen incompletos.' }
		}
	},
	{
		parent: 'M2',
		code: 'SV-3',
		title: 'Estrategia integral de aseguramiento diseñada con el Ministerio de Trabajo y Previsión Social',
		measure: 'milestone',
		targets: { '2020-S2': 1 },
		values: { '2020-S2': 1 }
	},
	{
		parent: 'M2',
		code: 'SV-4',
		title: 'Personas trabajadoras por cuenta propia cubiertas por la seguridad social',
		unit: '%',
		measure: 'percentage',
		aggregation: 'latest',
		baseline: null,
		target: null,
		bySex: true,
		baselineNote: 'Línea de base y meta por establecer con el ISSS.',
		targets: { '2021-S2': 10 }
	},
	{
		parent: '3.1',
		code: 'SV-5',
		title: 'Modelo de costeo del piso de protección social actualizado',
		measure: 'milestone',
		targets: { '2019-S2': 1 },
		values: { '2019-S2': 1 }
	}
];
