import type { Constituent, Taggable } from '../src/lib/constituents';
import type { Db } from '../src/lib/server/db/connection';

// The tripartite lens (issue 25), from the seed documents: PATSS's governance work around the IESS
// Governing Board (its 2012 election, the call on the electoral council for a new one, the 2019
// National Agreement dialogue the ILO facilitated), the Ecuador and Peru working groups of the EU
// projects. Dates the documents do not give are illustrative and marked so. Idempotent: a
// programme that has any event keeps its own; a record with constituents keeps them.

interface EventSeed {
	heldOn: string;
	body: string;
	outcome: string;
	evidenceUrl?: string;
	illustrative: boolean;
	parties: Partial<Record<Constituent, string>>;
	/** The body, outcome and names in English (issue 25, finding 4): content translations. */
	en: { body: string; outcome: string; parties: Partial<Record<Constituent, string>> };
}

interface ProgrammeDialogue {
	events: EventSeed[];
	/** [kind, code, constituents] */
	tags: [Taggable, string, Constituent[]][];
}

const DIALOGUE: Record<string, ProgrammeDialogue> = {
	patss: {
		events: [
			{
				heldOn: '2019-09-17',
				body: 'Diálogo social para el Acuerdo Nacional por la Seguridad Social',
				outcome:
					'La OIT, a pedido del IESS, facilita el diálogo convocado por el Gobierno: información común y capacidades técnicas para todos los participantes (estudios de percepción y encuestas).',
				illustrative: true,
				parties: {
					government: 'Gobierno Nacional; IESS',
					employers: 'Representantes de empleadores ante el IESS',
					workers: 'Representantes de asegurados y centrales sindicales',
					other: 'OIT (facilitación)'
				},
				en: {
					body: 'Social dialogue for the National Agreement on Social Security',
					outcome:
						'At the IESS’s request, the ILO facilitates the dialogue called by the Government: shared information and technical capacities for every participant (perception studies and surveys).',
					parties: {
						government: 'National Government; IESS',
						employers: 'Employers’ representatives on the IESS board',
						workers: 'Representatives of insured persons and trade union confederations',
						other: 'ILO (facilitation)'
					}
				}
			},
			{
				heldOn: '2020-11-10',
				body: 'Consejo Directivo del IESS',
				outcome:
					'Presentación de las orientaciones para la designación y conformación del Consejo Directivo, a partir del estudio comparado de la región.',
				evidenceUrl: 'https://www.ilo.org/lima/publicaciones/WCMS_731636/lang--es/index.htm',
				illustrative: true,
				parties: {
					government: 'IESS (presidencia del Consejo Directivo)',
					employers: 'Representante de empleadores (electo en 2012)',
					workers: 'Representante de asegurados (electo en 2012)',
					other: 'OIT'
				},
				en: {
					body: 'IESS Governing Board',
					outcome:
						'Presentation of the guidance on appointing and composing the Governing Board, drawn from the comparative study of the region.',
					parties: {
						government: 'IESS (chair of the Governing Board)',
						employers: 'Employers’ representative (elected in 2012)',
						workers: 'Representative of insured persons (elected in 2012)',
						other: 'ILO'
					}
				}
			},
			{
				heldOn: '2021-06-15',
				body: 'Actores sociales ante el Consejo Nacional Electoral',
				outcome:
					'Los actores de la seguridad social piden al CNE convocar la elección de representantes de asegurados y empleadores, con sus alternos, ante el Consejo Directivo del IESS; la OIT los acompaña técnicamente.',
				evidenceUrl: 'https://www.ilo.org/es/resource/news/actores-sociales-en-ecuador-solicitan-proceso-de-eleccion-de-representantes',
				illustrative: true,
				parties: {
					government: 'Consejo Nacional Electoral',
					employers: 'Organizaciones de empleadores',
					workers: 'Organizaciones de asegurados y de trabajadores'
				},
				en: {
					body: 'Social security actors before the National Electoral Council',
					outcome:
						'The social security actors ask the CNE to call the election of the representatives of insured persons and employers, with their alternates, to the IESS Governing Board; the ILO supports them technically.',
					parties: {
						government: 'National Electoral Council',
						employers: 'Employers’ organisations',
						workers: 'Organisations of insured persons and of workers'
					}
				}
			}
		],
		tags: [
			['output', '1.1', ['government', 'employers', 'workers']],
			['activity', '1.1.2', ['government', 'employers', 'workers']],
			['activity', '1.2.1', ['government']],
			['activity', '1.3.1', ['government', 'employers', 'workers', 'other']],
			['recommendation', 'GOB-01', ['government', 'employers', 'workers']],
			['recommendation', 'GOB-02', ['government', 'employers', 'workers']]
		]
	},
	'ecuador-desempleo-ue': {
		events: [
			{
				heldOn: '2020-10-20',
				body: 'Grupo de trabajo del proyecto con los delegados oficiales',
				outcome:
					'Se revisan con todas las partes los objetivos e hitos del proyecto y se consolida el grupo de trabajo; se planifican notas técnicas y seminarios web.',
				illustrative: true,
				parties: {
					government: 'IESS; Ministerio del Trabajo; Ministerio de Economía y Finanzas',
					employers: 'Organizaciones de empleadores',
					workers: 'Organizaciones de trabajadores',
					other: 'Delegación de la UE; OIT'
				},
				en: {
					body: 'Project working group with the official delegates',
					outcome:
						'The project’s objectives and milestones are reviewed with all parties and the working group is consolidated; technical notes and webinars are planned.',
					parties: {
						government: 'IESS; Ministry of Labour; Ministry of Economy and Finance',
						employers: 'Employers’ organisations',
						workers: 'Workers’ organisations',
						other: 'EU Delegation; ILO'
					}
				}
			}
		],
		tags: [['activity', '1.1.1', ['government']]]
	},
	'peru-desempleo-ue': {
		events: [
			{
				heldOn: '2020-12-15',
				body: 'Grupo de trabajo multiactor (novena sesión de 2020)',
				outcome:
					'Consenso sobre las dimensiones principales de la propuesta de protección para trabajadores formales: cobertura, prestaciones, condiciones de acceso y financiamiento.',
				illustrative: true,
				parties: {
					government: 'Ministerio de Trabajo y Promoción del Empleo; Ministerio de Economía y Finanzas',
					other: 'Delegación de la UE; OIT'
				},
				en: {
					body: 'Multi-stakeholder working group (ninth session of 2020)',
					outcome:
						'Consensus on the main dimensions of the protection proposal for formal workers: coverage, benefits, entitlement conditions and financing.',
					parties: {
						government: 'Ministry of Labour and Employment Promotion; Ministry of Economy and Finance',
						other: 'EU Delegation; ILO'
					}
				}
			}
		],
		tags: [['activity', '1.1.1', ['government', 'other']]]
	}
};

export async function seedDialogue(db: Db): Promise<boolean> {
	let changed = false;
	for (const [slug, seed] of Object.entries(DIALOGUE)) {
		const programme = await db.selectFrom('programme').select('id').where('slug', '=', slug).executeTakeFirst();
		if (!programme) continue;
		const has = await db.selectFrom('social_dialogue_event').select('id').where('programme_id', '=', programme.id).executeTakeFirst();
		if (!has) {
			for (const e of seed.events) {
				const { id } = await db
					.insertInto('social_dialogue_event')
					.values({
						programme_id: programme.id,
						held_on: e.heldOn,
						body: e.body,
						outcome: e.outcome,
						evidence_url: e.evidenceUrl ?? null,
						is_illustrative: e.illustrative ? 1 : 0
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				const parties = Object.entries(e.parties).map(([constituent, names]) => ({
					event_id: id,
					constituent: constituent as Constituent,
					names
				}));
				await db.insertInto('social_dialogue_party').values(parties).execute();
			}
			changed = true;
		}
		// The English of each seeded event, where the event (found by its date and body) has none yet.
		for (const e of seed.events) {
			const event = await db
				.selectFrom('social_dialogue_event')
				.select('id')
				.where('programme_id', '=', programme.id)
				.where('held_on', '=', e.heldOn)
				.where('body', '=', e.body)
				.executeTakeFirst();
			if (!event) continue;
			const translated = await db
				.selectFrom('translation')
				.select('id')
				.where('entity', '=', 'social_dialogue_event')
				.where('entity_id', '=', event.id)
				.executeTakeFirst();
			if (translated) continue;
			const texts: [string, string][] = [
				['body', e.en.body],
				['outcome', e.en.outcome],
				...Object.entries(e.en.parties).map(([c, names]): [string, string] => [`names_${c}`, names])
			];
			await db
				.insertInto('translation')
				.values(
					texts.map(([field, text]) => ({
						programme_id: programme.id,
						entity: 'social_dialogue_event',
						entity_id: event.id,
						field,
						locale: 'en' as const,
						text
					}))
				)
				.execute();
			changed = true;
		}
		for (const [entity, code, constituents] of seed.tags) {
			const record =
				entity === 'recommendation'
					? await db
							.selectFrom('recommendation')
							.select('id')
							.where('programme_id', '=', programme.id)
							.where('code', '=', code)
							.executeTakeFirst()
					: entity === 'output'
						? await db
								.selectFrom('output')
								.innerJoin('module', 'module.id', 'output.module_id')
								.select('output.id')
								.where('module.programme_id', '=', programme.id)
								.where('output.code', '=', code)
								.executeTakeFirst()
						: await db
								.selectFrom('activity')
								.innerJoin('output', 'output.id', 'activity.output_id')
								.innerJoin('module', 'module.id', 'output.module_id')
								.select('activity.id')
								.where('module.programme_id', '=', programme.id)
								.where('activity.code', '=', code)
								.executeTakeFirst();
			if (!record) continue;
			const tagged = await db
				.selectFrom('constituent_tag')
				.select('id')
				.where('entity', '=', entity)
				.where('entity_id', '=', record.id)
				.executeTakeFirst();
			if (tagged) continue;
			await db
				.insertInto('constituent_tag')
				.values(constituents.map((constituent) => ({ programme_id: programme.id, entity, entity_id: record.id, constituent })))
				.execute();
			changed = true;
		}
	}
	return changed;
}
