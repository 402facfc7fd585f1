import type { Db } from '../src/lib/server/db/connection';
import type { Programme } from '../src/lib/model';
import { OUTLINES, type Rating, type SectionKey } from '../src/lib/reports/outline';
import { publicOrigin } from '../src/lib/server/http/origin';
import { getProgrammeBySlug } from '../src/lib/server/programmes/programmes';
import type { Renderers } from '../src/lib/server/reports/issue';
import { issueReport } from '../src/lib/server/reports/jobs';
import { createReport, loadSections, saveSection } from '../src/lib/server/reports/reports';

// The demo's reports of PATSS (design §6): one issued progress report over the first reporting
// periods (October 2018 – June 2020), written in our own words from the findings of the internal
// mid-term evaluation (OECD-DAC criteria), in Spanish and English, issued through the real issue
// path so that its files and hash are real; and one draft for the next period, left unfinished
// for an evaluator to complete. The ratings are the seed's illustration, not the evaluation's:
// each justification says so.

interface SectionText {
	es: string;
	en: string;
	rating?: Rating;
	justEs?: string;
	justEn?: string;
}

const ILLUSTRATIVE_ES = 'Calificación ilustrativa del ejemplo de demostración, no emitida por la evaluación de medio término.';
const ILLUSTRATIVE_EN = 'Illustrative rating of the demonstration seed, not given by the mid-term evaluation.';

const ISSUED: Partial<Record<SectionKey, SectionText>> = {
	executive_summary: {
		es: 'Durante sus primeros veinte meses, el PATSS avanzó según lo previsto en sus cinco módulos. La evaluación interna de medio término, realizada a distancia por la pandemia, encontró un programa **pertinente**, bien diseñado y valorado por el IESS y los demás actores nacionales.\n\nLas cifras generadas a continuación muestran el estado de los indicadores al corte; las principales tareas pendientes son la estrategia de género y el seguimiento de las recomendaciones entregadas al IESS.',
		en: 'In its first twenty months PATSS progressed as planned in all five modules. The internal mid-term evaluation, carried out remotely because of the pandemic, found a **relevant**, well-designed programme valued by IESS and the other national actors.\n\nThe generated figures below give the indicators at the cut-off; the main pending tasks are the gender strategy and following up the recommendations delivered to IESS.'
	},
	context: {
		es: 'La emergencia sanitaria de 2020 obligó a pasar talleres y entrevistas a modalidad virtual y cambió las prioridades del IESS hacia la respuesta a la crisis. El equipo participó en el grupo interagencial de protección social de Naciones Unidas, lo que ayudó a coordinar la respuesta y evitar duplicaciones.',
		en: "The 2020 health emergency moved workshops and interviews online and shifted IESS's priorities towards the crisis response. The team took part in the United Nations inter-agency social-protection group, which helped coordinate the response and avoid duplication."
	},
	relevance: {
		es: 'El programa responde a las metas de seguridad social del Plan Nacional de Desarrollo 2017-2021 y al programa y presupuesto de la OIT, y se alinea con las metas 1.3 y 8.b de los ODS. Los actores consultados lo consideran vigente y ajustado a las necesidades del instituto.',
		en: "The programme answers the social-security goals of the 2017-2021 National Development Plan and the ILO's programme and budget, and is aligned with SDG targets 1.3 and 8.b. The actors consulted see it as timely and suited to the institute's needs.",
		rating: 'highly_satisfactory',
		justEs: `Alineación clara con las prioridades nacionales y de la OIT, y un diseño participativo. ${ILLUSTRATIVE_ES}`,
		justEn: `Clear alignment with national and ILO priorities, and a participatory design. ${ILLUSTRATIVE_EN}`
	},
	coherence: {
		es: 'Los módulos forman un conjunto coherente para el objetivo general. El equipo tejió sinergias con otros proyectos y organizaciones que trabajan con el IESS y contribuyó a redactar y negociar proyectos complementarios.',
		en: 'The modules form a coherent whole for the overall objective. The team built synergies with other projects and organisations working with IESS and helped draft and negotiate complementary projects.',
		rating: 'satisfactory',
		justEs: `Sinergias efectivas; la coordinación formal con otros cooperantes aún es incipiente. ${ILLUSTRATIVE_ES}`,
		justEn: `Effective synergies; formal coordination with other partners is still at an early stage. ${ILLUSTRATIVE_EN}`
	},
	effectiveness: {
		es: 'Todos los módulos avanzan hacia sus resultados y la satisfacción de los mandantes es alta. La tabla de progreso muestra cada indicador frente a su hito; véase por ejemplo [[indicator:M1-1]] sobre los estudios de percepción.',
		en: 'Every module is moving towards its results and constituent satisfaction is high. The progress table shows each indicator against its milestone; see for instance [[indicator:M1-1]] on the perception studies.',
		rating: 'satisfactory',
		justEs: `Avance conforme a lo previsto en los cinco módulos, con algunos productos aún en curso. ${ILLUSTRATIVE_ES}`,
		justEn: `Progress as planned in the five modules, with some outputs still under way. ${ILLUSTRATIVE_EN}`
	},
	efficiency: {
		es: 'La planificación reflejó bien las prioridades de la asistencia técnica y los recursos humanos y financieros se usaron con eficiencia. El paso a la modalidad virtual permitió sostener el calendario con pocos retrasos.',
		en: 'Planning reflected the priorities of the technical assistance well and human and financial resources were used efficiently. Moving online kept the schedule with few delays.',
		rating: 'satisfactory',
		justEs: `Uso eficiente de los recursos; algunos retrasos por la pandemia. ${ILLUSTRATIVE_ES}`,
		justEn: `Efficient use of resources; some delays due to the pandemic. ${ILLUSTRATIVE_EN}`
	},
	impact: {
		es: 'Es pronto para medir efectos duraderos, pero las capacidades del personal del IESS en afiliación, recaudación, cobro, función actuarial y gobernanza han mejorado de forma visible.',
		en: 'It is early to measure lasting effects, but the capacities of IESS staff in affiliation, collection, arrears, actuarial work and governance have visibly improved.',
		rating: 'somewhat_satisfactory',
		justEs: `Efectos prometedores en capacidades; los cambios institucionales aún están por consolidarse. ${ILLUSTRATIVE_ES}`,
		justEn: `Promising effects on capacities; institutional changes are yet to be consolidated. ${ILLUSTRATIVE_EN}`
	},
	sustainability: {
		es: 'El interés de los mandantes en continuar la colaboración es una base sólida. La sostenibilidad dependerá de que el IESS adopte e institucionalice las recomendaciones; por ello la evaluación pidió un mecanismo de seguimiento de su aplicación.',
		en: "The constituents' interest in continuing the collaboration is a solid basis. Sustainability will depend on IESS adopting and institutionalising the recommendations; hence the evaluation asked for a mechanism to follow up their application.",
		rating: 'somewhat_satisfactory',
		justEs: `Apropiación alta, adopción de recomendaciones aún limitada al corte. ${ILLUSTRATIVE_ES}`,
		justEn: `High ownership, limited adoption of recommendations at the cut-off. ${ILLUSTRATIVE_EN}`
	},
	risks: {
		es: 'La matriz muestra los riesgos al corte. El cambio de autoridades y la crisis sanitaria fueron los principales factores de contexto; el programa todavía no contaba con una matriz de riesgos y supuestos por módulo, que la evaluación recomendó crear.',
		en: 'The matrix shows the risks at the cut-off. Changes of authorities and the health crisis were the main context factors; the programme did not yet have a risk and assumption matrix per module, which the evaluation recommended creating.'
	},
	gender: {
		es: 'El programa integra los ejes transversales de la OIT, pero la comprensión de la igualdad de género no es uniforme y las cuotas no bastan para lograr una participación igualitaria. Se recomendó una estrategia de género con acciones por módulo y un capítulo de género en el curso virtual.',
		en: "The programme integrates the ILO's cross-cutting policy drivers, but the understanding of gender equality is uneven and quotas alone do not bring equal participation. A gender strategy with actions per module and a gender chapter in the online course were recommended."
	},
	lessons_learned: {
		es: '- Los proyectos con fondos fiduciarios directos requieren un enfoque propio de diseño, seguimiento y evaluación.\n- La profesionalidad y la motivación del equipo, y su relación con los actores nacionales, influyen en el éxito.\n- Las cuotas de género no son suficientes por sí solas.',
		en: '- Projects funded by direct trust funds need their own approach to design, monitoring and evaluation.\n- The professionalism and motivation of the team, and its relationship with national actors, shape success.\n- Gender quotas are not enough on their own.'
	},
	good_practices: {
		es: 'La participación activa en el grupo interagencial de protección social posicionó a la OIT, armonizó actividades entre agencias y permitió una respuesta rápida a la crisis de la COVID-19.',
		en: 'Active participation in the inter-agency social-protection group positioned the ILO, harmonised activities across agencies and allowed a quick response to the COVID-19 crisis.'
	},
	next_period_plan: {
		es: '1. Elaborar con el IESS la estrategia de género por módulo.\n2. Incorporar el mecanismo de seguimiento de recomendaciones al módulo 2.\n3. Poner en marcha una estrategia de comunicación por audiencias.',
		en: '1. Draft the gender strategy per module with IESS.\n2. Add the recommendation follow-up mechanism to module 2.\n3. Launch a communication strategy tailored to each audience.'
	}
};

/**
 * The draft for July – December 2020: written but for two parts, so an evaluator has one to
 * finish (the effectiveness narrative, and the rating and justification of impact) before it can
 * be issued.
 */
const DRAFT: Partial<Record<SectionKey, SectionText>> = {
	executive_summary: {
		es: 'En el segundo semestre de 2020 el programa mantuvo la asistencia técnica en modalidad virtual y preparó con el IESS la estrategia de género pedida por la evaluación de medio término.',
		en: 'In the second half of 2020 the programme kept its technical assistance online and prepared with IESS the gender strategy the mid-term evaluation asked for.'
	},
	context: {
		es: 'La crisis sanitaria siguió marcando las prioridades del IESS; el trabajo con el grupo interagencial de protección social continuó.',
		en: "The health crisis kept shaping IESS's priorities; work with the inter-agency social-protection group continued."
	},
	relevance: {
		es: 'La pertinencia se mantiene; la respuesta a la crisis reforzó la demanda de estudios actuariales.',
		en: 'Relevance holds; the crisis response increased demand for actuarial studies.',
		rating: 'highly_satisfactory',
		justEs: `Demanda sostenida del IESS. ${ILLUSTRATIVE_ES}`,
		justEn: `Sustained demand from IESS. ${ILLUSTRATIVE_EN}`
	},
	coherence: {
		es: 'Las sinergias con otros proyectos de seguridad social se mantuvieron.',
		en: 'Synergies with other social-security projects were kept.',
		rating: 'satisfactory',
		justEs: `Coordinación continua. ${ILLUSTRATIVE_ES}`,
		justEn: `Continued coordination. ${ILLUSTRATIVE_EN}`
	},
	effectiveness: {
		es: '',
		en: '',
		rating: 'satisfactory',
		justEs: `Avance conforme a lo previsto. ${ILLUSTRATIVE_ES}`,
		justEn: `Progress as planned. ${ILLUSTRATIVE_EN}`
	},
	efficiency: {
		es: 'La modalidad virtual permitió sostener el calendario.',
		en: 'Working online kept the schedule.',
		rating: 'satisfactory',
		justEs: `Recursos usados con eficiencia. ${ILLUSTRATIVE_ES}`,
		justEn: `Resources used efficiently. ${ILLUSTRATIVE_EN}`
	},
	impact: {
		es: 'Los estudios actuariales avanzan hacia su uso por la Dirección Actuarial.',
		en: 'The actuarial studies are moving towards their use by the Actuarial Directorate.'
	},
	sustainability: {
		es: 'El mecanismo de seguimiento de las recomendaciones está en preparación.',
		en: 'The mechanism to follow up the recommendations is being prepared.',
		rating: 'somewhat_satisfactory',
		justEs: `Adopción aún limitada. ${ILLUSTRATIVE_ES}`,
		justEn: `Adoption still limited. ${ILLUSTRATIVE_EN}`
	},
	risks: {
		es: 'La matriz de riesgos y supuestos por módulo empezó a usarse este semestre.',
		en: 'The risk and assumption matrix per module came into use this semester.'
	},
	gender: {
		es: 'La estrategia de género se elaboró con acciones por módulo.',
		en: 'The gender strategy was drafted with actions per module.'
	},
	lessons_learned: {
		es: 'La asistencia virtual funciona mejor con sesiones cortas y materiales previos.',
		en: 'Online assistance works better with short sessions and material sent beforehand.'
	},
	good_practices: {
		es: 'Las reuniones mensuales de seguimiento con las direcciones del IESS.',
		en: 'Monthly follow-up meetings with the IESS directorates.'
	},
	next_period_plan: {
		es: '1. Validar la estrategia de género.\n2. Concluir los estudios actuariales.',
		en: '1. Validate the gender strategy.\n2. Complete the actuarial studies.'
	}
};

async function writeSections(
	db: Db,
	actor: { id: number },
	programme: Programme,
	reportId: number,
	texts: Partial<Record<SectionKey, SectionText>>
) {
	const sections = await loadSections(db, reportId);
	for (const s of sections) {
		const t = texts[s.key];
		if (!t) continue;
		await saveSection(db, actor, programme, reportId, {
			key: s.key,
			version: s.version,
			rating: t.rating,
			narrativeEs: t.es,
			narrativeEn: t.en,
			justificationEs: t.justEs ?? '',
			justificationEn: t.justEn ?? ''
		});
	}
}

/**
 * Seeds the PATSS reports once (nothing when PATSS already has a report, or when there is no
 * evaluator account to write them). Returns whether it added them.
 */
export async function seedReports(db: Db, renderers: Renderers, options: { origin?: string } = {}): Promise<boolean> {
	const programme = await getProgrammeBySlug(db, 'patss');
	if (!programme) return false;
	const evaluator = await db.selectFrom('user').select(['id', 'name']).where('email', '=', 'evaluator@avance.test').executeTakeFirst();
	if (!evaluator) return false;
	const existing = await db.selectFrom('report').select('id').where('programme_id', '=', programme.id).executeTakeFirst();
	if (existing) return false;
	const periods = await db.selectFrom('reporting_period').select(['id', 'label']).where('programme_id', '=', programme.id).execute();
	const idsOf = (labels: string[]) => periods.filter((p) => labels.includes(p.label)).map((p) => p.id);

	const issued = await createReport(db, evaluator, programme, {
		layout: 'oecd_dac',
		titleEs: 'Informe de avance del PATSS, octubre 2018 – junio 2020',
		titleEn: 'PATSS progress report, October 2018 – June 2020',
		window: 'periods',
		periodIds: idsOf(['2018-S2', '2019-S1', '2019-S2', '2020-S1']),
		windowStart: null,
		cutOff: null,
		languages: ['es', 'en']
	});
	// Every part of the layout has its text (a missing one would block the issue).
	for (const o of OUTLINES.oecd_dac) if (!ISSUED[o.key]) throw new Error(`seed report lacks ${o.key}`);
	await writeSections(db, evaluator, programme, issued, ISSUED);
	const version = (await db.selectFrom('report').select('version').where('id', '=', issued).executeTakeFirstOrThrow()).version;
	await issueReport(db, evaluator, programme, issued, version, renderers, {
		// The instance's public address (ORIGIN), so the issued files' links work where it is served.
		origin: options.origin ?? publicOrigin(),
		now: new Date('2020-09-15T15:00:00.000Z')
	});

	const draft = await createReport(db, evaluator, programme, {
		layout: 'oecd_dac',
		titleEs: 'Informe de avance del PATSS, julio – diciembre 2020',
		titleEn: 'PATSS progress report, July – December 2020',
		window: 'periods',
		periodIds: idsOf(['2020-S2']),
		windowStart: null,
		cutOff: null,
		languages: ['es', 'en']
	});
	await writeSections(db, evaluator, programme, draft, DRAFT);
	return true;
}
