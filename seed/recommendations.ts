import { checkStep } from '../src/lib/adoption';
import type {
	AdoptionStatus,
	IsoDate,
	KeyActionStatus,
	ManagementResponse,
	Priority,
	RecommendationArea,
	SourceKind
} from '../src/lib/model';
import { recordAudit } from '../src/lib/server/core/audit';
import type { Db } from '../src/lib/server/db/connection';

// Seed of the recommendation tracker, by programme code. The recommendations are the real ones of
// ../shared/seeds/ (the PATSS final account of its technical contributions, the PATSS mid-term
// evaluation, the El Salvador project page), written in our own words. The documents say what was
// recommended and to whom, not how the partner took it up: every adoption step here is
// illustrative and flagged as such, and so are instrument numbers ("ilustrativa"). Dates of
// recommendations follow the delivery dates of the matching logframe activities in the seed.
// Links to risks are left to the team: the risk register is seeded separately and its codes may change.

export interface SourceDocumentSeed {
	title: string;
	kind: SourceKind;
	issuedOn: IsoDate | null;
	url: string | null;
}

export interface AdoptionEventSeed {
	date: IsoDate;
	status: AdoptionStatus;
	instrument?: string;
	evidenceUrl?: string;
	note?: string;
}

export interface KeyActionSeed {
	action: string;
	responsible: string;
	dueDate: IsoDate | null;
	status: KeyActionStatus;
}

export interface RecommendationSeed {
	code: string;
	text: string;
	source: SourceDocumentSeed;
	issuedOn: IsoDate;
	addressedTo: string;
	area: RecommendationArea;
	priority: Priority;
	timeframe?: string;
	response?: { value: ManagementResponse; text: string };
	internalNotes?: string;
	/** Module codes ('M1'), output codes ('2.1'), indicator codes ('2.4-1'). */
	modules?: string[];
	outputs?: string[];
	indicators?: string[];
	/** Illustrative steps, oldest first. */
	events?: AdoptionEventSeed[];
	keyActions?: KeyActionSeed[];
}

// ---- PATSS: source documents --------------------------------------------------------------------

const ilo = (slug: string) => `https://www.ilo.org/es/publications/${slug}`;

const AFILIACION: SourceDocumentSeed = {
	title: 'Recomendaciones de políticas para mejorar los procesos de afiliación y recaudación del IESS',
	kind: 'technical_study',
	issuedOn: '2021-06-30',
	url: ilo('recomendaciones-de-politicas-para-mejorar-los-procesos-de-afiliacion')
};
const INSPECCIONES: SourceDocumentSeed = {
	title: 'Recomendaciones de políticas para mejorar el proceso de inspecciones del IESS',
	kind: 'technical_study',
	issuedOn: '2021-12-31',
	url: ilo('recomendaciones-de-politicas-para-mejorar-el-proceso-de-inspecciones-de')
};
const C102: SourceDocumentSeed = {
	title: 'Análisis de la legislación ecuatoriana de seguridad social a la luz del Convenio núm. 102',
	kind: 'technical_study',
	issuedOn: '2021-09-30',
	url: ilo('analisis-de-la-legislacion-ecuatoriana-de-seguridad-social-la-luz-del')
};
const OBLIGATORIEDAD: SourceDocumentSeed = {
	title: '¿Es obligatoria la afiliación a la seguridad social de las personas trabajadoras independientes?',
	kind: 'technical_study',
	issuedOn: '2021-03-31',
	url: ilo('es-obligatoria-la-afiliacion-la-seguridad-social-de-las-personas')
};
const ESQUEMA: SourceDocumentSeed = {
	title: 'Propuesta de un esquema innovador de afiliación para la inclusión de las personas trabajadoras independientes',
	kind: 'technical_study',
	issuedOn: '2021-03-31',
	url: ilo('propuesta-de-un-esquema-innovador-de-afiliacion-para-la-inclusion-de-los')
};
const CONSEJO: SourceDocumentSeed = {
	title: 'Estudio comparado de modelos de elección y participación en los órganos de gobierno de la seguridad social',
	kind: 'technical_study',
	issuedOn: '2019-09-30',
	url: 'https://www.ilo.org/lima/publicaciones/WCMS_731636/lang--es/index.htm'
};
const COHERENCIA: SourceDocumentSeed = {
	title: 'Análisis de la coherencia normativa del sistema de seguridad social',
	kind: 'technical_study',
	issuedOn: '2021-03-31',
	url: ilo('analisis-de-la-coherencia-normativa-del-sistema-de-seguridad-social')
};
const GOBERNANZA: SourceDocumentSeed = {
	title: 'Recomendaciones para la implementación de un nuevo modelo de gobernanza participativa en el IESS',
	kind: 'technical_study',
	issuedOn: '2021-10-31',
	url: ilo('recomendaciones-para-la-implementacion-de-un-nuevo-modelo-de-gobernanza')
};
const NUDOS: SourceDocumentSeed = {
	title: '¿Cuáles son los principales nudos críticos del Instituto Ecuatoriano de Seguridad Social?',
	kind: 'technical_study',
	issuedOn: '2020-03-31',
	url: ilo('cuales-son-los-principales-nudos-criticos-del-instituto-ecuatoriano-de')
};
const DAIE: SourceDocumentSeed = {
	title: 'Propuesta de fortalecimiento de la Dirección Actuarial, de Investigación y Estadística del IESS',
	kind: 'technical_study',
	issuedOn: '2019-08-31',
	url: ilo('propuesta-de-fortalecimiento-de-la-direccion-actuarial-de-investigacion-y')
};
const BIESS: SourceDocumentSeed = {
	title: 'Análisis técnico de la gobernanza y gestión de inversiones del BIESS',
	kind: 'technical_study',
	issuedOn: '2021-11-30',
	url: ilo('analisis-tecnico-de-la-gobernanza-y-gestion-de-inversiones-del-biess')
};
const ESTADISTICA: SourceDocumentSeed = {
	title: 'Recomendaciones para reglamentar la homologación de la estadística generada por el IESS',
	kind: 'technical_study',
	issuedOn: '2022-01-31',
	url: ilo('recomendaciones-para-reglamentar-la-homologacion-de-la-estadistica-generada')
};
const BALANCE: SourceDocumentSeed = {
	title: 'Un seguro social fortalecido en Ecuador: contribuciones técnicas del PATSS (informe final)',
	kind: 'technical_study',
	issuedOn: '2022-03-31',
	url: null
};
const MEDIO_TERMINO: SourceDocumentSeed = {
	title: 'Evaluación interna de medio término del PATSS',
	kind: 'midterm_evaluation',
	issuedOn: '2020-12-15',
	url: 'http://www.ilo.org/evalinfo/product/download.do?type=document&id=24951'
};

const IESS = 'IESS';
const MDT = 'Ministerio del Trabajo';
const ASAMBLEA = 'Asamblea Nacional';
const BIESS_ = 'BIESS';
const EQUIPO = 'Equipo del PATSS (OIT)';
const ill = (n: string) => `${n} (ilustrativa)`;

// ---- PATSS: the final account's recommendations, by area ----------------------------------------

const coverage: RecommendationSeed[] = [
	{
		code: 'COB-01',
		text: 'Formalizar, en coordinación con el Ministerio del Trabajo, una estrategia jurídica para ampliar la ratificación del Convenio núm. 102 a casi todas sus partes (prestaciones de maternidad, familiares y de desempleo), dado que la legislación y la práctica del IESS ya se ajustan en buena medida.',
		source: C102,
		issuedOn: '2021-09-30',
		addressedTo: MDT,
		area: 'coverage',
		priority: 'high',
		timeframe: 'Mediano plazo (2–3 años)',
		modules: ['M3'],
		outputs: ['3.3'],
		events: [
			{ date: '2022-02-10', status: 'under_review' },
			{ date: '2023-05-18', status: 'accepted_in_principle', instrument: ill('Oficio MDT-2023-0412') }
		],
		keyActions: [
			{
				action: 'Elaborar con el IESS la hoja de ruta jurídica para la ratificación de las partes pendientes',
				responsible: 'Ministerio del Trabajo',
				dueDate: '2024-06-30',
				status: 'initiated'
			}
		]
	},
	{
		code: 'COB-02',
		text: 'Revisar el periodo de calificación y el periodo de espera del seguro de desempleo para ajustarlos a lo que pide la parte del Convenio núm. 102 sobre prestaciones de desempleo.',
		source: C102,
		issuedOn: '2021-09-30',
		addressedTo: ASAMBLEA,
		area: 'coverage',
		priority: 'medium',
		timeframe: 'Mediano plazo (2–3 años)',
		outputs: ['3.3'],
		events: [{ date: '2022-09-07', status: 'under_review', instrument: ill('Proyecto de reforma en comisión legislativa') }]
	},
	{
		code: 'COB-03',
		text: 'Adecuar de forma coherente el marco normativo para dejar clara la obligatoriedad de la afiliación de las personas trabajadoras independientes, que desde 2014 se tratan como afiliadas voluntarias.',
		source: OBLIGATORIEDAD,
		issuedOn: '2021-03-31',
		addressedTo: ASAMBLEA,
		area: 'coverage',
		priority: 'high',
		timeframe: 'Largo plazo',
		modules: ['M3'],
		outputs: ['3.1', '3.2'],
		indicators: ['M3-1'],
		events: [{ date: '2021-11-15', status: 'under_review' }]
	},
	{
		code: 'COB-04',
		text: 'Crear las condiciones para que las personas trabajadoras independientes puedan cumplir con la afiliación: información clara sobre los beneficios y formas de pago acordes con ingresos bajos y variables.',
		source: OBLIGATORIEDAD,
		issuedOn: '2021-03-31',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'high',
		timeframe: 'Corto plazo (12 meses)',
		outputs: ['3.1'],
		indicators: ['M3-1'],
		events: [
			{ date: '2021-06-01', status: 'accepted_in_principle' },
			{ date: '2022-08-22', status: 'partially_adopted', instrument: ill('Resolución IESS-CD-2022-031') }
		]
	},
	{
		code: 'COB-05',
		text: 'Poner en marcha el esquema innovador de afiliación progresiva para trabajadores independientes: empezar por el seguro de salud e ir sumando riesgos del trabajo, cesantía e invalidez, vejez y muerte conforme el trabajador permanece afiliado.',
		source: ESQUEMA,
		issuedOn: '2021-03-31',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'high',
		timeframe: 'Mediano plazo (2–3 años)',
		modules: ['M3'],
		outputs: ['3.2'],
		indicators: ['3.2-1', 'M3-1'],
		events: [
			{ date: '2021-05-20', status: 'under_review' },
			{ date: '2022-01-25', status: 'accepted_in_principle', instrument: ill('Acta de Consejo Directivo 2022-02') },
			{ date: '2022-10-05', status: 'under_review', note: 'El cambio de autoridades del IESS devolvió el esquema a revisión técnica.' }
		],
		keyActions: [
			{
				action: 'Actualizar el estudio financiero del esquema con datos de 2022',
				responsible: 'Dirección Actuarial del IESS',
				dueDate: '2023-06-30',
				status: 'not_initiated'
			}
		]
	},
	{
		code: 'COB-06',
		text: 'Incluir en el esquema incentivos a la afiliación de independientes: tasas reducidas para menores de 30 años, salud del cónyuge sin costo adicional por tres meses, convenios con asociaciones y cooperativas, descuentos por pago oportuno y planes de pago flexibles.',
		source: ESQUEMA,
		issuedOn: '2021-03-31',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'medium',
		timeframe: 'Mediano plazo (2–3 años)',
		outputs: ['3.2'],
		events: [{ date: '2021-09-14', status: 'under_review' }]
	},
	{
		code: 'COB-07',
		text: 'Acompañar el esquema con una estrategia de sensibilización en la que el IESS informe más y mejor, con mensajes adaptados a cada público, y promover una cultura de seguridad social basada en la solidaridad.',
		source: ESQUEMA,
		issuedOn: '2021-03-31',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'medium',
		timeframe: 'Corto plazo (12 meses)',
		outputs: ['3.2'],
		events: [
			{ date: '2021-07-01', status: 'accepted_in_principle' },
			{ date: '2022-03-15', status: 'adopted', instrument: ill('Plan de comunicación IESS 2022') }
		]
	},
	{
		code: 'COB-08',
		text: 'Repensar las herramientas informáticas de afiliación con un modelo relacional construido desde los procesos, que integre los distintos negocios del IESS en una plataforma única.',
		source: AFILIACION,
		issuedOn: '2021-06-30',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'high',
		timeframe: 'Largo plazo',
		modules: ['M2'],
		outputs: ['2.1'],
		indicators: ['M2-1'],
		events: [
			{ date: '2021-09-01', status: 'accepted_in_principle' },
			{ date: '2023-02-28', status: 'partially_adopted', instrument: ill('Plan institucional de tecnología 2023–2025') }
		]
	},
	{
		code: 'COB-09',
		text: 'Fortalecer los cruces de información con el Servicio de Rentas Internas, el Registro Civil y el Ministerio del Trabajo, y evaluar otros intercambios útiles para administrar los seguros.',
		source: AFILIACION,
		issuedOn: '2021-06-30',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'high',
		timeframe: 'Corto plazo (12 meses)',
		outputs: ['2.1'],
		events: [
			{ date: '2021-08-16', status: 'accepted_in_principle' },
			{ date: '2022-06-30', status: 'adopted', instrument: ill('Convenio interinstitucional IESS–SRI 2022-17') },
			{ date: '2024-01-31', status: 'implemented', instrument: ill('Informe de cruces automáticos IESS-DNAF-2024-004') }
		]
	},
	{
		code: 'COB-10',
		text: 'Revisar las funcionalidades de las herramientas en línea para que empleadores, responsables de pago y afiliados calculen sus obligaciones de forma simple y oportuna, sin errores.',
		source: AFILIACION,
		issuedOn: '2021-06-30',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'medium',
		timeframe: 'Corto plazo (12 meses)',
		outputs: ['2.1'],
		events: [{ date: '2022-04-04', status: 'under_review' }]
	},
	{
		code: 'COB-11',
		text: 'Mejorar la identificación de las personas afiliadas para contar con un padrón de beneficiarios y, a partir de él, registrar a los contratantes del seguro.',
		source: AFILIACION,
		issuedOn: '2021-06-30',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'medium',
		timeframe: 'Mediano plazo (2–3 años)',
		outputs: ['2.1']
	},
	{
		code: 'COB-12',
		text: 'Reformar la normativa de recaudación para que los responsables comuniquen a tiempo las novedades y para que el IESS pueda decidir el cobro parcial de los aportes.',
		source: AFILIACION,
		issuedOn: '2021-06-30',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'medium',
		timeframe: 'Corto plazo (12 meses)',
		outputs: ['2.2'],
		events: [
			{ date: '2021-10-12', status: 'accepted_in_principle' },
			{ date: '2022-11-29', status: 'adopted', instrument: ill('Resolución IESS-CD-2022-058') }
		]
	},
	{
		code: 'COB-13',
		text: 'Incorporar la cuenta corriente del contratante del seguro en todos sus niveles, para que recaudación y gestión de cartera definan sus estrategias con la información de obligaciones y créditos.',
		source: AFILIACION,
		issuedOn: '2021-06-30',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'high',
		timeframe: 'Mediano plazo (2–3 años)',
		outputs: ['2.2'],
		events: [
			{ date: '2021-09-20', status: 'accepted_in_principle' },
			{ date: '2023-07-03', status: 'partially_adopted', instrument: ill('Módulo de cuenta corriente, fase 1') }
		],
		keyActions: [
			{
				action: 'Extender la cuenta corriente a la gestión de cartera y coactivas',
				responsible: 'Dirección Nacional de Recaudación y Gestión de Cartera',
				dueDate: '2025-06-30',
				status: 'initiated'
			}
		]
	},
	{
		code: 'COB-14',
		text: 'Actualizar el marco normativo que define las competencias del IESS para fiscalizar los posibles incumplimientos de empleadores.',
		source: INSPECCIONES,
		issuedOn: '2021-12-31',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'medium',
		timeframe: 'Mediano plazo (2–3 años)',
		outputs: ['2.3'],
		events: [{ date: '2022-05-10', status: 'under_review' }]
	},
	{
		code: 'COB-15',
		text: 'Usar la tecnología para automatizar el monitoreo, el seguimiento, el control y la evaluación de las inspecciones.',
		source: INSPECCIONES,
		issuedOn: '2021-12-31',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'medium',
		timeframe: 'Mediano plazo (2–3 años)',
		outputs: ['2.3'],
		events: [{ date: '2022-03-02', status: 'accepted_in_principle' }]
	},
	{
		code: 'COB-16',
		text: 'Diseñar herramientas informáticas para las inspecciones: un sistema automatizado de reclamos y denuncias y aplicaciones móviles que registren la información en territorio, con o sin conexión.',
		source: INSPECCIONES,
		issuedOn: '2021-12-31',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'low',
		timeframe: 'Largo plazo',
		outputs: ['2.3']
	},
	{
		code: 'COB-17',
		text: 'Implementar un modelo de predicción del riesgo de incumplimiento de los sujetos de control que tenga en cuenta cómo varía la evasión según sector económico y territorio.',
		source: INSPECCIONES,
		issuedOn: '2021-12-31',
		addressedTo: IESS,
		area: 'coverage',
		priority: 'high',
		timeframe: 'Mediano plazo (2–3 años)',
		outputs: ['2.3'],
		events: [
			{ date: '2022-02-14', status: 'accepted_in_principle' },
			{ date: '2023-04-20', status: 'adopted', instrument: ill('Resolución IESS-DG-2023-019') }
		]
	}
];

const governance: RecommendationSeed[] = [
	{
		code: 'GOB-01',
		text: 'Reformar el artículo 28 de la Ley de Seguridad Social, declarado inconstitucional en 2016, para definir la elección y la conformación del Consejo Directivo del IESS con los criterios propuestos por la OIT.',
		source: CONSEJO,
		issuedOn: '2019-09-30',
		addressedTo: ASAMBLEA,
		area: 'governance',
		priority: 'high',
		timeframe: 'Corto plazo (12 meses)',
		modules: ['M1'],
		outputs: ['1.1', '1.2'],
		indicators: ['M1-3'],
		events: [
			{ date: '2020-01-15', status: 'under_review', instrument: ill('Primer debate del proyecto de reforma') },
			{ date: '2020-11-10', status: 'accepted_in_principle', instrument: ill('Informe para segundo debate') }
		]
	},
	{
		code: 'GOB-02',
		text: 'Solicitar al Consejo Nacional Electoral la convocatoria a la elección de los representantes de asegurados y de empleadores, con sus alternos, ante el Consejo Directivo del IESS.',
		source: CONSEJO,
		issuedOn: '2019-09-30',
		addressedTo: IESS,
		area: 'governance',
		priority: 'high',
		timeframe: 'Corto plazo (12 meses)',
		outputs: ['1.1'],
		indicators: ['M1-3'],
		events: [
			{ date: '2020-06-01', status: 'accepted_in_principle' },
			{ date: '2021-02-26', status: 'adopted', instrument: ill('Oficio IESS-PCD-2021-0077 al CNE') }
		]
	},
	{
		code: 'GOB-03',
		text: 'Que toda reforma a la Ley de Seguridad Social fortalezca el principio constitucional de obligatoriedad: el acceso al sistema debe garantizarse a todas las personas, sin distinción.',
		source: COHERENCIA,
		issuedOn: '2021-03-31',
		addressedTo: ASAMBLEA,
		area: 'governance',
		priority: 'high',
		timeframe: 'Largo plazo',
		outputs: ['1.2'],
		events: [{ date: '2021-08-05', status: 'under_review' }]
	},
	{
		code: 'GOB-04',
		text: 'Incorporar en la ley el principio de igualdad y no discriminación y el derecho a la igualdad material, teniendo en cuenta la heterogeneidad de la población protegida.',
		source: COHERENCIA,
		issuedOn: '2021-03-31',
		addressedTo: ASAMBLEA,
		area: 'governance',
		priority: 'medium',
		timeframe: 'Largo plazo',
		outputs: ['1.2']
	},
	{
		code: 'GOB-05',
		text: 'Considerar las desigualdades de género en el diseño de la protección: estudiar el impacto de cada reforma y eliminar toda discriminación de hecho.',
		source: COHERENCIA,
		issuedOn: '2021-03-31',
		addressedTo: ASAMBLEA,
		area: 'governance',
		priority: 'high',
		timeframe: 'Largo plazo',
		outputs: ['1.2'],
		events: [{ date: '2021-08-05', status: 'under_review' }]
	},
	{
		code: 'GOB-06',
		text: 'Aplicar efectivamente el principio de progresividad, tanto en la universalidad de las personas cubiertas como en las contingencias protegidas.',
		source: COHERENCIA,
		issuedOn: '2021-03-31',
		addressedTo: ASAMBLEA,
		area: 'governance',
		priority: 'medium',
		timeframe: 'Largo plazo',
		outputs: ['1.2']
	},
	{
		code: 'GOB-07',
		text: 'Consagrar en la ley obligaciones claras y específicas de transparencia y participación en todo el sistema, que cubran los vacíos actuales.',
		source: COHERENCIA,
		issuedOn: '2021-03-31',
		addressedTo: ASAMBLEA,
		area: 'governance',
		priority: 'medium',
		timeframe: 'Largo plazo',
		outputs: ['1.2'],
		events: [
			{ date: '2021-08-05', status: 'under_review' },
			{
				date: '2023-09-12',
				status: 'no_longer_applicable',
				note: 'El proyecto de reforma se archivó sin aprobarse; habría que volver a proponerlo.'
			}
		]
	},
	{
		code: 'GOB-08',
		text: 'Mejorar en la ley los procesos de resolución de controversias y de cobro de obligaciones pendientes.',
		source: COHERENCIA,
		issuedOn: '2021-03-31',
		addressedTo: ASAMBLEA,
		area: 'governance',
		priority: 'low',
		timeframe: 'Largo plazo',
		outputs: ['1.2']
	},
	{
		code: 'GOB-09',
		text: 'Adoptar un modelo de gobierno abierto en el IESS (transparencia, acceso a la información, rendición de cuentas, colaboración) con comités consultivos, instancias asesoras, mesas temáticas, comisiones de usuarios y veedurías de la contratación pública.',
		source: GOBERNANZA,
		issuedOn: '2021-10-31',
		addressedTo: IESS,
		area: 'governance',
		priority: 'high',
		timeframe: 'Mediano plazo (2–3 años)',
		modules: ['M1'],
		outputs: ['1.4'],
		indicators: ['1.4-1'],
		events: [
			{ date: '2022-01-18', status: 'accepted_in_principle' },
			{ date: '2022-09-30', status: 'partially_adopted', instrument: ill('Resolución IESS-CD-2022-044 (comités consultivos)') }
		],
		keyActions: [
			{
				action: 'Crear las comisiones de usuarios en las direcciones provinciales',
				responsible: 'Dirección General del IESS',
				dueDate: '2023-12-31',
				status: 'initiated'
			},
			{
				action: 'Reglamentar las veedurías de la contratación pública',
				responsible: 'Consejo Directivo del IESS',
				dueDate: '2024-06-30',
				status: 'not_initiated'
			}
		]
	},
	{
		code: 'GOB-10',
		text: 'Convocar a los actores sociales a construir, con la información generada en el diálogo del Acuerdo Nacional por la Seguridad Social, una hoja de ruta para el fortalecimiento del IESS.',
		source: NUDOS,
		issuedOn: '2020-03-31',
		addressedTo: IESS,
		area: 'governance',
		priority: 'medium',
		timeframe: 'Corto plazo (12 meses)',
		modules: ['M1'],
		outputs: ['1.3'],
		indicators: ['M1-1', 'M1-2'],
		events: [
			{ date: '2020-05-15', status: 'under_review' },
			{ date: '2021-06-30', status: 'rejected', note: 'El IESS no concretó la convocatoria; el informe final lo registra así.' }
		]
	}
];

const sustainability: RecommendationSeed[] = [
	{
		code: 'SOS-01',
		text: 'Definir con claridad la misión y la visión de la Dirección Actuarial, de Investigación y Estadística (DAIE) para lograr más participación y compromiso de su personal.',
		source: DAIE,
		issuedOn: '2019-08-31',
		addressedTo: IESS,
		area: 'sustainability',
		priority: 'low',
		timeframe: 'Corto plazo (12 meses)',
		modules: ['M4'],
		outputs: ['4.1'],
		events: [
			{ date: '2019-11-04', status: 'accepted_in_principle' },
			{ date: '2020-06-30', status: 'adopted', instrument: ill('Estatuto orgánico reformado, Resolución IESS-CD-2020-012') }
		]
	},
	{
		code: 'SOS-02',
		text: 'Organizar la DAIE en tres subdirecciones (actuarial, estadística e investigación) y siete coordinaciones con el personal mínimo necesario, diferenciando sus atribuciones.',
		source: DAIE,
		issuedOn: '2019-08-31',
		addressedTo: IESS,
		area: 'sustainability',
		priority: 'medium',
		timeframe: 'Mediano plazo (2–3 años)',
		outputs: ['4.1'],
		events: [
			{ date: '2019-11-04', status: 'accepted_in_principle' },
			{
				date: '2021-03-15',
				status: 'partially_adopted',
				instrument: ill('Resolución IESS-CD-2021-009'),
				note: 'Se crearon dos de las tres subdirecciones.'
			}
		]
	},
	{
		code: 'SOS-03',
		text: 'Reducir la rotación del personal de la DAIE, promover su desarrollo profesional e introducir modelos de conciliación laboral.',
		source: DAIE,
		issuedOn: '2019-08-31',
		addressedTo: IESS,
		area: 'sustainability',
		priority: 'medium',
		timeframe: 'Mediano plazo (2–3 años)',
		outputs: ['4.1'],
		events: [{ date: '2020-02-10', status: 'under_review' }]
	},
	{
		code: 'SOS-04',
		text: 'Contratar al menos cinco actuarios para la subdirección actuarial y los seguros de pensiones, salud y demás que administra el IESS.',
		source: DAIE,
		issuedOn: '2019-08-31',
		addressedTo: IESS,
		area: 'sustainability',
		priority: 'high',
		timeframe: 'Corto plazo (12 meses)',
		outputs: ['4.1'],
		events: [
			{ date: '2019-11-04', status: 'accepted_in_principle' },
			{ date: '2020-09-01', status: 'partially_adopted', instrument: ill('Dos actuarios contratados') }
		],
		keyActions: [
			{
				action: 'Concurso para las tres plazas de actuario pendientes',
				responsible: 'Dirección de Talento Humano del IESS',
				dueDate: '2021-12-31',
				status: 'initiated'
			}
		]
	},
	{
		code: 'SOS-05',
		text: 'Fortalecer las capacidades técnicas del personal de la DAIE con metodologías actuariales y lineamientos internacionales para producir estadística.',
		source: DAIE,
		issuedOn: '2019-08-31',
		addressedTo: IESS,
		area: 'sustainability',
		priority: 'high',
		timeframe: 'Corto plazo (12 meses)',
		outputs: ['4.2'],
		indicators: ['4.2-1'],
		events: [
			{ date: '2019-10-01', status: 'accepted_in_principle' },
			{ date: '2020-05-29', status: 'adopted', instrument: ill('Plan de capacitación DAIE 2020–2021') },
			{
				date: '2021-09-30',
				status: 'implemented',
				evidenceUrl: ilo('la-pandemia-de-la-covid-19-y-sus-efectos-en-la-sostenibilidad-del-seguro-de')
			}
		]
	},
	{
		code: 'SOS-06',
		text: 'Cumplir el mandato legal de elaborar los estudios actuariales cada tres años con los modelos de pensiones y de salud de la OIT transferidos a la DAIE.',
		source: BALANCE,
		issuedOn: '2022-03-31',
		addressedTo: IESS,
		area: 'sustainability',
		priority: 'high',
		timeframe: 'Cada tres años',
		modules: ['M4'],
		outputs: ['4.2', '4.3'],
		indicators: ['M4-1', '4.3-1'],
		events: [
			{ date: '2022-06-15', status: 'accepted_in_principle' },
			{ date: '2025-03-31', status: 'adopted', instrument: ill('Estudio actuarial IVM con año base 2024') }
		],
		keyActions: [
			{
				action: 'Estudio actuarial del Seguro de Salud con año base 2024',
				responsible: 'Dirección Actuarial del IESS',
				dueDate: '2025-12-31',
				status: 'initiated'
			}
		]
	},
	{
		code: 'SOS-07',
		text: 'Publicar el informe actualizado de sostenibilidad del Seguro de Invalidez, Vejez y Muerte elaborado por la DAIE con la revisión técnica del Departamento Actuarial de la OIT.',
		source: BALANCE,
		issuedOn: '2022-03-31',
		addressedTo: IESS,
		area: 'sustainability',
		priority: 'high',
		timeframe: 'Corto plazo (12 meses)',
		outputs: ['4.3'],
		indicators: ['4.3-1'],
		events: [{ date: '2022-05-05', status: 'under_review' }],
		keyActions: [
			{
				action: 'Publicar el informe y la nota de constancia de la OIT',
				responsible: 'Dirección General del IESS',
				dueDate: '2022-12-31',
				status: 'not_initiated'
			}
		]
	},
	{
		code: 'SOS-08',
		text: 'Mejorar la articulación entre el BIESS y su propietario, el IESS, para armonizar los objetivos estratégicos de rentabilidad y seguridad de los fondos de la seguridad social.',
		source: BIESS,
		issuedOn: '2021-11-30',
		addressedTo: BIESS_,
		area: 'sustainability',
		priority: 'high',
		timeframe: 'Mediano plazo (2–3 años)',
		modules: ['M4'],
		outputs: ['4.4'],
		events: [
			{ date: '2022-02-09', status: 'accepted_in_principle', instrument: ill('Acta del Directorio del BIESS 2022-03') },
			{ date: '2023-06-21', status: 'partially_adopted', instrument: ill('Política de inversiones BIESS 2023') }
		]
	},
	{
		code: 'SOS-09',
		text: 'Revisar la estructura y la conformación del Directorio del BIESS para reforzar su independencia de los ciclos políticos, su rendición de cuentas, sus recursos y su pericia técnica.',
		source: BIESS,
		issuedOn: '2021-11-30',
		addressedTo: BIESS_,
		area: 'sustainability',
		priority: 'high',
		timeframe: 'Mediano plazo (2–3 años)',
		outputs: ['4.4'],
		events: [{ date: '2022-02-09', status: 'under_review' }]
	},
	{
		code: 'SOS-10',
		text: 'Emprender una segunda etapa de asistencia técnica para institucionalizar las propuestas de mejora de la relación IESS–BIESS, como pidió el Directorio del BIESS.',
		source: BIESS,
		issuedOn: '2021-11-30',
		addressedTo: BIESS_,
		area: 'sustainability',
		priority: 'medium',
		timeframe: 'Corto plazo (12 meses)',
		outputs: ['4.4'],
		events: [
			{ date: '2021-12-15', status: 'accepted_in_principle' },
			{
				date: '2022-08-31',
				status: 'no_longer_applicable',
				note: 'No se consiguió financiamiento para la segunda etapa tras el cierre del PATSS.'
			}
		]
	}
];

const quality: RecommendationSeed[] = [
	{
		code: 'CAL-01',
		text: 'Hacer obligatorio para el personal del IESS el curso «Conceptos y gobernanza de la seguridad social» de IESS-EDUCA y usarlo en los procesos de selección.',
		source: BALANCE,
		issuedOn: '2022-03-31',
		addressedTo: IESS,
		area: 'quality',
		priority: 'high',
		timeframe: 'Corto plazo (12 meses)',
		modules: ['M5'],
		outputs: ['5.1'],
		indicators: ['5.1-1', '5.1-3'],
		events: [
			{ date: '2022-05-12', status: 'accepted_in_principle' },
			{ date: '2023-01-16', status: 'adopted', instrument: ill('Resolución IESS-DG-2023-002') }
		],
		keyActions: [
			{
				action: 'Incluir el curso en el plan anual de capacitación',
				responsible: 'Dirección de Talento Humano del IESS',
				dueDate: '2023-03-31',
				status: 'completed'
			},
			{
				action: 'Exigir el certificado del curso en los concursos de méritos',
				responsible: 'Dirección de Talento Humano del IESS',
				dueDate: '2023-12-31',
				status: 'initiated'
			}
		]
	},
	{
		code: 'CAL-02',
		text: 'Aprobar la normativa para homologar la estadística del IESS, de modo que sus datos sean transparentes y sirvan para decidir y para estudiar el sistema.',
		source: ESTADISTICA,
		issuedOn: '2022-01-31',
		addressedTo: IESS,
		area: 'quality',
		priority: 'high',
		timeframe: 'Corto plazo (12 meses)',
		modules: ['M5'],
		outputs: ['5.3'],
		events: [
			{ date: '2022-03-10', status: 'under_review' },
			{ date: '2022-10-20', status: 'adopted', instrument: ill('Resolución IESS-CD-2022-052') },
			{ date: '2024-05-30', status: 'implemented', instrument: ill('Primer anuario estadístico homologado') }
		]
	},
	{
		code: 'CAL-03',
		text: 'Profesionalizar los equipos técnicos de afiliación, inspecciones, recaudación, gestión de cobro y tecnología con formación continua específica.',
		source: BALANCE,
		issuedOn: '2022-03-31',
		addressedTo: IESS,
		area: 'quality',
		priority: 'medium',
		timeframe: 'Mediano plazo (2–3 años)',
		modules: ['M5'],
		outputs: ['5.2'],
		indicators: ['M5-1'],
		events: [{ date: '2022-07-01', status: 'accepted_in_principle' }]
	}
];

// ---- PATSS: the mid-term evaluation's five recommendations -------------------------------------
// Their management responses follow what the logframe shows was done (activities 2.4.1, 5.1.2).

const midterm: RecommendationSeed[] = [
	{
		code: 'EMT-01',
		text: 'Elaborar e incorporar, de acuerdo con el IESS, una estrategia de género con acciones específicas en cada módulo, construida por consenso y basada en las políticas de la OIT.',
		source: MEDIO_TERMINO,
		issuedOn: '2020-12-15',
		addressedTo: EQUIPO,
		area: 'governance',
		priority: 'high',
		timeframe: 'Corto plazo (6 meses)',
		response: {
			value: 'accepted',
			text: 'El equipo elaborará la estrategia con el IESS, con acciones por módulo, y la seguirá con indicadores desagregados por sexo.'
		},
		modules: ['M1', 'M2', 'M3', 'M4', 'M5'],
		events: [
			{ date: '2021-01-20', status: 'accepted_in_principle' },
			{ date: '2021-07-15', status: 'adopted', instrument: ill('Estrategia de género del PATSS validada con el IESS') }
		],
		keyActions: [
			{
				action: 'Redactar la estrategia de género con acciones por módulo',
				responsible: 'Punto focal de género, OIT',
				dueDate: '2021-05-31',
				status: 'completed'
			},
			{ action: 'Validar la estrategia con el IESS', responsible: 'Coordinación PATSS', dueDate: '2021-07-31', status: 'completed' }
		]
	},
	{
		code: 'EMT-02',
		text: 'Añadir al curso virtual del módulo 5 un capítulo sobre igualdad de género e inclusión de grupos vulnerables en la seguridad social.',
		source: MEDIO_TERMINO,
		issuedOn: '2020-12-15',
		addressedTo: EQUIPO,
		area: 'quality',
		priority: 'medium',
		timeframe: 'Corto plazo (6 meses)',
		response: { value: 'accepted', text: 'Se incluirá como capítulo del curso en IESS-EDUCA.' },
		modules: ['M5'],
		outputs: ['5.1'],
		indicators: ['5.1-2'],
		events: [
			{ date: '2021-01-20', status: 'accepted_in_principle' },
			{ date: '2021-04-01', status: 'partially_adopted', note: 'Capítulo en redacción; la actividad 5.1.2 va con retraso.' }
		],
		keyActions: [
			{
				action: 'Redactar el capítulo sobre igualdad de género e inclusión de grupos vulnerables',
				responsible: 'Punto focal de género, OIT',
				dueDate: '2021-06-30',
				status: 'initiated'
			}
		]
	},
	{
		code: 'EMT-03',
		text: 'Elaborar y poner en marcha una estrategia de comunicación que atienda las necesidades de cada audiencia.',
		source: MEDIO_TERMINO,
		issuedOn: '2020-12-15',
		addressedTo: EQUIPO,
		area: 'governance',
		priority: 'medium',
		timeframe: 'Corto plazo (6 meses)',
		response: {
			value: 'partially_accepted',
			text: 'No hay recursos para una estrategia independiente; la comunicación por audiencias se integra en productos en curso (serie de podcasts «Vértices de la seguridad social», campaña «Hablemos la plena»).'
		},
		modules: ['M1', 'M3'],
		events: [
			{ date: '2021-02-15', status: 'accepted_in_principle' },
			{ date: '2021-09-30', status: 'partially_adopted', evidenceUrl: 'https://soundcloud.com/international-labour-organization/sets/iees' }
		],
		keyActions: [
			{
				action: 'Definir los mensajes por audiencia para los productos en curso',
				responsible: 'Coordinación PATSS',
				dueDate: '2021-06-30',
				status: 'completed'
			},
			{
				action: 'Plan de difusión de los resultados al cierre del programa',
				responsible: 'Coordinación PATSS',
				dueDate: '2022-01-31',
				status: 'not_initiated'
			}
		]
	},
	{
		code: 'EMT-04',
		text: 'Incluir como sección final del módulo 2 una propuesta de mecanismo de monitoreo y evaluación que siga la aplicación por el IESS de las recomendaciones de la OIT.',
		source: MEDIO_TERMINO,
		issuedOn: '2020-12-15',
		addressedTo: EQUIPO,
		area: 'governance',
		priority: 'high',
		timeframe: 'Mediano plazo (12 meses)',
		response: { value: 'accepted', text: 'Se añade el producto 2.4 al módulo 2.' },
		modules: ['M2'],
		outputs: ['2.4'],
		indicators: ['2.4-1'],
		events: [
			{ date: '2021-01-20', status: 'accepted_in_principle' },
			{ date: '2021-03-01', status: 'partially_adopted', note: 'Diseño del mecanismo iniciado (actividad 2.4.1).' }
		],
		keyActions: [
			{
				action: 'Diseñar el mecanismo de monitoreo y evaluación de la aplicación de las recomendaciones',
				responsible: 'Oficial de monitoreo y evaluación',
				dueDate: '2021-09-30',
				status: 'initiated'
			}
		]
	},
	{
		code: 'EMT-05',
		text: 'Poner en marcha, como herramienta interna del equipo, un seguimiento basado en indicadores y una matriz de riesgos y supuestos por módulo, producto o actividad.',
		source: MEDIO_TERMINO,
		issuedOn: '2020-12-15',
		addressedTo: EQUIPO,
		area: 'quality',
		priority: 'high',
		timeframe: 'Corto plazo (6 meses)',
		response: {
			value: 'accepted',
			text: 'El equipo adopta una matriz de indicadores y otra de riesgos y supuestos, revisadas cada semestre.'
		},
		modules: ['M1', 'M2', 'M3', 'M4', 'M5'],
		events: [
			{ date: '2021-01-20', status: 'accepted_in_principle' },
			{ date: '2021-06-30', status: 'adopted', instrument: ill('Matrices de seguimiento en uso desde 2021-S1') }
		],
		keyActions: [
			{
				action: 'Primera revisión semestral de riesgos y supuestos',
				responsible: 'Coordinación PATSS',
				dueDate: '2021-06-30',
				status: 'completed'
			}
		]
	}
];

// ---- El Salvador: recommendations arising from the ILO actuarial studies -------------------------

const ESTUDIOS_ACTUARIALES: SourceDocumentSeed = {
	title: 'Estudios actuariales de la OIT sobre el Instituto Salvadoreño del Seguro Social y sus recomendaciones técnicas',
	kind: 'technical_study',
	issuedOn: null,
	url: null
};
const FINANCIAMIENTO: SourceDocumentSeed = {
	title: 'Recomendaciones técnicas para un esquema de financiamiento del piso de protección social',
	kind: 'technical_study',
	issuedOn: '2021-12-15',
	url: null
};

const elSalvador: RecommendationSeed[] = [
	{
		code: 'SLV-01',
		text: 'Aplicar de forma progresiva las recomendaciones técnicas de los estudios actuariales de la OIT para mejorar la gobernanza administrativa y financiera del seguro social.',
		source: ESTUDIOS_ACTUARIALES,
		issuedOn: '2017-11-01',
		addressedTo: 'ISSS',
		area: 'sustainability',
		priority: 'high',
		timeframe: 'Duración del proyecto (2017–2021)',
		modules: ['M1'],
		outputs: ['1.1'],
		events: [
			{ date: '2018-03-01', status: 'accepted_in_principle', instrument: ill('Hoja de ruta de implementación con el ISSS') },
			{ date: '2020-10-15', status: 'partially_adopted' }
		],
		keyActions: [
			{
				action: 'Acordar con el ISSS la hoja de ruta de implementación',
				responsible: 'Especialista de protección social, OIT',
				dueDate: '2018-12-31',
				status: 'completed'
			}
		]
	},
	{
		code: 'SLV-02',
		text: 'Mejorar la gobernanza del Régimen de Riesgos Profesionales y elaborar una estrategia de gobernanza para el Régimen de Salud.',
		source: ESTUDIOS_ACTUARIALES,
		issuedOn: '2017-11-01',
		addressedTo: 'ISSS',
		area: 'governance',
		priority: 'medium',
		timeframe: 'Mediano plazo',
		outputs: ['1.2'],
		events: [{ date: '2019-04-01', status: 'under_review' }]
	},
	{
		code: 'SLV-03',
		text: 'Mejorar la calidad y la cantidad de las estadísticas de seguridad social, con mejores registros administrativos y el procesamiento de indicadores estratégicos.',
		source: ESTUDIOS_ACTUARIALES,
		issuedOn: '2017-11-01',
		addressedTo: 'Ministerio de Trabajo y Previsión Social',
		area: 'quality',
		priority: 'medium',
		timeframe: 'Mediano plazo',
		outputs: ['1.3'],
		events: [{ date: '2019-09-01', status: 'accepted_in_principle' }],
		keyActions: [
			{
				action: 'Procesar los indicadores estratégicos con el ISSS y el MTPS',
				responsible: 'Estadístico, OIT',
				dueDate: '2021-06-30',
				status: 'initiated'
			}
		]
	},
	{
		code: 'SLV-04',
		text: 'Crear un esquema financiero para sostener el piso de protección social y otras estrategias nacionales de protección social.',
		source: FINANCIAMIENTO,
		issuedOn: '2021-12-15',
		addressedTo: 'Secretaría Técnica y de Planificación de la Presidencia',
		area: 'sustainability',
		priority: 'high',
		timeframe: 'Largo plazo',
		modules: ['M3'],
		outputs: ['3.2']
	}
];

export const recommendationSeeds: Record<string, RecommendationSeed[]> = {
	PATSS: [...coverage, ...governance, ...sustainability, ...quality, ...midterm],
	'SLV/16/03/RBS': elSalvador
};

// ---- loading -----------------------------------------------------------------------------------

/**
 * Inserts the programme's recommendations with their sources, links, illustrative steps and key
 * actions, unless it already has recommendations (so a rerun changes nothing). Steps are checked
 * against the ladder rules, so the seed cannot hold a history the app would refuse.
 */
export async function seedRecommendations(db: Db, programmeId: number, seeds: RecommendationSeed[]): Promise<boolean> {
	const any = await db.selectFrom('recommendation').select('id').where('programme_id', '=', programmeId).executeTakeFirst();
	if (any || seeds.length === 0) return false;
	const today = new Date().toISOString().slice(0, 10);
	await db.transaction().execute(async (trx) => {
		const [modules, outputs, indicators] = await Promise.all([
			trx.selectFrom('module').select(['id', 'code']).where('programme_id', '=', programmeId).execute(),
			trx
				.selectFrom('output')
				.innerJoin('module', 'module.id', 'output.module_id')
				.select(['output.id', 'output.code'])
				.where('module.programme_id', '=', programmeId)
				.execute(),
			trx.selectFrom('indicator').select(['id', 'code']).where('programme_id', '=', programmeId).execute()
		]);
		const idOf = (rows: { id: number; code: string }[], kind: string, code: string, rec: string) => {
			const row = rows.find((r) => r.code === code);
			if (!row) throw new Error(`seed: no ${kind} ${code} for recommendation ${rec} in programme ${programmeId}`);
			return row.id;
		};

		const sourceIds = new Map<SourceDocumentSeed, number>();
		let events = 0;
		let keyActions = 0;
		for (const s of seeds) {
			let sourceId = sourceIds.get(s.source);
			if (sourceId === undefined) {
				({ id: sourceId } = await trx
					.insertInto('source_document')
					.values({
						programme_id: programmeId,
						title: s.source.title,
						kind: s.source.kind,
						issued_on: s.source.issuedOn,
						url: s.source.url
					})
					.returning('id')
					.executeTakeFirstOrThrow());
				sourceIds.set(s.source, sourceId);
			}
			const { id } = await trx
				.insertInto('recommendation')
				.values({
					programme_id: programmeId,
					source_document_id: sourceId,
					code: s.code,
					text: s.text,
					issued_on: s.issuedOn,
					addressed_to: s.addressedTo,
					area: s.area,
					priority: s.priority,
					timeframe: s.timeframe ?? '',
					management_response: s.response?.value ?? null,
					management_response_text: s.response?.text ?? '',
					// The documents give no management responses: the seed's are inferred.
					response_is_illustrative: s.response ? 1 : 0,
					internal_notes: s.internalNotes ?? ''
				})
				.returning('id')
				.executeTakeFirstOrThrow();

			const links = {
				modules: (s.modules ?? []).map((c) => idOf(modules, 'module', c, s.code)),
				outputs: (s.outputs ?? []).map((c) => idOf(outputs, 'output', c, s.code)),
				indicators: (s.indicators ?? []).map((c) => idOf(indicators, 'indicator', c, s.code))
			};
			if (links.modules.length)
				await trx
					.insertInto('recommendation_module')
					.values(links.modules.map((m) => ({ recommendation_id: id, module_id: m })))
					.execute();
			if (links.outputs.length)
				await trx
					.insertInto('recommendation_output')
					.values(links.outputs.map((o) => ({ recommendation_id: id, output_id: o })))
					.execute();
			if (links.indicators.length)
				await trx
					.insertInto('recommendation_indicator')
					.values(links.indicators.map((i) => ({ recommendation_id: id, indicator_id: i })))
					.execute();

			const ladder: { id: number; eventDate: IsoDate; status: AdoptionStatus }[] = [];
			for (const [i, e] of (s.events ?? []).entries()) {
				const problems = checkStep({
					issuedOn: s.issuedOn,
					today,
					events: ladder,
					eventDate: e.date,
					status: e.status,
					note: e.note ?? ''
				});
				if (problems.eventDate || problems.note)
					throw new Error(`seed: step ${i + 1} of ${s.code} breaks the ladder rules: ${JSON.stringify(problems)}`);
				const { id: eventId } = await trx
					.insertInto('adoption_event')
					.values({
						recommendation_id: id,
						event_date: e.date,
						status: e.status,
						instrument: e.instrument ?? '',
						evidence_url: e.evidenceUrl ?? null,
						note: e.note ?? '',
						author_id: null,
						is_illustrative: 1
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				ladder.push({ id: eventId, eventDate: e.date, status: e.status });
				events += 1;
			}
			if (s.keyActions?.length) {
				await trx
					.insertInto('key_action')
					.values(
						s.keyActions.map((k) => ({
							recommendation_id: id,
							action: k.action,
							responsible: k.responsible,
							due_date: k.dueDate,
							status: k.status,
							is_illustrative: 1
						}))
					)
					.execute();
				keyActions += s.keyActions.length;
			}
		}
		await recordAudit(trx, {
			userId: null,
			programmeId,
			entity: 'programme',
			entityId: programmeId,
			action: 'seed_recommendations',
			after: { recommendations: seeds.length, sources: sourceIds.size, events, keyActions },
			reason: 'seed'
		});
	});
	return true;
}
