import type { Db } from '../src/lib/server/db/connection';

// The reasons for the seeded activities that ended late or were behind their plan at a seeded
// report's cut-off (issue 21): the TCPR prints "planned against done" with the reason for each
// deviation, the EU narrative lists the activities modified with their reasons, so without them
// every such row printed "Deviation with no reason recorded" or a bare dash. Where the seed
// documents say why work slipped (PATSS's final account: the social mobilisations of October 2019
// strained the dialogue between the tripartite actors; the COVID-19 confinement and the changes
// of IESS authorities during the pandemic made the programme adjust its schedule; the Peru project
// page: the link between contributory and non-contributory systems is its main challenge) the
// reason says so in our own words; where they do not, the reason is illustrative and says so in
// both languages, as the other seeded illustrative texts do. No figure is added.
// A reason prints wherever it is written (the team writes it while drafting the report), so each
// reads true at every seeded cut-off: the activities late only at a later one were due, and
// unfinished, on the earlier one (Peru's 1.2.1 and 2.1.1 on 30 June 2021).
// Set before any report is issued (seed/index.ts), so the issued snapshots print them; only into
// activities whose reason is still empty (a team's own reason is never overwritten), with the
// English version in the translation table. Activities and translations in id order, so
// SQLite and PostgreSQL give the same rows the same ids.

const ILL_ES = '(Ilustrativo: los documentos de origen no dicen el motivo.)';
const ILL_EN = '(Illustrative: the source documents do not give the reason.)';

const MOBILISATIONS = {
	es: 'Las movilizaciones sociales de octubre de 2019 afectaron la comunicación entre los representantes de trabajadores, empleadores y gobierno, que integran el tripartismo del IESS; el trabajo se retomó al normalizarse el diálogo.',
	en: "The social mobilisations of October 2019 disrupted communication between the workers', employers' and government representatives who make up IESS's tripartite bodies; the work resumed once dialogue returned to normal."
};

const PANDEMIC = {
	es: 'La emergencia sanitaria de la COVID-19 cambió las prioridades del IESS y el confinamiento obligó a trabajar en modalidad virtual; el programa ajustó su cronograma para completar el trabajo.',
	en: "The COVID-19 health emergency changed IESS's priorities and the lockdown moved the work online; the programme adjusted its schedule to complete it."
};

const AUTHORITIES = {
	es: 'Los cambios de autoridades del IESS durante la pandemia trajeron cambios en áreas estratégicas y obligaron a revalidar el trabajo con los nuevos equipos; el programa ajustó su cronograma.',
	en: 'The changes of IESS authorities during the pandemic brought changes in strategic areas, and the work had to be validated again with the new teams; the programme adjusted its schedule.'
};

/** Per programme slug, per activity code: the reason in Spanish (the content language) and English. */
export const DEVIATION_REASONS: Record<string, Record<string, { es: string; en: string }>> = {
	patss: {
		'1.1.1': {
			es: `La revisión se amplió a más modelos de la región para responder a las consultas del IESS. ${ILL_ES}`,
			en: `The review was widened to more models in the region to answer IESS's questions. ${ILL_EN}`
		},
		'1.1.2': {
			es: `La presentación se ajustó al calendario de sesiones del Consejo Directivo del IESS. ${ILL_ES}`,
			en: `The presentation followed the session calendar of the IESS Board of Directors. ${ILL_EN}`
		},
		'1.2.1': MOBILISATIONS,
		'1.3.1': {
			es: `${MOBILISATIONS.es} Después, el confinamiento por la COVID-19 obligó a cerrar la encuesta en modalidad virtual.`,
			en: `${MOBILISATIONS.en} Then the COVID-19 lockdown meant the survey had to be closed online.`
		},
		'1.3.2': MOBILISATIONS,
		'2.1.1': MOBILISATIONS,
		'2.1.2': AUTHORITIES,
		'3.1.1': {
			es: `${MOBILISATIONS.es} Después, el confinamiento por la COVID-19 obligó a cerrar el análisis en modalidad virtual.`,
			en: `${MOBILISATIONS.en} Then the COVID-19 lockdown meant the analysis had to be closed online.`
		},
		'3.3.1': PANDEMIC,
		'4.1.1': {
			es: `Las entrevistas con el personal de la DAIE, con alta rotación, tomaron más de lo previsto. ${ILL_ES}`,
			en: `The interviews with the DAIE's staff, with its high turnover, took longer than planned. ${ILL_EN}`
		},
		'4.3.1': AUTHORITIES,
		'5.1.1': PANDEMIC
	},
	'el-salvador-pps': {
		'1.1.1': {
			es: `La hoja de ruta se acordó con el ISSS después de revisar con sus equipos técnicos las recomendaciones de los estudios actuariales. ${ILL_ES}`,
			en: `The roadmap was agreed with ISSS after reviewing the actuarial studies' recommendations with its technical teams. ${ILL_EN}`
		}
	},
	'peru-desempleo-ue': {
		'1.2.1': {
			es: `El consenso del grupo de trabajo multisectorial sobre la protección de los trabajadores formales necesitó más sesiones de las previstas. ${ILL_ES}`,
			en: `The multi-stakeholder working group needed more sessions than planned to reach consensus on the protection of formal workers. ${ILL_EN}`
		},
		'1.2.2': {
			es: 'Depende del consenso sobre los trabajadores formales (1.2.1), que llevó más tiempo del previsto; extender la propuesta a los trabajadores informales exige coordinar los regímenes contributivo y no contributivo, el principal desafío que señala la página del proyecto.',
			en: 'It depends on the consensus on formal workers (1.2.1), which took longer than planned; extending the proposal to informal workers requires coordinating the contributory and non-contributory systems, the main challenge the project page names.'
		},
		'2.1.1': {
			es: `La redacción siguió el calendario del MTPE para aprobar la Política Nacional de Empleo Decente. ${ILL_ES}`,
			en: `The drafting followed MTPE's calendar for adopting the National Decent Employment Policy. ${ILL_EN}`
		}
	}
};

/** Writes the reasons above into a seeded programme's activities that have none; returns whether it wrote any. */
export async function seedDeviationReasons(db: Db, programmeId: number, slug: string): Promise<boolean> {
	const reasons = DEVIATION_REASONS[slug];
	if (!reasons) return false;
	const [activities, present] = await Promise.all([
		db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['activity.id', 'activity.code', 'activity.deviation_reason'])
			.where('module.programme_id', '=', programmeId)
			.orderBy('activity.id')
			.execute(),
		db
			.selectFrom('translation')
			.select('entity_id')
			.where('programme_id', '=', programmeId)
			.where('entity', '=', 'activity')
			.where('field', '=', 'deviation_reason')
			.execute()
	]);
	const translated = new Set(present.map((t) => t.entity_id));
	const todo = activities.filter((a) => reasons[a.code] && a.deviation_reason.trim() === '');
	if (!todo.length) return false;
	await db.transaction().execute(async (trx) => {
		for (const a of todo) await trx.updateTable('activity').set({ deviation_reason: reasons[a.code]!.es }).where('id', '=', a.id).execute();
		const rows = todo
			.filter((a) => !translated.has(a.id))
			.map((a) => ({
				programme_id: programmeId,
				entity: 'activity',
				entity_id: a.id,
				field: 'deviation_reason',
				locale: 'en' as const,
				text: reasons[a.code]!.en
			}));
		if (rows.length) await trx.insertInto('translation').values(rows).execute();
	});
	return true;
}
