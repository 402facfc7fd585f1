// The fact-sheet fields the donors' own formats print (issue 21), per programme, so that no seeded
// issued report says "not recorded" where a donor expects a fact: the EU Annex VI's contract
// number, coordinator and contact, affiliated entities, target countries and target groups with
// numbers of women and men; the ILO TCPR's administrative and backstopping units, P&B and DWCP
// outcomes. What shared/seeds/ gives is written as given (in our own words); what it does not give
// (the EU contract numbers, the target groups' head counts, P&B and DWCP wording for PATSS) is
// illustrative and says so in the text itself, in both languages, as the seeded values are flagged.
// Texts carry their English version (`…Translation`), codes are printed as typed. Set through the
// real fact-sheet function by the demo admin, before any report is issued (the PATSS OECD-DAC
// issue prints the affiliated entities too), and only into fields still empty: a team's own
// facts are never overwritten.

import type { Db } from '../src/lib/server/db/connection';
import { DONOR_FACTS } from '../src/lib/reports/snapshot-donor';
import { donorFactsSchema, readDonorFacts, updateDonorFacts } from '../src/lib/server/programmes/donor-facts';
import { getProgrammeBySlug } from '../src/lib/server/programmes/programmes';

const ILL_ES = '(Ilustrativo: no consta en los documentos de origen.)';
const ILL_EN = '(Illustrative: not stated in the source documents.)';

export const DONOR_FACT_SEEDS: Record<string, Record<string, string>> = {
	patss: {
		administrativeUnit: 'Oficina de la OIT para los Países Andinos',
		backstoppingUnit: 'Departamento de Protección Social (SOCPRO)',
		pbOutcomes: `Programa y Presupuesto 2020-21, resultado 8: protección social integral y sostenible para todas las personas. ${ILL_ES}`,
		pbOutcomesTranslation: `Programme and Budget 2020-21, outcome 8: comprehensive and sustainable social protection for all. ${ILL_EN}`,
		dwcpOutcome: `Ecuador: el sistema de seguridad social amplía su cobertura y fortalece su gobernanza y su sostenibilidad, con enfoque de género. ${ILL_ES}`,
		dwcpOutcomeTranslation: `Ecuador: the social security system extends its coverage and strengthens its governance and sustainability, with a gender focus. ${ILL_EN}`,
		administrativeUnitTranslation: 'ILO Office for the Andean Countries',
		backstoppingUnitTranslation: 'Social Protection Department (SOCPRO)',
		affiliatedEntities: 'Ninguna: la OIT ejecuta el programa con el IESS como contraparte y donante.',
		affiliatedEntitiesTranslation: 'None: the ILO implements the programme with IESS as counterpart and donor.'
	},
	'el-salvador-pps': {
		tcSymbol: 'SLV/16/03/RBS',
		pbOutcomes: 'Protección social (Programa Emblemático sobre pisos de protección social)',
		dwcpOutcome:
			'Estrategias para la extensión de la seguridad social y la consolidación del piso de protección social, con enfoque de género',
		administrativeUnit: `Oficina de la OIT para América Central, Haití, Panamá y República Dominicana. ${ILL_ES}`,
		administrativeUnitTranslation: `ILO Office for Central America, Haiti, Panama and the Dominican Republic. ${ILL_EN}`,
		backstoppingUnit: 'Departamento de Protección Social (SOCPRO), Programa Emblemático sobre pisos de protección social',
		backstoppingUnitTranslation: 'Social Protection Department (SOCPRO), Flagship Programme on social protection floors',
		pbOutcomesTranslation: 'Social protection (Flagship Programme on social protection floors)',
		dwcpOutcomeTranslation: 'Strategies to extend social security and consolidate the social protection floor, with a gender focus',
		affiliatedEntities: 'Ninguna: la OIT ejecuta el proyecto con recursos de la RBSA.',
		affiliatedEntitiesTranslation: 'None: the ILO implements the project with RBSA resources.'
	},
	'peru-desempleo-ue': {
		contractNumber: 'UE-OIT PER 2020/000-001 (ilustrativo · illustrative)',
		coordinatorContact: 'OIT (coordinadora); contacto: Ana Gómez Narváez, coordinadora nacional del proyecto',
		coordinatorContactTranslation: 'ILO (coordinator); contact: Ana Gómez Narváez, National Project Coordinator',
		affiliatedEntities: `Ninguna: la OIT ejecuta la acción sin entidades afiliadas. ${ILL_ES}`,
		affiliatedEntitiesTranslation: `None: the ILO implements the action without affiliated entities. ${ILL_EN}`,
		targetCountries: 'Perú',
		targetCountriesTranslation: 'Peru',
		targetGroups: `Grupos destinatarios: 60 funcionarias y funcionarios del MTPE, el MEF y EsSalud (32 mujeres, 28 hombres) y 40 representantes de organizaciones de trabajadores y de empleadores (18 mujeres, 22 hombres). Beneficiarios finales: las personas trabajadoras formales e informales que pierden su empleo, unos 500 en el esquema piloto (250 mujeres, 250 hombres). ${ILL_ES}`,
		targetGroupsTranslation: `Target groups: 60 officials of MTPE, MEF and EsSalud (32 women, 28 men) and 40 representatives of workers' and employers' organisations (18 women, 22 men). Final beneficiaries: formal and informal workers who lose their jobs, about 500 in the pilot scheme (250 women, 250 men). ${ILL_EN}`
	},
	'ecuador-desempleo-ue': {
		contractNumber: 'UE-OIT ECU 2020/000-001 (ilustrativo · illustrative)',
		coordinatorContact: 'OIT (coordinadora); contacto: Ana Avilés, coordinadora nacional del proyecto',
		coordinatorContactTranslation: 'ILO (coordinator); contact: Ana Avilés, National Project Coordinator',
		affiliatedEntities: `Ninguna: la OIT ejecuta la acción sin entidades afiliadas. ${ILL_ES}`,
		affiliatedEntitiesTranslation: `None: the ILO implements the action without affiliated entities. ${ILL_EN}`,
		targetCountries: 'Ecuador',
		targetCountriesTranslation: 'Ecuador',
		targetGroups: `Grupos destinatarios: 40 funcionarias y funcionarios del IESS, el Ministerio del Trabajo y el Ministerio de Economía y Finanzas (21 mujeres, 19 hombres) y 30 representantes de organizaciones de trabajadores y de empleadores (13 mujeres, 17 hombres). Beneficiarios finales: las personas afiliadas al seguro de desempleo que pierden su empleo. ${ILL_ES}`,
		targetGroupsTranslation: `Target groups: 40 officials of IESS, the Ministry of Labour and the Ministry of Economy and Finance (21 women, 19 men) and 30 representatives of workers' and employers' organisations (13 women, 17 men). Final beneficiaries: people insured against unemployment who lose their jobs. ${ILL_EN}`
	}
};

/** The illustrative budgets on the fact sheets (minor units), equal to the seeded budget lines' totals (seed/finance.ts). */
export const ILLUSTRATIVE_BUDGET_NOTE = {
	es: 'El presupuesto y los gastos de este programa son ilustrativos: no constan en los documentos de origen.',
	en: "This programme's budget and expenditure are illustrative: they are not stated in the source documents."
};

/** Fills the seeded programmes' empty donor facts (and their English versions); returns whether it changed any. */
export async function seedDonorFacts(db: Db): Promise<boolean> {
	const admin = await db.selectFrom('user').select('id').where('email', '=', 'admin@avance.test').executeTakeFirst();
	if (!admin) return false;
	let changed = false;
	for (const [slug, seed] of Object.entries(DONOR_FACT_SEEDS)) {
		const programme = await getProgrammeBySlug(db, slug);
		if (!programme) continue;
		const facts = await readDonorFacts(db, programme.id);
		const fill: Record<string, string> = {};
		for (const f of DONOR_FACTS) {
			if (facts[f].trim() !== '' || !seed[f]) continue;
			fill[f] = seed[f]!;
			if (seed[`${f}Translation`]) fill[`${f}Translation`] = seed[`${f}Translation`]!;
		}
		if (!Object.keys(fill).length) continue;
		await updateDonorFacts(db, admin, programme, donorFactsSchema.parse({ ...facts, ...fill, version: String(facts.version) }));
		changed = true;
	}
	return changed;
}
