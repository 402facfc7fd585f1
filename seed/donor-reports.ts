import type { Db } from '../src/lib/server/db/connection';
import type { Programme } from '../src/lib/model';
import { OUTLINES, type ReportLayout, type SectionKey } from '../src/lib/reports/outline';
import { donorFactsSchema, readDonorFacts, updateDonorFacts } from '../src/lib/server/programmes/donor-facts';
import { getProgrammeBySlug } from '../src/lib/server/programmes/programmes';
import { publicOrigin } from '../src/lib/server/http/origin';
import type { Renderers } from '../src/lib/server/reports/issue';
import { issueReport } from '../src/lib/server/reports/jobs';
import { saveModuleNarrative } from '../src/lib/server/reports/module-narratives';
import { createReport, loadSections, saveSection } from '../src/lib/server/reports/reports';
import { ILLUSTRATIVE_BUDGET_NOTE } from './donor-facts';

// The donors' own formats in the demo (issue 21): each of the four programmes gets one report
// issued through the real issue path in its donor's layout — the ILO TCPR for PATSS (direct trust
// fund) and El Salvador (RBSA), the EU interim narrative report for the EU projects in Ecuador and
// Peru — in Spanish and English, written in our own words from shared/seeds/, plus one EU draft
// for Peru's next period to finish. What the documents do not say is marked as illustrative in the
// text itself; the donor facts (seed/donor-facts.ts) are set from the documents where they give
// them and flagged illustrative where they do not (the EU contract numbers, target-group counts).

type Texts = Partial<Record<SectionKey, [es: string, en: string]>>;

const ILL_ES = '(Ilustrativo: no consta en los documentos de origen.)';
const ILL_EN = '(Illustrative: not stated in the source documents.)';

/** Parts every TCPR shares in substance; each programme's own parts override them. */
const tcprCommon = (name: string): Texts => ({
	attention_issues: [
		`No hay asuntos que requieran decisión de la gerencia o del donante en este período; se informa sobre la continuidad del equipo de ${name}. ${ILL_ES}`,
		`No issue requires a decision by management or the donor this period; the continuity of the ${name} team is reported. ${ILL_EN}`
	],
	driver_labour_standards: [
		'La asistencia se apoya en el Convenio núm. 102 y la Recomendación núm. 202 sobre los pisos de protección social; el cuadro lista los instrumentos adoptados al corte.',
		'The assistance rests on Convention No. 102 and Recommendation No. 202 on social protection floors; the table lists the instruments adopted at the cut-off.'
	],
	driver_social_dialogue: [
		'Las propuestas se discuten con las organizaciones de empleadores y de trabajadores; los eventos registrados del período figuran abajo.',
		"Proposals are discussed with employers' and workers' organisations; the events recorded in the period are listed below."
	],
	driver_gender_equality: [
		'Las acciones de género y las brechas entre mujeres y hombres de los indicadores desagregados se muestran a continuación.',
		'The gender actions and the gaps between women and men of the disaggregated indicators are shown below.'
	],
	driver_disability_inclusion: [
		`El proyecto no tuvo actividades específicas de inclusión de personas con discapacidad en el período. ${ILL_ES}`,
		`The project had no specific disability-inclusion activities in the period. ${ILL_EN}`
	],
	driver_environmental_sustainability: [
		`Las actividades virtuales redujeron los viajes; no hubo otras medidas ambientales. ${ILL_ES}`,
		`Online activities reduced travel; there were no other environmental measures. ${ILL_EN}`
	],
	risks: [
		'La matriz muestra los riesgos y supuestos al corte y sus cambios desde la última emisión.',
		'The matrix shows the risks and assumptions at the cut-off and their changes since the last issue.'
	],
	lessons_learned: [
		'Las lecciones validadas del registro de evaluación se imprimen abajo en el formato de la OIT.',
		"The validated lessons of the evaluation registry are printed below in the ILO's template."
	],
	good_practices: [
		'Las buenas prácticas validadas se imprimen abajo en el formato de la OIT.',
		"The validated good practices are printed below in the ILO's template."
	],
	recommendations_followup: [
		'El anexo da la respuesta de la gerencia a cada recomendación y el estado de sus acciones clave al corte.',
		"The annex gives management's response to each recommendation and the status of its key actions at the cut-off."
	],
	visibility: [
		`Los productos llevan el logotipo de la OIT y se difunden en la página del proyecto. ${ILL_ES}`,
		`Products carry the ILO logo and are shared on the project page. ${ILL_EN}`
	],
	financial_report: [
		'El resumen financiero por resultado y producto viene de las líneas presupuestarias y los gastos registrados al corte.',
		'The financial summary by outcome and output comes from the budget lines and expenditure recorded at the cut-off.'
	],
	next_period_plan: [
		'El plan de trabajo del próximo período se genera de las actividades previstas en él.',
		'The work plan for the next period is generated from the activities planned in it.'
	],
	revision_requests: ['No se solicita revisión presupuestaria ni de plazos.', 'No budget or time revision is requested.']
});

const PATSS_TCPR: Texts = {
	...tcprCommon('PATSS'),
	identification: [
		`Programa de asistencia técnica de la OIT al IESS, financiado por un fondo fiduciario directo. ${ILLUSTRATIVE_BUDGET_NOTE.es}`,
		`ILO technical-assistance programme to IESS, funded by a direct trust fund. ${ILLUSTRATIVE_BUDGET_NOTE.en}`
	],
	executive_summary: [
		'En el primer semestre de 2020, con la emergencia de la COVID-19, el PATSS siguió entregando al IESS sus aportes técnicos en afiliación, recaudación, estudios actuariales y gobernanza, en modalidad virtual desde marzo.',
		'In the first half of 2020, amid the COVID-19 emergency, PATSS kept delivering its technical contributions to IESS on affiliation, collection, actuarial studies and governance, online from March.'
	],
	context: [
		'Los cambios de autoridades del IESS y los atrasos del Estado en su aporte del 40 % a las pensiones siguieron condicionando la adopción de las recomendaciones.',
		"Changes of IESS authorities and the State's arrears on its 40 % pension contribution kept conditioning the adoption of the recommendations."
	],
	outcome_progress: [
		'Cada módulo avanzó hacia su resultado; los estudios actuariales con año base 2018 y el curso IESS-EDUCA de 7 módulos son los productos principales del período.',
		'Each module moved towards its outcome; the actuarial studies with base year 2018 and the 7-module IESS-EDUCA course are the main outputs of the period.'
	],
	partnerships: [
		'El programa movilizó cerca de USD 1,5 millones en recursos adicionales y coordinó con el grupo interagencial de protección social.',
		'The programme mobilised about USD 1.5 million in additional resources and coordinated with the inter-agency social-protection group.'
	]
};

const SALVADOR_TCPR: Texts = {
	...tcprCommon('El Salvador'),
	identification: [
		'Proyecto SLV/16/03/RBS, financiado por la Cuenta Suplementaria del Presupuesto Ordinario (RBSA), USD 462.640.',
		'Project SLV/16/03/RBS, funded by the Regular Budget Supplementary Account (RBSA), USD 462,640.'
	],
	executive_summary: [
		'El proyecto apoyó al ISSS en la aplicación de las recomendaciones de los estudios actuariales y preparó la estrategia de extensión de la cobertura a trabajadores independientes, domésticos y rurales.',
		'The project supported ISSS in applying the recommendations of the actuarial studies and prepared the strategy to extend coverage to self-employed, domestic and rural workers.'
	],
	context: [
		'El proyecto se enmarca en el Programa Emblemático de la OIT sobre pisos de protección social y en la Recomendación núm. 204 sobre la transición a la economía formal.',
		'The project is part of the ILO Flagship Programme on social protection floors and of Recommendation No. 204 on the transition to the formal economy.'
	],
	outcome_progress: [
		'La gobernanza del ISSS, la formalización y la base técnica del piso de protección social avanzaron según el cuadro de cada resultado.',
		'ISSS governance, formalisation and the technical basis of the social protection floor advanced as each outcome’s table shows.'
	],
	partnerships: [
		'Los socios son el ISSS, el Ministerio de Trabajo y Previsión Social y la Secretaría Técnica y de Planificación de la Presidencia.',
		'The partners are ISSS, the Ministry of Labour and Social Welfare and the Technical and Planning Secretariat of the Presidency.'
	]
};

const euTexts = (country: { es: string; en: string }, partners: [string, string], achievements: [string, string]): Texts => ({
	description: [
		`Acción de la UE para fortalecer la protección social frente al desempleo en ${country.es}, ejecutada por la OIT. ${ILLUSTRATIVE_BUDGET_NOTE.es}`,
		`EU action to strengthen social protection in the event of unemployment in ${country.en}, implemented by the ILO. ${ILLUSTRATIVE_BUDGET_NOTE.en}`
	],
	target_groups: [
		'Personas trabajadoras formales e informales expuestas a perder su empleo, y las instituciones que gestionan la protección por desempleo. Las cifras de mujeres y hombres vienen de los indicadores desagregados.',
		'Formal and informal workers at risk of losing their jobs, and the institutions that run unemployment protection. The figures of women and men come from the disaggregated indicators.'
	],
	executive_summary: achievements,
	intervention_logic: [
		'La lógica de intervención sigue siendo válida: vincular políticas pasivas y activas de empleo con participación tripartita responde al problema identificado.',
		'The intervention logic remains valid: linking passive and active employment policies with tripartite participation answers the problem identified.'
	],
	logframe_modifications: [
		`No se proponen modificaciones al marco lógico en este período. ${ILL_ES}`,
		`No logframe modification is proposed this period. ${ILL_EN}`
	],
	context: [
		'La pandemia de COVID-19 aumentó la urgencia de la protección frente al desempleo y llevó el trabajo a modalidad virtual.',
		'The COVID-19 pandemic made unemployment protection more urgent and moved the work online.'
	],
	results_activities: [
		'Los resultados y las actividades del período se comparan con el marco lógico actualizado del anexo.',
		'The results and activities of the period are compared with the updated logframe in the annex.'
	],
	risks: ['La matriz muestra los riesgos y supuestos al corte.', 'The matrix shows the risks and assumptions at the cut-off.'],
	gender: [
		'El diseño de la propuesta considera las brechas de género en el acceso a la protección.',
		'The design of the proposal considers gender gaps in access to protection.'
	],
	beneficiaries_cooperation: partners,
	lessons_learned: [
		'Un grupo de trabajo estable con las instituciones acelera el consenso técnico.',
		'A stable working group with the institutions speeds up technical consensus.'
	],
	action_plan: [
		'El plan de acción actualizado lista las actividades previstas en el próximo período.',
		'The updated action plan lists the activities planned in the next period.'
	],
	visibility: [
		'Los productos y eventos reconocen la financiación de la Unión Europea con su emblema y el aviso de abajo.',
		"Products and events acknowledge the European Union's funding with its emblem and the disclaimer below."
	],
	financial_report: [
		`El resumen financiero viene de las líneas y gastos registrados; las cifras de este proyecto son ilustrativas. ${ILL_ES}`,
		`The financial summary comes from the recorded lines and expenditure; this project's figures are illustrative. ${ILL_EN}`
	]
});

const PERU_EU = euTexts(
	{ es: 'el Perú', en: 'Peru' },
	[
		'El Ministerio de Trabajo y Promoción del Empleo, el Ministerio de Economía, la delegación de la UE y las organizaciones de trabajadores y empleadores participan en el grupo de trabajo.',
		"The Ministry of Labour and Employment Promotion, the Ministry of Economy, the EU delegation and workers' and employers' organisations take part in the working group."
	],
	[
		'El proyecto empezó en octubre de 2020 con un grupo de trabajo multisectorial que se reunió nueve veces y alcanzó consensos sobre cobertura, prestaciones, condiciones de acceso y financiamiento de la protección para trabajadores formales; la propuesta se incorporó a la nueva Política Nacional de Empleo Decente.',
		'The project began in October 2020 with a multi-stakeholder working group that met nine times and reached consensus on coverage, benefits, access conditions and financing of protection for formal workers; the proposal was built into the new National Policy for Decent Employment.'
	]
);

const ECUADOR_EU = euTexts(
	{ es: 'el Ecuador', en: 'Ecuador' },
	[
		'El IESS, el Ministerio del Trabajo y el Ministerio de Economía y Finanzas trabajan en subgrupos con la OIT, junto con las organizaciones de empleadores y trabajadores.',
		"IESS, the Ministry of Labour and the Ministry of Economy and Finance work in subgroups with the ILO, together with employers' and workers' organisations."
	],
	[
		'En 2020 se revisaron con todos los actores los objetivos e hitos del proyecto, se consolidó el grupo de trabajo con los delegados oficiales y se empezó a evaluar el funcionamiento actual del seguro de desempleo.',
		'In 2020 the objectives and milestones were reviewed with all stakeholders, the working group with official delegates was consolidated and the assessment of how the unemployment insurance works today began.'
	]
);

type OutcomeTexts = Record<string, [es: string, en: string]>;

/** The TCPR's narrative of each outcome (module), by module code, in our own words from shared/seeds/. */
const OUTCOME_NARRATIVES: Record<string, OutcomeTexts> = {
	patss: {
		M1: [
			`El diálogo con los mandantes del IESS siguió en línea durante la emergencia sanitaria; la evaluación de medio término reconoce el aporte del programa a la gobernanza institucional. Las reuniones técnicas del semestre se reprogramaron por la pandemia. ${ILL_ES}`,
			`Dialogue with the IESS constituents continued online during the health emergency; the mid-term evaluation credits the programme with strengthening institutional governance. The semester's technical meetings were rescheduled because of the pandemic. ${ILL_EN}`
		],
		M2: [
			'Los funcionarios del IESS aplicaron lo aprendido en afiliación, recaudación y gestión de cobro; la evaluación recomienda cerrar el módulo con un mecanismo de seguimiento de las recomendaciones de la OIT.',
			'IESS staff applied what they learned on affiliation, collection and debt recovery; the evaluation recommends closing the module with a mechanism to follow up the ILO recommendations.'
		],
		M3: [
			`Las opciones para extender la cobertura a las personas trabajadoras independientes siguieron en estudio; la crisis de la COVID-19 hizo más visible la falta de protección de este grupo. ${ILL_ES}`,
			`The options to extend coverage to self-employed workers remained under study; the COVID-19 crisis made this group's lack of protection more visible. ${ILL_EN}`
		],
		M4: [
			'La Dirección Actuarial contó con los estudios actuariales con año base 2018; la evaluación destaca el aporte del programa a la función actuarial del IESS.',
			"The Actuarial Directorate had the actuarial studies with base year 2018; the evaluation highlights the programme's contribution to the IESS actuarial function."
		],
		M5: [
			'El curso virtual IESS-EDUCA de 7 módulos siguió en marcha; la evaluación recomienda añadirle un capítulo sobre igualdad de género e inclusión de grupos vulnerables en la seguridad social.',
			'The 7-module IESS-EDUCA online course continued; the evaluation recommends adding a chapter on gender equality and the inclusion of vulnerable groups in social security.'
		]
	},
	'el-salvador-pps': {
		M1: [
			`El apoyo al ISSS se centró en aplicar las recomendaciones de los estudios actuariales de la OIT y en mejorar las estadísticas de seguridad social a partir de los registros administrativos. ${ILL_ES}`,
			`Support to the ISSS focused on applying the recommendations of the ILO actuarial studies and on better social security statistics from administrative records. ${ILL_EN}`
		],
		M2: [
			`La estrategia de formalización se discutió con el Ministerio de Trabajo y Previsión Social y los interlocutores sociales, en línea con la Recomendación núm. 204; el trabajo por cuenta propia es el primer grupo de la extensión. ${ILL_ES}`,
			`The formalisation strategy was discussed with the Ministry of Labour and Social Welfare and the social partners, in line with Recommendation No. 204; self-employment is the first group of the extension. ${ILL_EN}`
		],
		M3: [
			`Con la Secretaría Técnica y de Planificación de la Presidencia se empezaron a actualizar los modelos de costeo del piso de protección social y las pautas sobre el sistema de cuidados. ${ILL_ES}`,
			`With the Technical and Planning Secretariat of the Presidency, the costing models of the social protection floor and the guidelines on the care system began to be updated. ${ILL_EN}`
		]
	}
};

interface DonorReportSeed {
	slug: string;
	layout: ReportLayout;
	titleEs: string;
	titleEn: string;
	periods: string[];
	texts: Texts;
	issuedAt: string;
	facts: Record<string, string>;
}

const REPORTS: DonorReportSeed[] = [
	{
		slug: 'patss',
		layout: 'ilo_tcpr',
		titleEs: 'Informe de progreso de cooperación técnica del PATSS, enero – junio 2020',
		titleEn: 'PATSS technical cooperation progress report, January – June 2020',
		// A period the PATSS reports already locked: 2020-S2 and 2021-S1 stay the coordinator's open
		// semesters in the demo.
		periods: ['2020-S1'],
		texts: PATSS_TCPR,
		// After the PATSS OECD-DAC progress report (15 Sept 2020), which the seed issues first: a
		// snapshot compares with the issues before it, so issuing them in date order keeps "what
		// changed since the last issue" true.
		issuedAt: '2020-09-30T15:00:00.000Z',
		facts: {
			administrativeUnit: 'Oficina de la OIT para los Países Andinos',
			backstoppingUnit: 'Departamento de Protección Social (SOCPRO)'
		}
	},
	{
		slug: 'el-salvador-pps',
		layout: 'ilo_tcpr',
		titleEs: 'Informe de progreso de cooperación técnica, El Salvador, enero – junio 2019',
		titleEn: 'Technical cooperation progress report, El Salvador, January – June 2019',
		periods: ['2019-S1'],
		texts: SALVADOR_TCPR,
		issuedAt: '2019-08-20T15:00:00.000Z',
		facts: {
			tcSymbol: 'SLV/16/03/RBS',
			pbOutcomes: 'Protección social (Programa Emblemático sobre pisos de protección social)',
			dwcpOutcome:
				'Estrategias para la extensión de la seguridad social y la consolidación del piso de protección social, con enfoque de género'
		}
	},
	{
		slug: 'peru-desempleo-ue',
		layout: 'eu_narrative',
		titleEs: 'Informe narrativo intermedio, protección frente al desempleo en el Perú, octubre 2020 – junio 2021',
		titleEn: 'Interim narrative report, unemployment protection in Peru, October 2020 – June 2021',
		periods: ['2020-S2', '2021-S1'],
		texts: PERU_EU,
		issuedAt: '2021-08-30T15:00:00.000Z',
		facts: {
			coordinatorContact: 'OIT (coordinadora); contacto: Ana Gómez Narváez, coordinadora nacional del proyecto',
			targetCountries: 'Perú'
		}
	},
	{
		slug: 'ecuador-desempleo-ue',
		layout: 'eu_narrative',
		titleEs: 'Informe narrativo intermedio, protección frente al desempleo en el Ecuador, 2020',
		titleEn: 'Interim narrative report, unemployment protection in Ecuador, 2020',
		periods: ['2020-S1', '2020-S2'],
		texts: ECUADOR_EU,
		issuedAt: '2021-02-26T15:00:00.000Z',
		facts: {
			coordinatorContact: 'OIT (coordinadora); contacto: Ana Avilés, coordinadora nacional del proyecto',
			targetCountries: 'Ecuador'
		}
	}
];

async function write(db: Db, actor: { id: number }, programme: Programme, reportId: number, texts: Texts, layout: ReportLayout) {
	const sections = await loadSections(db, reportId);
	for (const o of OUTLINES[layout]) {
		const t = texts[o.key];
		const s = sections.find((x) => x.key === o.key);
		if (!t || !s) continue;
		await saveSection(db, actor, programme, reportId, {
			key: o.key,
			version: s.version,
			rating: undefined,
			narrativeEs: t[0],
			narrativeEn: t[1],
			justificationEs: '',
			justificationEn: ''
		});
	}
}

async function writeOutcomes(db: Db, actor: { id: number }, programme: Programme, reportId: number, texts: OutcomeTexts) {
	const modules = await db.selectFrom('module').select(['id', 'code']).where('programme_id', '=', programme.id).execute();
	for (const m of modules) {
		const t = texts[m.code];
		if (!t) throw new Error(`donor seed ${programme.slug} lacks the narrative of ${m.code}`);
		await saveModuleNarrative(db, actor, programme, reportId, { moduleId: m.id, version: 0, narrativeEs: t[0], narrativeEn: t[1] });
	}
}

/**
 * Seeds the donor-format reports once per programme (nothing where the programme already has a
 * report in its donor's layout, or without the demo evaluator). Returns whether it added any.
 */
export async function seedDonorReports(db: Db, renderers: Renderers, options: { origin?: string } = {}): Promise<boolean> {
	const evaluator = await db.selectFrom('user').select(['id', 'name']).where('email', '=', 'evaluator@avance.test').executeTakeFirst();
	const admin = await db.selectFrom('user').select(['id', 'name']).where('email', '=', 'admin@avance.test').executeTakeFirst();
	if (!evaluator || !admin) return false;
	let added = false;
	for (const seed of REPORTS) {
		let programme = await getProgrammeBySlug(db, seed.slug);
		if (!programme) continue;
		const existing = await db
			.selectFrom('report')
			.select('id')
			.where('programme_id', '=', programme.id)
			.where('layout', '=', seed.layout)
			.executeTakeFirst();
		if (existing) continue;
		for (const o of OUTLINES[seed.layout]) if (!seed.texts[o.key]) throw new Error(`donor seed ${seed.slug} lacks ${o.key}`);
		const facts = await readDonorFacts(db, programme.id);
		await updateDonorFacts(
			db,
			admin,
			programme,
			donorFactsSchema.parse({ ...facts, tcSymbol: facts.tcSymbol || programme.code, ...seed.facts, version: String(facts.version) })
		);
		programme = (await getProgrammeBySlug(db, seed.slug))!;
		const periods = await db.selectFrom('reporting_period').select(['id', 'label']).where('programme_id', '=', programme.id).execute();
		const id = await createReport(db, evaluator, programme, {
			layout: seed.layout,
			titleEs: seed.titleEs,
			titleEn: seed.titleEn,
			window: 'periods',
			periodIds: periods.filter((p) => seed.periods.includes(p.label)).map((p) => p.id),
			windowStart: null,
			cutOff: null,
			languages: ['es', 'en']
		});
		await write(db, evaluator, programme, id, seed.texts, seed.layout);
		if (seed.layout === 'ilo_tcpr') await writeOutcomes(db, evaluator, programme, id, OUTCOME_NARRATIVES[seed.slug] ?? {});
		const version = (await db.selectFrom('report').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
		await issueReport(db, evaluator, programme, id, version, renderers, {
			// The instance's public address (ORIGIN), as the PATSS report's seed: the files' links work where it is served.
			origin: options.origin ?? publicOrigin(),
			now: new Date(seed.issuedAt)
		});
		added = true;
		// Peru's next interim report, left to finish: the executive summary and the action plan are written.
		if (seed.slug === 'peru-desempleo-ue') {
			const next = periods.filter((p) => p.label === '2021-S2').map((p) => p.id);
			const draft = await createReport(db, evaluator, programme, {
				layout: 'eu_narrative',
				titleEs: 'Informe narrativo intermedio, protección frente al desempleo en el Perú, julio – diciembre 2021',
				titleEn: 'Interim narrative report, unemployment protection in Peru, July – December 2021',
				window: 'periods',
				periodIds: next,
				windowStart: null,
				cutOff: null,
				languages: ['es', 'en']
			});
			await write(
				db,
				evaluator,
				programme,
				draft,
				{ executive_summary: PERU_EU.executive_summary, action_plan: PERU_EU.action_plan },
				'eu_narrative'
			);
		}
	}
	return added;
}
