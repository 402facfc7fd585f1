import type { Db } from '../src/lib/server/db/connection';

// More English versions for the demo (issue 19, "English means English"): every programme's
// donor and partners, the addressees of the PATSS recommendations, PATSS's outputs, activities
// and remaining indicators, and the explanations of the seeded values. Written for Avance from the
// documents in shared/seeds/; the Spanish originals stay the content language. Added where the
// programme has none of them yet, so a database seeded before them gets them once.

export const englishFactSheets: Record<string, { donor: string; partners: string }> = {
	'ecuador-desempleo-ue': {
		donor: 'European Union',
		partners: "IESS; Ministry of Labour; Ministry of Economy and Finance; employers' and workers' organisations"
	},
	'peru-desempleo-ue': {
		donor: 'European Union',
		partners: "Ministry of Labour and Employment Promotion (MTPE); Ministry of Economy and Finance; workers' and employers' organisations"
	},
	'el-salvador-pps': {
		donor: 'ILO — Regular Budget Supplementary Account',
		partners:
			'Salvadoran Social Security Institute (ISSS); Ministry of Labour and Social Welfare; Technical and Planning Secretariat of the Presidency'
	},
	patss: { donor: 'IESS (direct trust fund)', partners: 'Ecuadorian Social Security Institute (IESS)' }
};

/** Addressees of recommendations, by their Spanish text. */
const ADDRESSEES: Record<string, string> = {
	IESS: 'IESS',
	'Ministerio del Trabajo': 'Ministry of Labour',
	'Asamblea Nacional': 'National Assembly',
	BIESS: 'BIESS',
	'Equipo del PATSS (OIT)': 'PATSS team (ILO)'
};

const PATSS_OUTPUTS: Record<string, string> = {
	'1.1': 'Comparative study of models for electing and taking part in social security governing bodies',
	'1.2': 'Analysis of the legal framework and of the consistency of the Social Security Act',
	'1.3': 'Facilitation of social dialogue for the National Agreement on Social Security',
	'1.4': 'Proposal for a new participatory governance model for IESS',
	'2.1': 'Policy recommendations to improve the affiliation process',
	'2.2': 'Recommendations for contribution collection and debt recovery',
	'2.3': 'Proposal to innovate inspections',
	'2.4': "Mechanism to follow up IESS's application of the recommendations",
	'3.1': 'Study of the profile and perceptions of self-employed workers',
	'3.2': 'Innovative progressive affiliation scheme and its financial study',
	'3.3': 'Analysis of coverage gaps, fiscal space and ratification of Convention No. 102',
	'4.1': 'Proposal to strengthen the DAIE',
	'4.2': "Transfer of the ILO's actuarial models and training of the DAIE",
	'4.3': 'Actuarial studies with base year 2018 and a rapid study of the effects of COVID-19',
	'4.4': "Technical analysis of BIESS's governance and investment management",
	'5.1': 'Virtual course “Social security concepts and governance” on IESS-EDUCA (7 modules)',
	'5.2': 'Specialised training of officials in key areas',
	'5.3': 'Proposed regulation to standardise IESS statistics'
};

const PATSS_ACTIVITIES: Record<string, string> = {
	'1.1.1': 'Review of models in the region',
	'1.1.2': 'Guidance presented to the Board of Directors',
	'1.2.1': 'Comments on the draft reform of Article 28',
	'1.2.2': 'Study of the regulatory consistency of the social security system',
	'1.3.1': 'Perception survey of IESS users and beneficiaries',
	'1.3.2': 'Focus groups with representatives of employers and insured persons',
	'1.4.1': 'Drafting the model and validating it with the social partners',
	'2.1.1': 'Assessment of the affiliation process with the technical counterparts',
	'2.1.2': 'Recommendations on IT tools and data matching',
	'2.2.1': 'Proposal for an employer current account',
	'2.3.1': 'Model predicting the risk of non-compliance',
	'2.4.1': 'Design of the monitoring and evaluation mechanism',
	'3.1.1': 'Survey and qualitative analysis',
	'3.2.1': 'Joint design of the scheme with IESS, the Ministry of Labour and the social partners',
	'3.2.2': 'Financial sustainability study (optimistic and pessimistic scenarios)',
	'3.3.1': 'Overview of social protection and coverage gaps',
	'3.3.2': 'Analysis of the legislation in the light of Convention No. 102',
	'4.1.1': "Analysis of the DAIE's functions, structure and performance",
	'4.2.1': 'Introductory courses on the pension and health models (Aug–Sep 2021)',
	'4.2.2': 'Handover of the actuarial software and follow-up support',
	'4.3.1': 'Actuarial valuation of the Invalidity, Old-Age and Death scheme',
	'4.3.2': 'Updated IVM sustainability report prepared by the DAIE',
	'4.4.1': 'Recommendations presented to the BIESS board',
	'5.1.1': 'Content design of the 7 modules',
	'5.1.2': 'Chapter on gender equality and the inclusion of vulnerable groups',
	'5.2.1': 'Seminars and courses with the ILO International Training Centre',
	'5.3.1': 'Drafting of the proposed regulation'
};

const PATSS_INDICATORS: Record<string, { title: string; unit?: string }> = {
	'IMP-2': { title: 'Additional resources mobilised by the ILO for IESS', unit: 'USD million' },
	'M1-1': { title: 'People consulted in the perception studies (members, pensioners and employer representatives)', unit: 'people' },
	'M1-2': {
		title: 'Focus groups held with representatives of workers, pensioners, the Rural Social Insurance and employers',
		unit: 'focus groups'
	},
	'M1-3': { title: 'Progress of the election of representatives of insured persons and employers to the IESS Board of Directors' },
	'1.4-1': { title: 'Proposal for a new participatory governance model for IESS validated with the social partners' },
	'M2-1': {
		title: 'Recommendations to improve affiliation, contribution collection and inspection processes delivered to IESS',
		unit: 'recommendations'
	},
	'2.4-1': { title: "Mechanism to follow up IESS's application of the recommendations included as the final section of module 2" },
	'3.2-1': { title: 'Innovative progressive affiliation scheme and its financial study presented to IESS' },
	'4.2-1': { title: "Officials trained in the ILO's actuarial pension and health models", unit: 'people' },
	'4.3-1': { title: 'Updated IVM sustainability report prepared by the DAIE and reviewed by the ILO' },
	'5.1-1': { title: 'Modules of the course “Social security concepts and governance” published on IESS-EDUCA', unit: 'modules' },
	'5.1-2': { title: 'Chapter on gender equality and the inclusion of vulnerable groups added to the virtual course' },
	'5.1-3': { title: 'People who completed the virtual course on IESS-EDUCA', unit: 'people' }
};

/** Explanations of the seeded values, by their Spanish text (the same words in any programme). */
const NARRATIVES: Record<string, string> = {
	'Respuesta inmediata a la COVID-19: tres proyectos complementarios.': 'Immediate response to COVID-19: three complementary projects.',
	'La OIT presentó conceptos clave para adecuar el artículo 28 de la Ley de Seguridad Social tras la sentencia de 2016 y participó técnicamente en el segundo debate de la reforma.':
		'The ILO presented key concepts for adapting Article 28 of the Social Security Act after the 2016 ruling and took part technically in the second debate of the reform.',
	'Acompañamiento técnico a los actores sociales en su pedido al Consejo Nacional Electoral para convocar la elección; la convocatoria aún no se concreta.':
		'Technical support to the social partners in their request to the National Electoral Council to call the election; the call has not yet been made.',
	'El diseño del mecanismo se retrasó por los cambios de autoridades del IESS.':
		"The mechanism's design was delayed by changes in IESS's leadership.",
	'La pandemia redujo la afiliación voluntaria de independientes.': 'The pandemic reduced voluntary affiliation of self-employed workers.',
	'Recuperación lenta; el esquema de afiliación progresiva aún no se aplica.':
		'Slow recovery; the progressive affiliation scheme is not yet applied.',
	'Sin reforma normativa que establezca la obligatoriedad ni el esquema progresivo.':
		'No regulatory reform yet makes affiliation mandatory or establishes the progressive scheme.',
	'Dos cursos introductorios (agosto y septiembre de 2021); la rotación de personal redujo la participación.':
		'Two introductory courses (August and September 2021); staff turnover reduced participation.',
	'Sesiones de acompañamiento para el informe del IVM.': 'Support sessions for the IVM report.',
	'Contenidos en revisión con el punto focal de género.': 'Content under review with the gender focal point.',
	'Vinculación piloto en dos provincias.': 'Pilot linkage in two provinces.',
	'La articulación con el Ministerio del Trabajo avanza más lento de lo previsto.':
		'Coordination with the Ministry of Labour is progressing more slowly than planned.',
	'Cambios de prioridades en la institución durante la pandemia.': "Changes in the institution's priorities during the pandemic.",
	'Los registros administrativos de trabajo doméstico y rural siguen incompletos.':
		'Administrative records of domestic and rural work are still incomplete.'
};

interface Row {
	programme_id: number;
	entity: string;
	entity_id: number;
	field: string;
	locale: 'en';
	text: string;
}

/** Adds the texts above for one programme; false when it already has English fact-sheet texts. */
export async function seedMoreTranslations(db: Db, programmeId: number, slug: string): Promise<boolean> {
	const facts = englishFactSheets[slug];
	if (!facts) return false;
	const existing = await db
		.selectFrom('translation')
		.select('id')
		.where('programme_id', '=', programmeId)
		.where('entity', '=', 'programme')
		.where('field', '=', 'donor')
		.executeTakeFirst();
	if (existing) return false;
	const [outputs, activities, indicators, recommendations, values, present] = await Promise.all([
		db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['output.id', 'output.code'])
			.where('module.programme_id', '=', programmeId)
			.execute(),
		db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['activity.id', 'activity.code'])
			.where('module.programme_id', '=', programmeId)
			.execute(),
		db.selectFrom('indicator').select(['id', 'code']).where('programme_id', '=', programmeId).execute(),
		db.selectFrom('recommendation').select(['id', 'addressed_to']).where('programme_id', '=', programmeId).execute(),
		db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.select(['indicator_value.id', 'indicator_value.narrative'])
			.where('indicator.programme_id', '=', programmeId)
			.execute(),
		db.selectFrom('translation').select(['entity', 'entity_id', 'field']).where('programme_id', '=', programmeId).execute()
	]);
	const taken = new Set(present.map((t) => `${t.entity}:${t.entity_id}:${t.field}`));
	const rows: Row[] = [];
	const add = (entity: string, entityId: number | undefined, field: string, text: string | undefined) => {
		if (entityId === undefined || !text || taken.has(`${entity}:${entityId}:${field}`)) return;
		taken.add(`${entity}:${entityId}:${field}`);
		rows.push({ programme_id: programmeId, entity, entity_id: entityId, field, locale: 'en', text });
	};
	add('programme', programmeId, 'donor', facts.donor);
	add('programme', programmeId, 'partners', facts.partners);
	for (const r of recommendations) add('recommendation', r.id, 'addressedTo', ADDRESSEES[r.addressed_to]);
	for (const v of values) add('indicator_value', v.id, 'narrative', NARRATIVES[v.narrative]);
	if (slug === 'patss') {
		for (const o of outputs) add('output', o.id, 'title', PATSS_OUTPUTS[o.code]);
		for (const a of activities) add('activity', a.id, 'title', PATSS_ACTIVITIES[a.code]);
		for (const i of indicators) {
			add('indicator', i.id, 'title', PATSS_INDICATORS[i.code]?.title);
			add('indicator', i.id, 'unit', PATSS_INDICATORS[i.code]?.unit);
		}
	}
	if (rows.length) await db.insertInto('translation').values(rows).execute();
	return true;
}
