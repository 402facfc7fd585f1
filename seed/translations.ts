import type { Db } from '../src/lib/server/db/connection';

// English versions of the texts the EU donor and PATSS's English readers see first (design §2,
// translation): the two EU projects' programme, modules, outputs, activities and indicators, and
// PATSS's programme, modules and key indicators. Written for Avance from the project documents in
// shared/seeds/; the Spanish originals stay the content language. Keyed by code, so the seed
// finds the rows of a programme it has just loaded.

interface EnglishTexts {
	programme: { title: string; summary: string };
	modules: Record<string, { title: string; objective: string }>;
	outputs?: Record<string, { title: string; description?: string }>;
	activities?: Record<string, string>;
	indicators: Record<string, { title: string; unit?: string; definition?: string }>;
}

export const englishTexts: Record<string, EnglishTexts> = {
	'ecuador-desempleo-ue': {
		programme: {
			title: 'Strengthening the social protection system against unemployment in Ecuador',
			summary:
				'Improve the institutional framework of protection against job loss as a counter-cyclical mechanism, linking active and passive employment policies, with a focus on gender gaps and tripartite participation. (The closing date is an estimate: the project page does not give it.)'
		},
		modules: {
			M1: {
				title: 'Assessment and improvement of the unemployment insurance',
				objective: "Assess how IESS's unemployment insurance works today and propose improvements to its coverage and design."
			},
			M2: {
				title: 'Linking active and passive employment policies',
				objective: 'Link the unemployment benefit with employment and training services for a faster return to work.'
			},
			M3: {
				title: 'Public finance management and sustainability',
				objective: 'Link social protection mechanisms with public finance management.'
			},
			M4: {
				title: 'Social dialogue and tripartite participation',
				objective: 'Institutionalise the participation of the social partners in the design of unemployment protection.'
			}
		},
		outputs: {
			'1.1': { title: 'Assessment of how the unemployment insurance currently works' },
			'1.2': { title: 'Review of international experience and outline of improvement proposals' },
			'2.1': { title: 'Proposal for linkage with the public employment services' },
			'3.1': { title: "Training of officials in the unemployment insurance's actuarial tool" },
			'4.1': { title: 'Working group of government delegates and social partners' }
		},
		activities: {
			'1.1.1': 'Review of the current parameters with IESS',
			'1.1.2': 'Actuarial valuation of the unemployment insurance',
			'1.2.1': 'Technical note on international good practice',
			'2.1.1': 'Working sessions with the Ministry of Labour',
			'3.1.1': "Workshop for IESS's Actuarial Directorate and the Ministry of Economy",
			'4.1.1': 'Setting up the working group and reviewing milestones',
			'4.1.2': 'Technical notes and awareness-raising webinars'
		},
		indicators: {
			'EC-1': { title: 'Proposal to improve the unemployment insurance submitted to the authorities' },
			'EC-2': { title: 'Unemployment insurance beneficiaries linked to public employment services', unit: '%' },
			'EC-3': { title: "Officials trained in the unemployment insurance's actuarial tool", unit: 'people' },
			'EC-4': { title: 'Technical notes and awareness-raising webinars delivered' }
		}
	},
	'peru-desempleo-ue': {
		programme: {
			title: 'Strengthening social protection against unemployment in Peru',
			summary:
				'Develop a comprehensive system of protection against unemployment for formal and informal workers, with a focus on gender gaps, as a permanent mechanism of Peruvian social security. (The project page gives no closing date; the demo assumes December 2026.)'
		},
		modules: {
			M1: {
				title: 'Design of the unemployment protection system',
				objective: 'Propose the coverage, benefits, eligibility conditions and financing of protection for formal and informal workers.'
			},
			M2: {
				title: 'Linkage with active employment policies',
				objective: 'Give people who lose their jobs access to training and career guidance.'
			},
			M3: {
				title: 'Coordination of contributory and non-contributory protection, and sustainability',
				objective: "Ensure the system's sustainability and its coordination with non-contributory protection."
			},
			M4: {
				title: 'Social dialogue',
				objective: 'Ensure that the social dialogue partners take part in defining the system.'
			}
		},
		outputs: {
			'1.1': {
				title: 'Multi-stakeholder working group',
				description: 'Senior officials, ministry specialists, the EU delegation and the ILO; 9 weekly meetings in 2020.'
			},
			'1.2': { title: 'Protection proposal for formal workers' },
			'2.1': { title: 'Proposal integrated into the National Decent Employment Policy' },
			'3.1': { title: 'Financing and sustainability study' },
			'4.1': { title: 'Tripartite consultations on the proposal' }
		},
		activities: {
			'1.1.1': 'Weekly working-group sessions',
			'1.2.1': 'Consensus on coverage, benefits, eligibility and financing',
			'1.2.2': 'Extending the proposal to informal workers',
			'2.1.1': 'Technical assistance to the Ministry of Labour (MTPE) in drafting the policy',
			'3.1.1': 'Costing model of the proposed system',
			'4.1.1': "Workshops with workers' and employers' organisations"
		},
		indicators: {
			'PE-1': { title: 'Regulation creating the unemployment protection system approved' },
			'PE-2': { title: 'Sessions of the multi-stakeholder working group', unit: 'sessions' },
			'PE-3': { title: 'Unemployment protection proposal included in the National Decent Employment Policy' },
			'PE-4': { title: 'Informal workers, women and men, covered by the pilot scheme', unit: 'people' },
			'PE-5': { title: 'Progress of the costing model of the proposed system', unit: '%' },
			'PE-6': { title: "Workshops on the proposal with workers' and employers' organisations", unit: 'workshops' }
		}
	},
	patss: {
		programme: {
			title: 'Technical Assistance Programme for Social Security in Ecuador',
			summary:
				"ILO technical support to IESS to resolve critical bottlenecks in governance, quality, coverage and sustainability, built with the participation of employers' and workers' representatives. It reached more than 15,000 people directly and indirectly in 18 provinces, through some 50 working sessions, and mobilised an additional USD 1.5 million in 2020."
		},
		modules: {
			M1: {
				title: 'Social dialogue, tripartism and institutional governance of IESS',
				objective: 'Strengthen social dialogue, tripartism and the governance of IESS.'
			},
			M2: {
				title: 'Affiliation, contribution collection, debt recovery and inspection processes',
				objective: "Improve IESS's internal management processes: affiliation, contribution collection, debt recovery and inspections."
			},
			M3: {
				title: 'Extending coverage to self-employed workers',
				objective: 'Explore strategies to widen the coverage of the contributory system, in particular to self-employed workers.'
			},
			M4: {
				title: "Strengthening IESS's Actuarial Directorate",
				objective: "Strengthen IESS's Directorate of Actuarial Studies, Research and Statistics (DAIE)."
			},
			M5: {
				title: 'IESS human resources and IESS-EDUCA',
				objective: "Strengthen IESS's staff with technical tools and skills."
			}
		},
		indicators: {
			'IMP-1': {
				title: 'People of the social security community reached by the technical assistance (directly and indirectly)',
				unit: 'people',
				definition:
					"Employers' representatives, insured persons, pensioners and officials who took part in PATSS working sessions, in person or online."
			},
			'IMP-3': {
				title: 'ILO technical recommendations adopted or implemented by IESS and the other institutions addressed',
				unit: 'recommendations',
				definition: 'Number of tracked recommendations whose latest step, at the end of the period, is "adopted" or "implemented".'
			},
			'M3-1': {
				title: "Affiliation rate of self-employed workers to IESS's General Insurance",
				unit: '%',
				definition: 'Self-employed workers affiliated to the General Insurance ÷ all self-employed workers × 100.'
			},
			'M4-1': { title: 'Actuarial studies with base year 2018 completed (Disability, Old Age and Death; Health)', unit: 'studies' },
			'M5-1': { title: 'Officials of key IESS areas who deepened their knowledge', unit: 'people' }
		}
	}
};

type Row = { programme_id: number; entity: string; entity_id: number; field: string; locale: 'en'; text: string };

/** Adds the English texts of a seeded programme, unless it already has translations. */
export async function seedTranslations(db: Db, programmeId: number, slug: string): Promise<boolean> {
	const texts = englishTexts[slug];
	if (!texts) return false;
	const existing = await db.selectFrom('translation').select('id').where('programme_id', '=', programmeId).executeTakeFirst();
	if (existing) return false;

	const [modules, outputs, activities, indicators] = await Promise.all([
		db.selectFrom('module').select(['id', 'code']).where('programme_id', '=', programmeId).execute(),
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
		db.selectFrom('indicator').select(['id', 'code']).where('programme_id', '=', programmeId).execute()
	]);
	const rows: Row[] = [];
	const add = (entity: string, entityId: number | undefined, fields: Record<string, string | undefined>) => {
		if (entityId === undefined) throw new Error(`seed translations: no ${entity} for ${slug}`);
		for (const [field, text] of Object.entries(fields)) {
			if (text) rows.push({ programme_id: programmeId, entity, entity_id: entityId, field, locale: 'en', text });
		}
	};
	const idOf = (list: { id: number; code: string }[], code: string) => list.find((r) => r.code === code)?.id;

	add('programme', programmeId, texts.programme);
	for (const [code, t] of Object.entries(texts.modules)) add('module', idOf(modules, code), t);
	for (const [code, t] of Object.entries(texts.outputs ?? {})) add('output', idOf(outputs, code), t);
	for (const [code, title] of Object.entries(texts.activities ?? {})) add('activity', idOf(activities, code), { title });
	for (const [code, t] of Object.entries(texts.indicators)) add('indicator', idOf(indicators, code), t);
	await db.insertInto('translation').values(rows).execute();
	return true;
}
