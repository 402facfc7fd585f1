import type { Db } from '../src/lib/server/db/connection';
import type { Locale } from '../src/lib/model';
import type { EvaluationCriterion, EvaluationMethod, LessonKind, LessonTheme, TemplateField } from '../src/lib/evaluation/model';
import { recordAudit } from '../src/lib/server/core/audit';
import { refreshSearchText, TEMPLATE_COLUMNS } from '../src/lib/server/evaluation/lessons';
import { createReport } from '../src/lib/server/reports/reports';
import { addQuestion } from '../src/lib/server/evaluation/matrix';
import { getProgrammeBySlug } from '../src/lib/server/programmes/programmes';

// Seed of the lessons learned and emerging good practices (issue 24), by programme code. PATSS's
// come from its internal mid-term evaluation (shared/seeds/patss-midterm-evaluation-es.txt), the
// others are plausible readings of the projects' documents; all written in our own words, in
// Spanish and English, validated on the date their evaluation or review closed (nobody validated
// them in Avance, so no validator is named). Links name modules and indicators by code.

interface Bilingual {
	es: string;
	en: string;
}

export interface LessonSeed {
	kind: LessonKind;
	theme: LessonTheme;
	criterion: EvaluationCriterion | null;
	title: Bilingual;
	fields: Partial<Record<TemplateField, Bilingual>>;
	validatedOn: string;
	modules?: string[];
	indicators?: string[];
}

const MIDTERM = '2021-09-30';

export const lessonSeeds: Record<string, LessonSeed[]> = {
	PATSS: [
		{
			kind: 'lesson',
			theme: 'gender_equality',
			criterion: 'gender_equality',
			title: {
				es: 'Las cuotas de participación no bastan para la igualdad de género',
				en: 'Participation quotas are not enough for gender equality'
			},
			fields: {
				context: {
					es: 'Las actividades de formación y las mesas de trabajo fijaron cuotas de participación de mujeres, sin una estrategia de género del programa.',
					en: 'Training activities and working tables set quotas for women’s participation, without a gender strategy for the programme.'
				},
				challenges: {
					es: 'No todas las contrapartes entendían la igualdad de género del mismo modo; contar participantes no mostraba si las decisiones cambiaban.',
					en: 'Not every counterpart understood gender equality the same way; counting participants did not show whether decisions changed.'
				},
				causalFactors: {
					es: 'El diseño no previó acciones de género por módulo ni un lenguaje común sobre el concepto.',
					en: 'The design planned no gender actions per module and no shared language about the concept.'
				},
				targetedUsers: {
					es: 'Equipos de proyecto de la OIT y la dirección del IESS.',
					en: 'ILO project teams and IESS management.'
				},
				success: {
					es: 'La evaluación de medio término llevó a acordar con el IESS una estrategia de género con acciones por módulo.',
					en: 'The mid-term evaluation led to agreeing a gender strategy with actions per module with IESS.'
				}
			},
			validatedOn: MIDTERM,
			modules: ['M5']
		},
		{
			kind: 'lesson',
			theme: 'project_management',
			criterion: 'effectiveness',
			title: {
				es: 'La solvencia y la cercanía del equipo del proyecto sostienen los resultados',
				en: 'A capable team close to its counterparts sustains the results'
			},
			fields: {
				context: {
					es: 'Un programa de asistencia técnica con cinco módulos y muchas contrapartes dentro del IESS, ejecutado en parte en remoto durante la pandemia.',
					en: 'A technical-assistance programme with five modules and many counterparts inside IESS, partly run remotely during the pandemic.'
				},
				challenges: {
					es: 'Los cambios de autoridades del IESS obligaban a volver a explicar los objetivos y a reconstruir acuerdos.',
					en: 'Changes of IESS authorities meant explaining the aims again and rebuilding agreements.'
				},
				causalFactors: {
					es: 'El conocimiento técnico, la motivación del equipo y la confianza personal y profesional con los actores nacionales.',
					en: 'Technical knowledge, the team’s motivation, and personal and professional trust with the national actors.'
				},
				targetedUsers: {
					es: 'Responsables de proyectos de cooperación técnica de la OIT.',
					en: 'Managers of ILO technical cooperation projects.'
				},
				success: {
					es: 'Los mandantes valoraron la asistencia y pidieron continuar la colaboración con la OIT.',
					en: 'Constituents valued the assistance and asked to continue working with the ILO.'
				}
			},
			validatedOn: MIDTERM
		},
		{
			kind: 'lesson',
			theme: 'project_management',
			criterion: 'efficiency',
			title: {
				es: 'Los fondos fiduciarios directos necesitan su propio modo de diseño, seguimiento y evaluación',
				en: 'Direct trust funds need their own way of design, monitoring and evaluation'
			},
			fields: {
				context: {
					es: 'El PATSS lo financia el propio IESS, que es a la vez donante y beneficiario de la asistencia.',
					en: 'PATSS is funded by IESS itself, which is both the donor and the beneficiary of the assistance.'
				},
				challenges: {
					es: 'Las guías de evaluación pensadas para donantes externos encajan mal cuando el donante es la institución asistida.',
					en: 'Evaluation guidance written for external donors fits badly when the donor is the assisted institution.'
				},
				causalFactors: {
					es: 'No existe una metodología de evaluación específica para esta modalidad.',
					en: 'There is no evaluation methodology specific to this modality.'
				},
				targetedUsers: {
					es: 'La oficina de evaluación de la OIT (EVAL) y las oficinas de país.',
					en: 'The ILO evaluation office (EVAL) and country offices.'
				},
				administrativeIssues: {
					es: 'Conviene que EVAL proponga una metodología que tenga en cuenta las características de los fondos fiduciarios directos.',
					en: 'EVAL should propose a methodology that takes the features of direct trust funds into account.'
				}
			},
			validatedOn: MIDTERM
		},
		{
			kind: 'practice',
			theme: 'institutional_capacity',
			criterion: 'coherence',
			title: {
				es: 'Negociar proyectos complementarios y tejer sinergias alrededor del IESS',
				en: 'Negotiating complementary projects and building synergies around IESS'
			},
			fields: {
				summary: {
					es: 'El equipo del PATSS ayudó a redactar y negociar nuevos proyectos de seguridad social que complementan su papel con el IESS.',
					en: 'The PATSS team helped draft and negotiate new social-security projects that complement its role with IESS.'
				},
				conditions: {
					es: 'Un equipo técnico con prestigio ante el IESS y otros organismos, y donantes interesados en la protección social del país.',
					en: 'A technical team respected by IESS and other agencies, and donors interested in the country’s social protection.'
				},
				causeEffect: {
					es: 'Al conocer de cerca las necesidades del IESS, el equipo pudo orientar los nuevos proyectos hacia vacíos que el PATSS no cubría.',
					en: 'Knowing IESS’s needs closely, the team could steer the new projects towards gaps PATSS did not cover.'
				},
				impact: {
					es: 'Más recursos de cooperación para el fortalecimiento de la seguridad social en Ecuador, sin duplicaciones.',
					en: 'More cooperation resources for strengthening social security in Ecuador, without duplication.'
				},
				replication: {
					es: 'Replicable en programas de asistencia técnica prolongados con una sola institución contraparte.',
					en: 'Can be replicated in long technical-assistance programmes with a single counterpart institution.'
				},
				pbLink: {
					es: 'Resultado de protección social del Programa y Presupuesto de la OIT 2020-2021.',
					en: 'Social protection outcome of the ILO Programme and Budget 2020–21.'
				}
			},
			validatedOn: MIDTERM
		},
		{
			kind: 'practice',
			theme: 'social_protection',
			criterion: 'coherence',
			title: {
				es: 'Participar en el grupo interagencial de protección social',
				en: 'Taking part in the inter-agency social protection group'
			},
			fields: {
				summary: {
					es: 'El equipo participó activamente en el grupo interagencial de protección social de las Naciones Unidas en Ecuador.',
					en: 'The team took an active part in the United Nations inter-agency social protection group in Ecuador.'
				},
				conditions: {
					es: 'Un grupo interagencial en funcionamiento y la crisis de la COVID-19, que exigía respuestas coordinadas.',
					en: 'A working inter-agency group and the COVID-19 crisis, which called for coordinated responses.'
				},
				causeEffect: {
					es: 'Coordinar desde el grupo evitó duplicar actividades entre agencias y aceleró la respuesta a la pandemia.',
					en: 'Coordinating through the group avoided duplicated activities across agencies and sped up the pandemic response.'
				},
				impact: {
					es: 'La OIT quedó bien posicionada en el sistema de las Naciones Unidas en Ecuador; respuesta rápida ante la COVID-19.',
					en: 'The ILO became well placed within the United Nations system in Ecuador; a fast response to COVID-19.'
				},
				replication: {
					es: 'Aplicable en todo país con un grupo interagencial activo.',
					en: 'Applicable in any country with an active inter-agency group.'
				},
				pbLink: {
					es: 'Resultado de protección social del P&P y marco de cooperación de las Naciones Unidas en Ecuador.',
					en: 'P&B social protection outcome and the United Nations cooperation framework in Ecuador.'
				}
			},
			validatedOn: MIDTERM
		}
	],
	'UE-ECU-DESEMPLEO': [
		{
			kind: 'lesson',
			theme: 'social_dialogue',
			criterion: 'social_dialogue',
			title: {
				es: 'Un grupo de trabajo con delegados oficiales da continuidad al diálogo técnico',
				en: 'A working group of official delegates keeps the technical dialogue going'
			},
			fields: {
				context: {
					es: 'Reforma del seguro de desempleo con el IESS, el Ministerio del Trabajo y el Ministerio de Economía y Finanzas.',
					en: 'Reform of unemployment insurance with IESS, the Ministry of Labour and the Ministry of Economy and Finance.'
				},
				challenges: {
					es: 'Tres instituciones con prioridades distintas y poco tiempo de sus técnicos para el proyecto.',
					en: 'Three institutions with different priorities and little of their experts’ time for the project.'
				},
				success: {
					es: 'Los subgrupos con los principales ejecutores permitieron avanzar en la evaluación del seguro vigente.',
					en: 'Subgroups with the main implementers made it possible to advance the review of the current insurance.'
				}
			},
			validatedOn: '2021-06-30'
		}
	],
	'UE-PER-DESEMPLEO': [
		{
			kind: 'practice',
			theme: 'social_protection',
			criterion: 'relevance',
			title: {
				es: 'Reuniones semanales de un grupo multisectorial para construir la propuesta',
				en: 'Weekly meetings of a multi-stakeholder group to build the proposal'
			},
			fields: {
				summary: {
					es: 'Funcionarios de alto nivel, especialistas ministeriales, la delegación de la UE y la OIT se reunieron cada semana para discutir la propuesta de protección frente al desempleo.',
					en: 'Senior officials, ministry specialists, the EU delegation and the ILO met every week to discuss the unemployment protection proposal.'
				},
				conditions: {
					es: 'Voluntad política tras la pandemia y alta informalidad que hacía urgente una protección para trabajadores formales e informales.',
					en: 'Political will after the pandemic and high informality that made protection for formal and informal workers urgent.'
				},
				causeEffect: {
					es: 'La frecuencia de las reuniones creó apropiación y consenso sobre la cobertura y las prestaciones.',
					en: 'The frequency of the meetings built ownership and consensus on coverage and benefits.'
				},
				replication: {
					es: 'Útil en reformas que requieren acuerdos entre varios ministerios.',
					en: 'Useful in reforms that need agreement between several ministries.'
				}
			},
			validatedOn: '2021-12-31'
		}
	],
	'SLV/16/03/RBS': [
		{
			kind: 'lesson',
			theme: 'information_systems',
			criterion: 'sustainability',
			title: {
				es: 'Mejorar los registros administrativos antes de medir la cobertura',
				en: 'Improve administrative records before measuring coverage'
			},
			fields: {
				context: {
					es: 'Extensión de la seguridad social a trabajadores independientes, domésticos y rurales en El Salvador.',
					en: 'Extension of social security to self-employed, domestic and rural workers in El Salvador.'
				},
				challenges: {
					es: 'Las estadísticas de seguridad social eran incompletas y llegaban tarde, lo que dificultaba seguir los indicadores estratégicos.',
					en: 'Social security statistics were incomplete and late, which made strategic indicators hard to follow.'
				},
				causalFactors: {
					es: 'Registros administrativos dispersos entre el ISSS y el Ministerio de Trabajo.',
					en: 'Administrative records spread between ISSS and the Ministry of Labour.'
				},
				targetedUsers: {
					es: 'Institutos de seguridad social y ministerios de trabajo de la región.',
					en: 'Social security institutes and labour ministries in the region.'
				}
			},
			validatedOn: '2021-12-31'
		}
	]
};

/** Seeds the programme's lessons and good practices once (nothing when it has any). Returns whether it added them. */
export async function seedLessons(db: Db, programmeId: number, seeds: LessonSeed[]): Promise<boolean> {
	const any = await db.selectFrom('lesson').select('id').where('programme_id', '=', programmeId).executeTakeFirst();
	if (any || seeds.length === 0) return false;
	await db.transaction().execute(async (trx) => {
		const programme = await trx.selectFrom('programme').select('content_language').where('id', '=', programmeId).executeTakeFirstOrThrow();
		const lang = programme.content_language as Locale;
		const other: Locale = lang === 'es' ? 'en' : 'es';
		const [modules, indicators] = await Promise.all([
			trx.selectFrom('module').select(['id', 'code']).where('programme_id', '=', programmeId).execute(),
			trx.selectFrom('indicator').select(['id', 'code']).where('programme_id', '=', programmeId).execute()
		]);
		const idOf = (rows: { id: number; code: string }[], code: string) => {
			const row = rows.find((r) => r.code === code);
			if (!row) throw new Error(`seed: lesson links unknown ${code}`);
			return row.id;
		};
		for (const s of seeds) {
			const texts = Object.fromEntries(
				Object.entries(s.fields).map(([f, t]) => [TEMPLATE_COLUMNS[f as TemplateField], t![lang]])
			) as Record<string, string>;
			const { id } = await trx
				.insertInto('lesson')
				.values({
					programme_id: programmeId,
					kind: s.kind,
					status: 'validated',
					theme: s.theme,
					criterion: s.criterion,
					title: s.title[lang],
					...texts,
					validated_at: `${s.validatedOn}T12:00:00.000Z`
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const translations = [['title', s.title[other]] as const, ...Object.entries(s.fields).map(([f, t]) => [f, t![other]] as const)];
			await trx
				.insertInto('translation')
				.values(
					translations.map(([field, text]) => ({ programme_id: programmeId, entity: 'lesson', entity_id: id, field, locale: other, text }))
				)
				.execute();
			for (const code of s.modules ?? [])
				await trx
					.insertInto('lesson_module')
					.values({ lesson_id: id, module_id: idOf(modules, code) })
					.execute();
			for (const code of s.indicators ?? [])
				await trx
					.insertInto('lesson_indicator')
					.values({ lesson_id: id, indicator_id: idOf(indicators, code) })
					.execute();
			await refreshSearchText(trx, id);
		}
		await recordAudit(trx, {
			userId: null,
			programmeId,
			entity: 'programme',
			entityId: programmeId,
			action: 'seed_lessons',
			after: { count: seeds.length },
			reason: 'seed'
		});
	});
	return true;
}

interface QuestionSeed {
	criterion: EvaluationCriterion;
	question: string;
	judgementCriteria: string;
	sources: string;
	methods: EvaluationMethod[];
	indicators: string[];
	recommendations: string[];
	/** The three texts in English (written for Avance; the Spanish stays the content language). */
	en: { question: string; judgementCriteria: string; sources: string };
}

/** The matrix of the PATSS final evaluation (an inception-report draft over the whole programme). */
const PATSS_FINAL: QuestionSeed[] = [
	{
		criterion: 'relevance',
		question: '¿En qué medida respondió el PATSS a las prioridades del IESS y del Plan Nacional de Desarrollo en seguridad social?',
		judgementCriteria: 'Objetivos alineados con el Plan Nacional y con el P&P de la OIT; necesidades del IESS recogidas en el diseño.',
		sources: 'Documento del programa; Plan Nacional de Desarrollo 2017-2021; actas del comité de seguimiento.',
		methods: ['document_review', 'constituent_interviews'],
		indicators: ['IMP-1'],
		recommendations: [],
		en: {
			question: 'To what extent did PATSS respond to the priorities of IESS and of the National Development Plan on social security?',
			judgementCriteria: "Objectives in line with the National Plan and the ILO Programme and Budget; IESS's needs taken up in the design.",
			sources: 'Programme document; National Development Plan 2017-2021; minutes of the steering committee.'
		}
	},
	{
		criterion: 'effectiveness',
		question: '¿En qué medida mejoraron los procesos de afiliación, recaudación y gestión de cobro del IESS?',
		judgementCriteria: 'Metas de los indicadores del módulo 2 alcanzadas; procesos rediseñados en uso.',
		sources: 'Registros administrativos del IESS; informes de avance; valores aprobados de los indicadores.',
		methods: ['data_analysis', 'key_informant_interviews'],
		indicators: ['M2-1', '2.4-1'],
		recommendations: ['COB-01'],
		en: {
			question: "To what extent did IESS's registration, contribution collection and debt recovery processes improve?",
			judgementCriteria: 'Targets of the module 2 indicators reached; redesigned processes in use.',
			sources: 'IESS administrative records; progress reports; approved indicator values.'
		}
	},
	{
		criterion: 'effectiveness',
		question: '¿Se extendió la cobertura a los trabajadores independientes como se previó?',
		judgementCriteria: 'Crecimiento de afiliados independientes frente a la línea de base; propuesta normativa adoptada.',
		sources: 'Estadísticas de afiliación del IESS; resoluciones del Consejo Directivo.',
		methods: ['data_analysis', 'document_review'],
		indicators: ['M3-1', '3.2-1'],
		recommendations: ['COB-02'],
		en: {
			question: 'Was coverage extended to self-employed workers as planned?',
			judgementCriteria: 'Growth in self-employed members against the baseline; regulatory proposal adopted.',
			sources: 'IESS membership statistics; resolutions of the Board of Directors.'
		}
	},
	{
		criterion: 'efficiency',
		question: '¿Se usaron los recursos y el tiempo de forma que permitieran los resultados previstos?',
		judgementCriteria: 'Actividades terminadas a tiempo; ejecución presupuestaria acorde al avance.',
		sources: 'Planes de trabajo; informes financieros; cronograma de actividades.',
		methods: ['document_review', 'data_analysis'],
		indicators: [],
		recommendations: [],
		en: {
			question: 'Were resources and time used in a way that allowed the expected results?',
			judgementCriteria: 'Activities completed on time; budget delivery in step with progress.',
			sources: 'Work plans; financial reports; activity schedule.'
		}
	},
	{
		criterion: 'sustainability',
		question: '¿Qué capacidades instaladas en la Dirección Actuarial y en el talento humano del IESS seguirán tras el programa?',
		judgementCriteria: 'Instrumentos adoptados por el IESS; personal capacitado que sigue en funciones.',
		sources: 'Resoluciones del IESS; registros de capacitación; entrevistas a directivos.',
		methods: ['constituent_interviews', 'survey'],
		indicators: ['M4-1', '5.1-1'],
		recommendations: [],
		en: {
			question: "Which capacities built in IESS's Actuarial Directorate and staff will remain after the programme?",
			judgementCriteria: 'Instruments adopted by IESS; trained staff still in post.',
			sources: 'IESS resolutions; training records; interviews with senior managers.'
		}
	},
	{
		criterion: 'social_dialogue',
		question: '¿Participaron los representantes de empleadores y trabajadores en las decisiones del programa?',
		judgementCriteria: 'Mesas tripartitas convocadas y sus acuerdos reflejados en las propuestas.',
		sources: 'Actas de las mesas técnicas; entrevistas a mandantes.',
		methods: ['constituent_interviews', 'focus_groups'],
		indicators: ['M1-1'],
		recommendations: [],
		en: {
			question: "Did employers' and workers' representatives take part in the programme's decisions?",
			judgementCriteria: 'Tripartite working tables convened and their agreements reflected in the proposals.',
			sources: 'Minutes of the technical working tables; interviews with the constituents.'
		}
	},
	{
		criterion: 'gender_equality',
		question: '¿Integró el programa la igualdad de género en sus módulos después de la evaluación de medio término?',
		judgementCriteria: 'Estrategia de género acordada y acciones por módulo ejecutadas; datos desagregados por sexo.',
		sources: 'Estrategia de género; acciones de género registradas; indicadores desagregados.',
		methods: ['document_review', 'key_informant_interviews'],
		indicators: ['5.1-2'],
		recommendations: [],
		en: {
			question: 'Did the programme mainstream gender equality in its modules after the mid-term evaluation?',
			judgementCriteria: 'Gender strategy agreed and actions carried out in each module; data disaggregated by sex.',
			sources: 'Gender strategy; recorded gender actions; sex-disaggregated indicators.'
		}
	}
];

/**
 * Seeds the PATSS final evaluation's matrix on a draft report over the whole programme, once
 * (nothing without the demo evaluator, or when the report exists). Returns whether it added it.
 */
export async function seedEvaluationMatrix(db: Db): Promise<boolean> {
	const programme = await getProgrammeBySlug(db, 'patss');
	if (!programme) return false;
	const evaluator = await db.selectFrom('user').select(['id']).where('email', '=', 'evaluator@avance.test').executeTakeFirst();
	if (!evaluator) return false;
	const titleEs = 'Evaluación final del PATSS (informe inicial)';
	const existing = await db
		.selectFrom('report')
		.select('id')
		.where('programme_id', '=', programme.id)
		.where('title_es', '=', titleEs)
		.executeTakeFirst();
	if (existing) return seedMatrixTranslations(db, programme.id, existing.id);
	const [indicators, recommendations] = await Promise.all([
		db.selectFrom('indicator').select(['id', 'code']).where('programme_id', '=', programme.id).execute(),
		db.selectFrom('recommendation').select(['id', 'code']).where('programme_id', '=', programme.id).execute()
	]);
	const ids = (rows: { id: number; code: string }[], codes: string[]) =>
		codes.map((c) => rows.find((r) => r.code === c)?.id).filter((id): id is number => id !== undefined);
	const reportId = await createReport(db, evaluator, programme, {
		layout: 'oecd_dac',
		titleEs,
		titleEn: 'PATSS final evaluation (inception report)',
		window: 'dates',
		periodIds: [],
		windowStart: programme.startDate,
		cutOff: programme.effectiveEndDate,
		languages: ['es', 'en']
	});
	const report = { id: reportId, status: 'draft' as const, windowStart: programme.startDate, cutOff: programme.effectiveEndDate };
	for (const q of PATSS_FINAL) {
		await addQuestion(db, evaluator, programme, report, {
			criterion: q.criterion,
			question: q.question,
			judgementCriteria: q.judgementCriteria,
			sources: q.sources,
			methods: q.methods,
			indicatorIds: ids(indicators, q.indicators),
			recommendationIds: ids(recommendations, q.recommendations),
			questionTranslation: q.en.question,
			judgementCriteriaTranslation: q.en.judgementCriteria,
			sourcesTranslation: q.en.sources
		});
	}
	return true;
}

/**
 * A matrix seeded before its texts were translatable gets their English versions, for the
 * questions that still read as seeded and have none yet (idempotent). Returns whether it added any.
 */
async function seedMatrixTranslations(db: Db, programmeId: number, reportId: number): Promise<boolean> {
	const [questions, translated] = await Promise.all([
		db.selectFrom('evaluation_question').select(['id', 'question']).where('report_id', '=', reportId).execute(),
		db
			.selectFrom('translation')
			.innerJoin('evaluation_question', 'evaluation_question.id', 'translation.entity_id')
			.select('translation.entity_id')
			.where('translation.entity', '=', 'evaluation_question')
			.where('evaluation_question.report_id', '=', reportId)
			.execute()
	]);
	const done = new Set(translated.map((t) => t.entity_id));
	const rows = questions.flatMap((q) => {
		const seed = PATSS_FINAL.find((s) => s.question === q.question);
		if (!seed || done.has(q.id)) return [];
		return (['question', 'judgementCriteria', 'sources'] as const).map((field) => ({
			programme_id: programmeId,
			entity: 'evaluation_question',
			entity_id: q.id,
			field,
			locale: 'en' as const,
			text: seed.en[field]
		}));
	});
	if (rows.length) await db.insertInto('translation').values(rows).execute();
	return rows.length > 0;
}
