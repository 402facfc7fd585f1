import type { Db } from '../src/lib/server/db/connection';

// English versions for the donors' reports (issues 19 and 21): the EU projects' sources of data
// (the EU logframe annex) and the illustrative PE-7 indicator; PATSS's 45 recommendations, their
// key actions and management responses, its risks and assumptions and its gender actions, which
// the English PATSS reports printed in Spanish marked "(es)"; the other programmes' risks and
// gender actions, and SLV/16/03/RBS's logframe, indicators and recommendations. Written for Avance from the Spanish
// seed (itself written from shared/seeds/); the Spanish originals stay the content language. Keyed
// by code (recommendations, risks, indicators) or by the Spanish text (key actions, responses,
// gender actions); added where the record has no English text yet, so a database seeded before
// them gets them once and a team's own translation is never overwritten.

const MEANS_OF_VERIFICATION: Record<string, string> = {
	'EC-1': 'Letter handing the proposal to IESS and the Ministry of Labour',
	'EC-2': 'Administrative records of IESS and of the Public Employment Service',
	'EC-3': 'Attendance lists and certificates of the workshop, by sex',
	'EC-4': 'Published technical notes and webinar records',
	'PE-1': 'Official gazette El Peruano',
	'PE-2': "Minutes of the working group's sessions",
	'PE-3': 'Text of the National Decent Employment Policy published by MTPE',
	'PE-4': 'Records of the pilot scheme, by sex',
	'PE-5': "Progress reports on the costing model reviewed by the ILO's actuarial unit",
	'PE-6': 'Attendance lists and reports of the workshops',
	'PE-7': 'Attendance lists of the training sessions, by sex'
};

const INDICATORS: Record<string, { title: string; unit: string }> = {
	'PE-7': { title: 'Officials of MTPE, MEF and EsSalud trained on the unemployment protection proposal', unit: 'people' }
};

export const PATSS_RECOMMENDATIONS: Record<string, string> = {
	'COB-01':
		'Formalise, with the Ministry of Labour, a legal strategy to extend the ratification of Convention No. 102 to almost all its parts (maternity, family and unemployment benefits), since IESS legislation and practice already largely comply.',
	'COB-02':
		'Review the qualifying and waiting periods of the unemployment insurance to bring them in line with the part of Convention No. 102 on unemployment benefit.',
	'COB-03':
		'Make the legal framework consistent so that affiliation is clearly compulsory for self-employed workers, treated as voluntary members since 2014.',
	'COB-04':
		'Create the conditions for self-employed workers to be able to affiliate: clear information on the benefits and ways to pay suited to low and irregular incomes.',
	'COB-05':
		'Launch the innovative progressive affiliation scheme for self-employed workers: start with health insurance and add employment injury, severance and invalidity, old-age and death insurance as the worker stays affiliated.',
	'COB-06':
		'Build incentives for self-employed workers to affiliate into the scheme: reduced rates for people under 30, health cover for the spouse at no extra cost for three months, agreements with associations and cooperatives, discounts for timely payment and flexible payment plans.',
	'COB-07':
		'Accompany the scheme with an awareness strategy in which IESS informs more and better, with messages suited to each audience, and promote a culture of social security based on solidarity.',
	'COB-08':
		'Rethink the affiliation IT tools with a relational model built from the processes, bringing the different IESS businesses together on a single platform.',
	'COB-09':
		'Strengthen data matching with the Internal Revenue Service, the Civil Registry and the Ministry of Labour, and assess other exchanges useful to run the insurance schemes.',
	'COB-10':
		'Review the features of the online tools so that employers, payers and members can work out their obligations simply, on time and without errors.',
	'COB-11':
		'Improve the identification of insured persons to build a register of beneficiaries and, from it, register the insurance contractors.',
	'COB-12':
		'Reform the collection rules so that those responsible report changes on time and so that IESS can decide to collect contributions in part.',
	'COB-13':
		"Introduce the insurance contractor's current account at every level, so that collection and debt management set their strategies with the information on obligations and credits.",
	'COB-14': "Update the legal framework defining IESS's powers to inspect possible non-compliance by employers.",
	'COB-15': 'Use technology to automate the monitoring, follow-up, control and evaluation of inspections.',
	'COB-16':
		'Design IT tools for inspections: an automated system of claims and complaints and mobile applications that record information in the field, online or offline.',
	'COB-17':
		'Implement a model predicting the risk of non-compliance of the entities inspected that takes into account how evasion varies by economic sector and territory.',
	'GOB-01':
		'Reform Article 28 of the Social Security Act, declared unconstitutional in 2016, to define the election and composition of the IESS Board of Directors along the criteria proposed by the ILO.',
	'GOB-02':
		'Ask the National Electoral Council to call the election of the representatives of insured persons and employers, with their alternates, to the IESS Board of Directors.',
	'GOB-03':
		'Make any reform of the Social Security Act strengthen the constitutional principle of compulsory coverage: access to the system must be guaranteed to everyone, without distinction.',
	'GOB-04':
		'Write the principle of equality and non-discrimination and the right to substantive equality into the law, taking into account the diversity of the protected population.',
	'GOB-05':
		'Take gender inequalities into account in the design of protection: study the impact of each reform and remove all de facto discrimination.',
	'GOB-06':
		'Apply the principle of progressive realisation effectively, both in the universality of the persons covered and in the contingencies protected.',
	'GOB-07': 'Set clear and specific obligations of transparency and participation across the system in the law, filling the current gaps.',
	'GOB-08': 'Improve the legal processes for settling disputes and collecting outstanding obligations.',
	'GOB-09':
		'Adopt an open government model at IESS (transparency, access to information, accountability, collaboration) with consultative committees, advisory bodies, thematic tables, user committees and citizen oversight of public procurement.',
	'GOB-10':
		'Call on the social partners to build, with the information produced in the dialogue of the National Agreement on Social Security, a roadmap to strengthen IESS.',
	'SOS-01':
		'Clearly define the mission and vision of the Actuarial, Research and Statistics Directorate (DAIE) to achieve greater participation and commitment of its staff.',
	'SOS-02':
		'Organise the DAIE in three sub-directorates (actuarial, statistics and research) and seven coordination units with the minimum staff needed, with distinct responsibilities.',
	'SOS-03': 'Reduce DAIE staff turnover, promote their professional development and introduce work-life balance arrangements.',
	'SOS-04':
		'Hire at least five actuaries for the actuarial sub-directorate and the pension, health and other insurance schemes run by IESS.',
	'SOS-05': "Strengthen the DAIE staff's technical skills with actuarial methods and international guidelines for producing statistics.",
	'SOS-06':
		'Fulfil the legal mandate to carry out the actuarial studies every three years with the ILO pension and health models transferred to the DAIE.',
	'SOS-07':
		"Publish the updated sustainability report of the Invalidity, Old-Age and Death insurance prepared by the DAIE with the technical review of the ILO's Actuarial Department.",
	'SOS-08':
		'Improve the coordination between BIESS and its owner, IESS, to align the strategic objectives of return and security of the social security funds.',
	'SOS-09':
		'Review the structure and composition of the BIESS Board to strengthen its independence from political cycles, its accountability, its resources and its technical expertise.',
	'SOS-10':
		'Undertake a second stage of technical assistance to institutionalise the proposals to improve the IESS–BIESS relationship, as the BIESS Board requested.',
	'CAL-01': 'Make the IESS-EDUCA course “Social security concepts and governance” compulsory for IESS staff and use it in recruitment.',
	'CAL-02':
		'Approve the rules to standardise IESS statistics, so that its data are transparent and serve decision-making and the study of the system.',
	'CAL-03':
		'Professionalise the technical teams of affiliation, inspection, collection, debt recovery and IT with specific continuous training.',
	'EMT-01':
		'Prepare and build in, in agreement with IESS, a gender strategy with specific actions in each module, built by consensus and based on ILO policies.',
	'EMT-02': 'Add a chapter on gender equality and the inclusion of vulnerable groups in social security to the online course of module 5.',
	'EMT-03': 'Prepare and carry out a communication strategy that meets the needs of each audience.',
	'EMT-04':
		"Include, as the final section of module 2, a proposed monitoring and evaluation mechanism following IESS's application of the ILO recommendations.",
	'EMT-05':
		"Set up, as the team's internal tool, indicator-based monitoring and a matrix of risks and assumptions per module, output or activity."
};

/** Management responses, by their Spanish text. */
const RESPONSES: Record<string, string> = {
	'El equipo elaborará la estrategia con el IESS, con acciones por módulo, y la seguirá con indicadores desagregados por sexo.':
		'The team will prepare the strategy with IESS, with actions per module, and follow it with sex-disaggregated indicators.',
	'Se incluirá como capítulo del curso en IESS-EDUCA.': 'It will be included as a chapter of the course on IESS-EDUCA.',
	'No hay recursos para una estrategia independiente; la comunicación por audiencias se integra en productos en curso (serie de podcasts «Vértices de la seguridad social», campaña «Hablemos la plena»).':
		'There are no resources for a separate strategy; communication by audience is built into ongoing products (the podcast series “Vértices de la seguridad social”, the campaign “Hablemos la plena”).',
	'Se añade el producto 2.4 al módulo 2.': 'Output 2.4 is added to module 2.',
	'El equipo adopta una matriz de indicadores y otra de riesgos y supuestos, revisadas cada semestre.':
		'The team adopts an indicator matrix and a risks-and-assumptions matrix, reviewed every semester.'
};

/** Key actions, by their Spanish text. */
const KEY_ACTIONS: Record<string, string> = {
	'Elaborar con el IESS la hoja de ruta jurídica para la ratificación de las partes pendientes':
		'Prepare with IESS the legal roadmap for ratifying the pending parts',
	'Actualizar el estudio financiero del esquema con datos de 2022': "Update the scheme's financial study with 2022 data",
	'Extender la cuenta corriente a la gestión de cartera y coactivas':
		'Extend the current account to debt management and enforced collection',
	'Crear las comisiones de usuarios en las direcciones provinciales': 'Set up user committees in the provincial directorates',
	'Reglamentar las veedurías de la contratación pública': 'Regulate citizen oversight of public procurement',
	'Concurso para las tres plazas de actuario pendientes': 'Competition for the three pending actuary posts',
	'Estudio actuarial del Seguro de Salud con año base 2024': 'Actuarial study of the Health Insurance with base year 2024',
	'Publicar el informe y la nota de constancia de la OIT': "Publish the report and the ILO's note of record",
	'Incluir el curso en el plan anual de capacitación': 'Include the course in the annual training plan',
	'Exigir el certificado del curso en los concursos de méritos': 'Require the course certificate in merit-based competitions',
	'Redactar la estrategia de género con acciones por módulo': 'Draft the gender strategy with actions per module',
	'Validar la estrategia con el IESS': 'Validate the strategy with IESS',
	'Redactar el capítulo sobre igualdad de género e inclusión de grupos vulnerables':
		'Draft the chapter on gender equality and the inclusion of vulnerable groups',
	'Definir los mensajes por audiencia para los productos en curso': 'Define the messages per audience for the ongoing products',
	'Plan de difusión de los resultados al cierre del programa': "Plan for disseminating the results at the programme's close",
	'Diseñar el mecanismo de monitoreo y evaluación de la aplicación de las recomendaciones':
		'Design the mechanism to monitor and evaluate the application of the recommendations',
	'Primera revisión semestral de riesgos y supuestos': 'First half-yearly review of risks and assumptions',
	'Acordar con el ISSS la hoja de ruta de implementación': 'Agree the implementation roadmap with ISSS',
	'Procesar los indicadores estratégicos con el ISSS y el MTPS': 'Process the strategic indicators with ISSS and the Ministry of Labour'
};

const PATSS_RISKS: Record<string, { title: string; description: string }> = {
	R1: {
		title: 'Social unrest of October 2019',
		description:
			'If social protest brings the country to a halt, as in the national strike of October 2019, then workshops and dialogue tables in the field are suspended and the schedule slips.'
	},
	R2: {
		title: 'COVID-19 and the move to remote work',
		description:
			'If the health emergency prevents meetings, then in-person activities, missions and the evaluation itself must move online, with less reach in the provinces.'
	},
	R3: {
		title: 'Changes of IESS authorities',
		description:
			'If IESS authorities and technical teams change often, then counterparts are lost, agreements already reached are reopened and decisions are delayed.'
	},
	R4: {
		title: 'State arrears on its 40 % contribution to pensions',
		description:
			'If the State does not pay its 40 % contribution to pension financing on time, then the sustainability of the Invalidity, Old-Age and Death scheme worsens and the actuarial recommendations lose room.'
	},
	R5: {
		title: 'Legitimacy of the IESS Board of Directors',
		description:
			'If the representatives of insured persons and employers to the Board are not elected, then the legitimacy of its decisions and of the new governance model is questioned.'
	},
	R6: {
		title: 'No legal reform to affiliate self-employed workers',
		description:
			'If no rule making the affiliation of self-employed workers compulsory or progressive is passed, then their affiliation rate will stay stuck near 7 %.'
	},
	R7: {
		title: 'Turnover of staff trained in the actuarial models',
		description:
			'If the staff trained in the ILO models leave the Actuarial Directorate, then the institution loses the capacity to update the valuations on its own.'
	},
	S1: {
		title: 'The social partners remain willing to discuss social security',
		description:
			'It is assumed that employers, insured persons and pensioners keep taking part in the dialogue tables and perception studies.'
	},
	S2: {
		title: 'IESS appoints stable technical counterparts for affiliation, collection and debt recovery',
		description: 'It is assumed that the technical areas keep the same liaison persons while the recommendations are designed.'
	},
	S3: {
		title: 'IESS and the Ministry of Labour push the extension of coverage to self-employed workers',
		description: 'Political will is assumed to take the progressive affiliation scheme into a reform.'
	},
	S4: {
		title: 'The Actuarial Directorate has enough staff to take ownership of the models',
		description: 'The hiring of at least five actuaries is assumed, as the strengthening of the DAIE proposes.'
	},
	S5: {
		title: 'IESS gives its staff time to train on IESS-EDUCA',
		description: 'It is assumed that the platform is available and that managers allow training hours.'
	}
};

/** The other programmes' risks and assumptions, by programme slug and code. */
const OTHER_RISKS: Record<string, Record<string, { title: string; description: string }>> = {
	'ecuador-desempleo-ue': {
		R1: {
			title: 'High labour informality',
			description:
				'If most of those who lose their jobs worked without contributing, then the unemployment insurance protects only a minority and its legitimacy weakens.'
		},
		R2: {
			title: 'Economic crisis and fiscal constraints',
			description: 'If the economic crisis reduces fiscal space, then the improvements to the unemployment insurance are postponed.'
		},
		R3: {
			title: 'Weak coordination between IESS and the Ministry of Labour',
			description:
				'If IESS and the Ministry of Labour do not coordinate the benefit with the employment services, then the link between active and passive policies does not advance.'
		},
		S1: {
			title: "The working group's official delegates stay on",
			description: 'It is assumed that the institutions keep their delegates in the working group throughout the project.'
		}
	},
	'peru-desempleo-ue': {
		R1: {
			title: 'High informality and low social security coverage',
			description: 'If most workers remain informal, then only a minority will be able to access unemployment protection.'
		},
		R2: {
			title: 'Economic crisis and public resources',
			description: 'If an economic crisis reduces public resources, then the financing of the proposed system is not approved.'
		},
		R3: {
			title: 'Coordination between institutions and between contributory and non-contributory schemes',
			description:
				'If the Ministry of Labour, the Ministry of Economy and the contributory and non-contributory schemes do not coordinate, then the system stays fragmented and active and passive policies are not linked.'
		},
		S1: {
			title: 'The multi-stakeholder working group keeps the consensus reached',
			description: 'It is assumed that the group keeps meeting and upholds the agreements on coverage, benefits, access and financing.'
		},
		S2: {
			title: "Workers' and employers' organisations take part in the consultations",
			description: 'It is assumed that the social dialogue actors attend the workshops and give their views on the proposal.'
		}
	},
	'el-salvador-pps': {
		R1: {
			title: "Shift in ISSS's priorities during the pandemic",
			description:
				"If the health emergency displaces ISSS's priorities, then the application of the actuarial recommendations is postponed."
		},
		R2: {
			title: 'Incomplete administrative records of domestic and rural work',
			description:
				'If the administrative records of domestic and rural work remain incomplete, then the strategic coverage indicators cannot be processed.'
		}
	}
};

/** SLV/16/03/RBS's recommendations, by code. */
const SALVADOR_RECOMMENDATIONS: Record<string, string> = {
	'SLV-01':
		'Progressively apply the technical recommendations of the ILO actuarial studies to improve the administrative and financial governance of social insurance.',
	'SLV-02': 'Improve the governance of the Occupational Risks Regime and prepare a governance strategy for the Health Regime.',
	'SLV-03':
		'Improve the quality and quantity of social security statistics, with better administrative records and the processing of strategic indicators.',
	'SLV-04': 'Create a financial scheme to sustain the social protection floor and other national social protection strategies.'
};

/** SLV/16/03/RBS's programme, logframe and indicators (the project page is in English; the seed wrote them in Spanish). */
const SALVADOR = {
	programme: {
		title: 'Strategies to extend social security and consolidate the social protection floor, with a gender focus',
		summary:
			'Within the ILO Flagship Programme on Building Social Protection Floors for All: improve the administrative and financial governance of social security, facilitate formalisation and the extension of coverage, and build a solid technical basis for the social protection floor.'
	},
	modules: {
		M1: {
			title: 'Administrative and financial governance of social security',
			objective: 'Progressively apply the technical recommendations of the ILO actuarial studies and improve the governance of ISSS.'
		},
		M2: {
			title: 'Formalisation and extension of coverage',
			objective: 'Extend coverage to self-employed, domestic and rural work, in line with Recommendation No. 204.'
		},
		M3: {
			title: 'Technical basis for the social protection floor',
			objective:
				'Support the Technical and Planning Secretariat of the Presidency on costing, the care system and the financing of the floor.'
		}
	} as Record<string, { title: string; objective: string }>,
	outputs: {
		'1.1': 'Technical recommendations arising from the ILO actuarial studies',
		'1.2': 'Governance of the Occupational Risks Regime and strategy for the Health Regime',
		'1.3': 'Better social security statistics and administrative records',
		'2.1': 'Comprehensive insurance strategy',
		'3.1': 'Update of the costing models',
		'3.2': 'Information guidelines on the care system and financial scheme for the floor'
	} as Record<string, string>,
	activities: {
		'1.1.1': 'Implementation roadmap with ISSS',
		'1.2.1': 'Proposed management guidelines',
		'1.3.1': 'Processing of strategic indicators with ISSS and the Ministry of Labour',
		'2.1.1': 'Design coordinated with the Ministry of Labour and formalisation bodies',
		'2.1.2': 'Consultations with the social partners',
		'3.1.1': 'Update of the costing model of the social protection floor',
		'3.2.1': 'Technical recommendations for a financing scheme'
	} as Record<string, string>,
	indicators: {
		'SV-1': { title: 'Technical recommendations of the ILO actuarial studies being applied by ISSS', unit: 'recommendations' },
		'SV-2': { title: 'Strategic social security indicators processed with ISSS and the Ministry of Labour', unit: 'indicators' },
		'SV-3': { title: 'Comprehensive insurance strategy designed with the Ministry of Labour and Social Welfare', unit: '' },
		'SV-4': { title: 'Self-employed workers covered by social security', unit: '%' },
		'SV-5': { title: 'Costing model of the social protection floor updated', unit: '' }
	} as Record<string, { title: string; unit: string }>
};

/** Gender actions, by their Spanish title. */
const GENDER_ACTIONS: Record<string, { title: string; description: string }> = {
	'Estrategia de género acordada con el IESS, con acciones específicas en cada módulo': {
		title: 'Gender strategy agreed with IESS, with specific actions in each module',
		description:
			'Prepare with IESS, through discussion and consensus and based on ILO policies, a gender strategy with actions in each of the five modules (recommendation of the mid-term evaluation).'
	},
	'Voz de las mujeres en los espacios de diálogo social y en los grupos focales': {
		title: "Women's voice in social dialogue and in the focus groups",
		description:
			'Seek a balanced participation of women and men in the dialogue tables and focus groups, beyond quotas, and record their perceptions of IESS separately.'
	},
	'Brechas de género en la afiliación y la recaudación': {
		title: 'Gender gaps in affiliation and collection',
		description:
			'Analyse, with IESS records broken down by sex, the differences in affiliation, contribution density and arrears between women and men.'
	},
	'Enfoque de género en el esquema de afiliación progresiva de independientes': {
		title: 'A gender focus in the progressive affiliation scheme for self-employed workers',
		description:
			'Take into account, in the design of the scheme, the situation of self-employed women, with lower and more irregular incomes and more care duties.'
	},
	'Participación equilibrada en la capacitación en modelos actuariales': {
		title: 'Balanced participation in the training on actuarial models',
		description: 'Invite women and men officials of the Actuarial Directorate equally to the courses on the pension and health models.'
	},
	'Capítulo sobre igualdad de género e inclusión de grupos vulnerables en el curso virtual': {
		title: 'Chapter on gender equality and the inclusion of vulnerable groups in the online course',
		description:
			'Add to the IESS-EDUCA course “Social security concepts and governance” a chapter on gender equality and vulnerable groups in social security (recommendation of the mid-term evaluation).'
	},
	'Brechas de género en el acceso al seguro de desempleo': {
		title: 'Gender gaps in access to the unemployment insurance',
		description: 'Analyse by sex who meets the access conditions and who draws the benefit, as the basis of the improvement proposals.'
	},
	'Criterios de género en la vinculación con los servicios de empleo': {
		title: 'Gender criteria in the link with the employment services',
		description:
			'Include, in the coordination with the Ministry of Labour, schedules, care services and training offers that do not exclude women looking for work.'
	},
	'Participación de funcionarias en la capacitación sobre la herramienta actuarial': {
		title: 'Participation of women officials in the training on the actuarial tool',
		description: "Make sure the workshop for IESS's Actuarial Directorate and the Ministry of Economy has a balanced participation."
	},
	'Diagnóstico de brechas de género entre trabajadores informales': {
		title: 'Assessment of gender gaps among informal workers',
		description: 'Profile by sex the informal workers the pilot scheme aims to cover.'
	},
	'Meta de cobertura paritaria del esquema piloto': {
		title: 'Parity coverage target of the pilot scheme',
		description: 'Propose and follow a target of 250 women and 250 men covered by the pilot scheme.'
	},
	'Orientación laboral con enfoque de género en la Política Nacional de Empleo Decente': {
		title: 'Gender-aware job guidance in the National Decent Employment Policy',
		description: 'Propose that training and job guidance for those who lose their jobs take gender gaps into account.'
	},
	'Participación de dirigentas en los talleres tripartitos': {
		title: 'Participation of women leaders in the tripartite workshops',
		description: "Expressly invite women leaders of workers' and employers' organisations to the workshops on the proposal."
	},
	'Extensión de la cobertura a trabajadoras domésticas y por cuenta propia': {
		title: 'Extension of coverage to domestic and self-employed women workers',
		description: 'Include in the insurance strategy measures for domestic and self-employed work, where women are concentrated.'
	}
};

type Row = { programme_id: number; entity: string; entity_id: number; field: string; locale: 'en'; text: string };

/** Adds the English texts above to a seeded programme where its records have none; returns whether it added any. */
// Each list in id order: the rows are inserted in that order, so both databases give them the same ids.
export async function seedDonorTranslations(db: Db, programmeId: number, slug: string): Promise<boolean> {
	const eu = slug === 'peru-desempleo-ue' || slug === 'ecuador-desempleo-ue';
	const salvador = slug === 'el-salvador-pps';
	if (!eu && !salvador && slug !== 'patss') return false;
	const [modules, outputs, activities, indicators, recommendations, keyActions, risks, genderActions, present] = await Promise.all([
		db.selectFrom('module').select(['id', 'code']).where('programme_id', '=', programmeId).orderBy('id').execute(),
		db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['output.id', 'output.code'])
			.where('module.programme_id', '=', programmeId)
			.orderBy('output.id')
			.execute(),
		db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['activity.id', 'activity.code'])
			.where('module.programme_id', '=', programmeId)
			.orderBy('activity.id')
			.execute(),
		db.selectFrom('indicator').select(['id', 'code']).where('programme_id', '=', programmeId).orderBy('id').execute(),
		db
			.selectFrom('recommendation')
			.select(['id', 'code', 'management_response_text'])
			.where('programme_id', '=', programmeId)
			.orderBy('id')
			.execute(),
		db
			.selectFrom('key_action')
			.innerJoin('recommendation', 'recommendation.id', 'key_action.recommendation_id')
			.select(['key_action.id', 'key_action.action'])
			.where('recommendation.programme_id', '=', programmeId)
			.orderBy('key_action.id')
			.execute(),
		db.selectFrom('risk').select(['id', 'code']).where('programme_id', '=', programmeId).orderBy('id').execute(),
		db.selectFrom('gender_action').select(['id', 'title']).where('programme_id', '=', programmeId).orderBy('id').execute(),
		db.selectFrom('translation').select(['entity', 'entity_id', 'field']).where('programme_id', '=', programmeId).execute()
	]);
	const taken = new Set(present.map((t) => `${t.entity}:${t.entity_id}:${t.field}`));
	const rows: Row[] = [];
	const add = (entity: string, entityId: number, field: string, text: string | undefined) => {
		if (!text || taken.has(`${entity}:${entityId}:${field}`)) return;
		taken.add(`${entity}:${entityId}:${field}`);
		rows.push({ programme_id: programmeId, entity, entity_id: entityId, field, locale: 'en', text });
	};
	if (eu)
		for (const i of indicators) {
			add('indicator', i.id, 'means_of_verification', MEANS_OF_VERIFICATION[i.code]);
			add('indicator', i.id, 'title', INDICATORS[i.code]?.title);
			add('indicator', i.id, 'unit', INDICATORS[i.code]?.unit);
		}
	if (salvador) {
		add('programme', programmeId, 'title', SALVADOR.programme.title);
		add('programme', programmeId, 'summary', SALVADOR.programme.summary);
		for (const m of modules) {
			add('module', m.id, 'title', SALVADOR.modules[m.code]?.title);
			add('module', m.id, 'objective', SALVADOR.modules[m.code]?.objective);
		}
		for (const o of outputs) add('output', o.id, 'title', SALVADOR.outputs[o.code]);
		for (const a of activities) add('activity', a.id, 'title', SALVADOR.activities[a.code]);
		for (const i of indicators) {
			add('indicator', i.id, 'title', SALVADOR.indicators[i.code]?.title);
			add('indicator', i.id, 'unit', SALVADOR.indicators[i.code]?.unit);
		}
	}
	const recommendationTexts = slug === 'patss' ? PATSS_RECOMMENDATIONS : salvador ? SALVADOR_RECOMMENDATIONS : {};
	for (const r of recommendations) {
		add('recommendation', r.id, 'text', recommendationTexts[r.code]);
		add('recommendation', r.id, 'management_response_text', RESPONSES[r.management_response_text]);
	}
	for (const k of keyActions) add('key_action', k.id, 'action', KEY_ACTIONS[k.action]);
	const riskTexts = slug === 'patss' ? PATSS_RISKS : (OTHER_RISKS[slug] ?? {});
	for (const r of risks) {
		add('risk', r.id, 'title', riskTexts[r.code]?.title);
		add('risk', r.id, 'description', riskTexts[r.code]?.description);
	}
	for (const g of genderActions) {
		add('gender_action', g.id, 'title', GENDER_ACTIONS[g.title]?.title);
		add('gender_action', g.id, 'description', GENDER_ACTIONS[g.title]?.description);
	}
	if (rows.length) await db.insertInto('translation').values(rows).execute();
	return rows.length > 0;
}
