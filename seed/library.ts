import type { Db } from '../src/lib/server/db/connection';

// The shared indicator library (issue 25): reference indicators written in our own words from
// their public definitions (UN SDG metadata, ILO conventions and World Social Protection Report
// methodology, the EU's Global Europe results framework), and the programme indicators that
// measure them. Idempotent: an entry is added only when its code is missing, a link only when
// the indicator has none.

interface EntrySeed {
	code: string;
	titleEs: string;
	titleEn: string;
	definitionEs: string;
	definitionEn: string;
	methodEs: string;
	methodEn: string;
	measure: 'number' | 'percentage' | 'milestone';
	unit: string;
	direction?: 'increase' | 'decrease';
	disaggregations: string;
	source: string;
	frameworkRefs: string;
	/** Programme indicators that measure it: [programme slug, indicator code]. */
	links: [string, string][];
}

export const LIBRARY_SEEDS: EntrySeed[] = [
	{
		code: 'SDG-1.3.1',
		titleEs: 'Población cubierta por al menos una prestación de protección social',
		titleEn: 'Population covered by at least one social protection benefit',
		definitionEs:
			'Proporción de la población que recibe o cotiza a al menos una prestación de protección social (efectiva), también por grupos: niñez, personas desempleadas, personas mayores, personas con discapacidad, madres de recién nacidos, víctimas de accidentes de trabajo, personas pobres y vulnerables.',
		definitionEn:
			'Share of the population that receives, or contributes to, at least one social protection benefit (effective coverage), also by group: children, unemployed persons, older persons, persons with disabilities, mothers of newborns, victims of work injury, poor and vulnerable people.',
		methodEs:
			'Registros administrativos de los regímenes contributivos y no contributivos, sin doble conteo, sobre la población total del grupo; custodio: OIT (base de datos mundial de protección social).',
		methodEn:
			'Administrative records of contributory and non-contributory schemes, without double counting, over the whole population of the group; custodian: ILO (World Social Protection Database).',
		measure: 'percentage',
		unit: '%',
		disaggregations: 'sexo, edad, grupo de población',
		source: 'Metadatos de los ODS de las Naciones Unidas; Informe Mundial sobre la Protección Social de la OIT',
		frameworkRefs: 'ODS 1.3.1; Recomendación 202 de la OIT; Marco de resultados de Global Europe (UE)',
		links: [['el-salvador-pps', 'SV-4']]
	},
	{
		code: 'SDG-1.3.1-UNEMP',
		titleEs: 'Personas desempleadas que reciben prestaciones por desempleo',
		titleEn: 'Unemployed persons receiving unemployment benefits',
		definitionEs: 'Proporción de las personas desempleadas que perciben una prestación por desempleo, contributiva o no.',
		definitionEn: 'Share of unemployed persons who receive an unemployment benefit, contributory or not.',
		methodEs:
			'Beneficiarios de prestaciones por desempleo (registros) sobre el total de personas desempleadas (encuesta de fuerza de trabajo).',
		methodEn: 'Recipients of unemployment benefits (records) over all unemployed persons (labour force survey).',
		measure: 'percentage',
		unit: '%',
		disaggregations: 'sexo, edad',
		source: 'Metadatos del ODS 1.3.1 (componente de desempleo); OIT',
		frameworkRefs: 'ODS 1.3.1; Convenio 102 de la OIT, parte IV; Convenio 168 de la OIT',
		links: []
	},
	{
		code: 'ILO-UB-REPLACEMENT',
		titleEs: 'Tasa de reemplazo de la prestación por desempleo',
		titleEn: 'Replacement rate of the unemployment benefit',
		definitionEs: 'Prestación por desempleo como porcentaje de las ganancias anteriores de la persona beneficiaria de referencia.',
		definitionEn: 'Unemployment benefit as a percentage of the reference beneficiary’s previous earnings.',
		methodEs:
			'Se calcula para el beneficiario tipo que fija el Convenio 102 (mínimo 45 %) o el Convenio 168 (mínimo 50 %), con el salario de referencia del régimen.',
		methodEn:
			'Computed for the standard beneficiary set by Convention 102 (at least 45 %) or Convention 168 (at least 50 %), on the scheme’s reference wage.',
		measure: 'percentage',
		unit: '%',
		disaggregations: '',
		source: 'Convenios 102 y 168 de la OIT; estudios actuariales de la OIT',
		frameworkRefs: 'Convenio 102 de la OIT, parte IV; Convenio 168 de la OIT',
		links: []
	},
	{
		code: 'ILO-C102-BRANCHES',
		titleEs: 'Ramas del Convenio 102 aceptadas o cubiertas por la legislación nacional',
		titleEn: 'Convention 102 branches accepted or covered by national legislation',
		definitionEs:
			'Número de las nueve ramas de la seguridad social del Convenio 102 (asistencia médica, enfermedad, desempleo, vejez, accidentes del trabajo, familia, maternidad, invalidez, sobrevivientes) aceptadas al ratificar o cubiertas por la ley.',
		definitionEn:
			'Number of the nine social-security branches of Convention 102 (medical care, sickness, unemployment, old age, employment injury, family, maternity, invalidity, survivors) accepted on ratification or covered by law.',
		methodEs: 'Revisión de la ratificación (NORMLEX) y de la legislación vigente; de 0 a 9.',
		methodEn: 'Review of the ratification (NORMLEX) and the legislation in force; from 0 to 9.',
		measure: 'number',
		unit: 'ramas',
		disaggregations: '',
		source: 'NORMLEX (OIT)',
		frameworkRefs: 'Convenio 102 de la OIT; ODS 1.3',
		links: []
	},
	{
		code: 'GE-SP-POLICIES',
		titleEs: 'Políticas, leyes o estrategias de protección social elaboradas o revisadas con apoyo de la UE',
		titleEn: 'Social-protection policies, laws or strategies developed or revised with EU support',
		definitionEs:
			'Instrumentos de política pública de protección social que el país adopta o revisa con apoyo de una acción financiada por la UE.',
		definitionEn:
			'Public-policy instruments on social protection that the country adopts or revises with the support of an EU-funded action.',
		methodEs:
			'Se cuenta cada instrumento una vez, cuando la autoridad competente lo presenta o aprueba; medio de verificación: el documento oficial.',
		methodEn:
			'Each instrument counts once, when the competent authority submits or approves it; means of verification: the official document.',
		measure: 'number',
		unit: 'instrumentos',
		disaggregations: '',
		source: 'Marco de resultados de Global Europe (UE), indicadores de protección social',
		frameworkRefs: 'Global Europe (NDICI) marco de resultados; ODS 1.3',
		links: [['peru-desempleo-ue', 'PE-1']]
	},
	{
		code: 'GE-SP-CAPACITY',
		titleEs: 'Funcionarias, funcionarios y mandantes con capacidades fortalecidas en protección social',
		titleEn: 'Officials and constituents with strengthened capacities in social protection',
		definitionEs:
			'Personas de instituciones públicas y de organizaciones de empleadores y de trabajadores que completan una formación en protección social.',
		definitionEn:
			'People from public institutions and from employers’ and workers’ organisations who complete training on social protection.',
		methodEs: 'Suma de participantes que completan la formación (listas de asistencia y certificados), sin contar dos veces a una persona.',
		methodEn: 'Sum of participants who complete the training (attendance lists and certificates), never counting a person twice.',
		measure: 'number',
		unit: 'personas',
		disaggregations: 'sexo, institución, grupo de mandantes',
		source: 'Marco de resultados de Global Europe (UE); OIT',
		frameworkRefs: 'Global Europe (NDICI) marco de resultados; Programa y Presupuesto de la OIT, resultado 8',
		links: [
			['ecuador-desempleo-ue', 'EC-3'],
			['patss', 'M5-1']
		]
	},
	{
		code: 'ILO-SD-EVENTS',
		titleEs: 'Espacios de diálogo y sensibilización sobre la reforma de la protección ante el desempleo',
		titleEn: 'Dialogue and awareness events on unemployment-protection reform',
		definitionEs:
			'Talleres, mesas, seminarios web y notas técnicas presentadas a los mandantes tripartitos sobre la propuesta de protección ante el desempleo.',
		definitionEn:
			'Workshops, round tables, webinars and technical notes presented to the tripartite constituents on the unemployment-protection proposal.',
		methodEs: 'Se cuenta cada evento realizado con su lista de participantes o cada nota publicada; acumulado desde el inicio.',
		methodEn: 'Each event held, with its attendance list, or each note published counts once; cumulative from the start.',
		measure: 'number',
		unit: 'eventos',
		disaggregations: 'grupo de mandantes',
		source: 'Documentos de proyecto de la OIT (protección ante el desempleo, UE)',
		frameworkRefs: 'Convenio 144 de la OIT (consultas tripartitas); Programa y Presupuesto de la OIT, resultado 1',
		links: [
			['ecuador-desempleo-ue', 'EC-4'],
			['peru-desempleo-ue', 'PE-6'],
			['peru-desempleo-ue', 'PE-2']
		]
	},
	{
		code: 'ILO-ACTUARIAL',
		titleEs: 'Valuaciones actuariales de regímenes de seguridad social realizadas',
		titleEn: 'Actuarial valuations of social-security schemes completed',
		definitionEs:
			'Estudios actuariales completos de un régimen (pensiones, salud, riesgos del trabajo, desempleo) entregados a la institución.',
		definitionEn:
			'Complete actuarial studies of a scheme (pensions, health, employment injury, unemployment) delivered to the institution.',
		methodEs: 'Se cuenta cada valuación entregada con su año base; metodología actuarial de la OIT.',
		methodEn: 'Each valuation delivered counts once with its base year; ILO actuarial methodology.',
		measure: 'number',
		unit: 'estudios',
		disaggregations: 'régimen',
		source: 'Servicios actuariales de la OIT',
		frameworkRefs: 'Convenio 102 de la OIT, art. 71; Recomendación 202',
		links: [['patss', 'M4-1']]
	},
	{
		code: 'ILO-SELF-EMPLOYED',
		titleEs: 'Personas trabajadoras por cuenta propia afiliadas a la seguridad social',
		titleEn: 'Self-employed workers affiliated to social security',
		definitionEs: 'Proporción de las personas trabajadoras por cuenta propia que cotizan a un régimen de seguridad social.',
		definitionEn: 'Share of self-employed workers who contribute to a social-security scheme.',
		methodEs: 'Afiliados activos por cuenta propia (registros) sobre el total de trabajadores por cuenta propia (encuesta de empleo).',
		methodEn: 'Active self-employed contributors (records) over all self-employed workers (employment survey).',
		measure: 'percentage',
		unit: '%',
		disaggregations: 'sexo, edad, rama de actividad',
		source: 'Recomendación 204 de la OIT; encuestas de empleo',
		frameworkRefs: 'ODS 1.3.1; ODS 8.3; Recomendación 204 de la OIT',
		links: []
	},
	{
		code: 'ILO-RECS-ADOPTED',
		titleEs: 'Recomendaciones técnicas de la OIT adoptadas por la institución',
		titleEn: 'ILO technical recommendations adopted by the institution',
		definitionEs: 'Recomendaciones de asistencia técnica de la OIT que la institución contraparte adopta mediante un instrumento formal.',
		definitionEn: 'ILO technical-assistance recommendations that the partner institution adopts through a formal instrument.',
		methodEs: 'Se cuenta cada recomendación con su instrumento (resolución, norma, plan) en el seguimiento de recomendaciones.',
		methodEn: 'Each recommendation counts with its instrument (resolution, regulation, plan) in the recommendation tracker.',
		measure: 'number',
		unit: 'recomendaciones',
		disaggregations: '',
		source: 'Seguimiento de recomendaciones de la OIT',
		frameworkRefs: 'Programa y Presupuesto de la OIT, resultado 8',
		links: [
			['patss', 'IMP-3'],
			['el-salvador-pps', 'SV-1']
		]
	}
];

/**
 * The English of each seeded entry's unit, disaggregations, source and framework references
 * (issue 25, finding 4), by code: written into an entry whose English is still blank.
 */
export const LIBRARY_ENGLISH: Record<string, { unit: string; disaggregations: string; source: string; frameworkRefs: string }> = {
	'SDG-1.3.1': {
		unit: '%',
		disaggregations: 'sex, age, population group',
		source: 'UN SDG metadata; ILO World Social Protection Report',
		frameworkRefs: 'SDG 1.3.1; ILO Recommendation 202; Global Europe results framework (EU)'
	},
	'SDG-1.3.1-UNEMP': {
		unit: '%',
		disaggregations: 'sex, age',
		source: 'SDG 1.3.1 metadata (unemployment component); ILO',
		frameworkRefs: 'SDG 1.3.1; ILO Convention 102, Part IV; ILO Convention 168'
	},
	'ILO-UB-REPLACEMENT': {
		unit: '%',
		disaggregations: '',
		source: 'ILO Conventions 102 and 168; ILO actuarial studies',
		frameworkRefs: 'ILO Convention 102, Part IV; ILO Convention 168'
	},
	'ILO-C102-BRANCHES': {
		unit: 'branches',
		disaggregations: '',
		source: 'NORMLEX (ILO)',
		frameworkRefs: 'ILO Convention 102; SDG 1.3'
	},
	'GE-SP-POLICIES': {
		unit: 'instruments',
		disaggregations: '',
		source: 'Global Europe results framework (EU), social protection indicators',
		frameworkRefs: 'Global Europe (NDICI) results framework; SDG 1.3'
	},
	'GE-SP-CAPACITY': {
		unit: 'people',
		disaggregations: 'sex, institution, constituent group',
		source: 'Global Europe results framework (EU); ILO',
		frameworkRefs: 'Global Europe (NDICI) results framework; ILO Programme and Budget, outcome 8'
	},
	'ILO-SD-EVENTS': {
		unit: 'events',
		disaggregations: 'constituent group',
		source: 'ILO project documents (unemployment protection, EU)',
		frameworkRefs: 'ILO Convention 144 (tripartite consultations); ILO Programme and Budget, outcome 1'
	},
	'ILO-ACTUARIAL': {
		unit: 'studies',
		disaggregations: 'scheme',
		source: 'ILO actuarial services',
		frameworkRefs: 'ILO Convention 102, art. 71; Recommendation 202'
	},
	'ILO-SELF-EMPLOYED': {
		unit: '%',
		disaggregations: 'sex, age, branch of economic activity',
		source: 'ILO Recommendation 204; labour force surveys',
		frameworkRefs: 'SDG 1.3.1; SDG 8.3; ILO Recommendation 204'
	},
	'ILO-RECS-ADOPTED': {
		unit: 'recommendations',
		disaggregations: '',
		source: 'ILO recommendation tracking',
		frameworkRefs: 'ILO Programme and Budget, outcome 8'
	}
};

export async function seedLibrary(db: Db): Promise<boolean> {
	let changed = false;
	const existing = new Map((await db.selectFrom('library_indicator').select(['id', 'code']).execute()).map((r) => [r.code, r.id]));
	for (const e of LIBRARY_SEEDS) {
		let id = existing.get(e.code);
		if (id === undefined) {
			({ id } = await db
				.insertInto('library_indicator')
				.values({
					code: e.code,
					title_es: e.titleEs,
					title_en: e.titleEn,
					definition_es: e.definitionEs,
					definition_en: e.definitionEn,
					method_es: e.methodEs,
					method_en: e.methodEn,
					measure: e.measure,
					unit: e.unit,
					direction: e.direction ?? 'increase',
					disaggregations: e.disaggregations,
					source: e.source,
					framework_refs: e.frameworkRefs
				})
				.returning('id')
				.executeTakeFirstOrThrow());
			changed = true;
		}
		const english = LIBRARY_ENGLISH[e.code];
		if (english) {
			const written = await db
				.updateTable('library_indicator')
				.set({
					unit_en: english.unit,
					disaggregations_en: english.disaggregations,
					source_en: english.source,
					framework_refs_en: english.frameworkRefs
				})
				.where('id', '=', id)
				.where('unit_en', '=', '')
				.where('disaggregations_en', '=', '')
				.where('source_en', '=', '')
				.where('framework_refs_en', '=', '')
				.where((eb) =>
					eb.or([
						eb('unit_en', '!=', english.unit),
						eb('disaggregations_en', '!=', english.disaggregations),
						eb('source_en', '!=', english.source),
						eb('framework_refs_en', '!=', english.frameworkRefs)
					])
				)
				.executeTakeFirst();
			if (Number(written.numUpdatedRows) > 0) changed = true;
		}
		for (const [slug, code] of e.links) {
			const indicator = await db
				.selectFrom('indicator')
				.innerJoin('programme', 'programme.id', 'indicator.programme_id')
				.leftJoin('indicator_library_link', 'indicator_library_link.indicator_id', 'indicator.id')
				.select(['indicator.id', 'indicator_library_link.library_indicator_id'])
				.where('programme.slug', '=', slug)
				.where('indicator.code', '=', code)
				.executeTakeFirst();
			if (!indicator || indicator.library_indicator_id !== null) continue;
			await db.insertInto('indicator_library_link').values({ indicator_id: indicator.id, library_indicator_id: id }).execute();
			changed = true;
		}
	}
	return changed;
}
