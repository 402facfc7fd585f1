import type { Db } from '../src/lib/server/db/connection';
import type { Transaction } from 'kysely';
import type { Database } from '../src/lib/server/db/schema';
import { recordAudit } from '../src/lib/server/core/audit';
import type { AssumptionResult, IsoDate, RiskCategory, RiskKind, RiskStatus } from '../src/lib/model';

// Seed of the risks-and-assumptions matrix, by programme code. The risks are those the documents
// record (shared/seeds/); the assumptions, review dates and scores are plausible readings of them,
// written in our own words. Seeded reviews have no reviewer (nobody signed them in Avance).

export interface RiskSeed {
	/** 'programme', or the code of a module ('M1'), an output ('1.1') or an activity ('1.1.1'). */
	parent: string;
	kind: RiskKind;
	code: string;
	title: string;
	description: string;
	category: RiskCategory;
	mitigation?: string;
	contingency?: string;
	owner?: string;
	status: RiskStatus;
	nextReviewDate?: IsoDate;
	internalNotes?: string;
	/** Oldest first; at least one. The entry's likelihood and impact are those of the last. */
	reviews: { on: IsoDate; likelihood: number; impact: number; note?: string }[];
	/** Codes of the indicators the entry threatens. */
	indicators?: string[];
	/** Assumptions: the check of each period, by period label. */
	checks?: Record<string, { result: AssumptionResult; note?: string }>;
}

// PATSS (Oct 2018 – Mar 2022). The final account and the mid-term evaluation record the October
// 2019 unrest, COVID-19 and remote work, the changes of IESS authorities, the State's arrears on
// its 40 % contribution to pensions and the question over the governing board's legitimacy.
const patss: RiskSeed[] = [
	{
		parent: 'programme',
		kind: 'risk',
		code: 'R1',
		title: 'Conflictividad social de octubre de 2019',
		description:
			'Si la protesta social paraliza el país, como en el paro nacional de octubre de 2019, entonces se suspenden los talleres y las mesas de diálogo en territorio y se retrasa el calendario.',
		category: 'political',
		mitigation: 'Reprogramar los eventos presenciales; mantener el contacto con los actores sociales por canales virtuales.',
		contingency: 'Trasladar a 2020 los grupos focales pendientes.',
		owner: 'Coordinación PATSS',
		status: 'closed',
		reviews: [
			{ on: '2019-06-30', likelihood: 2, impact: 3, note: 'Clima social tenso, sin paralizaciones previstas.' },
			{
				on: '2019-10-31',
				likelihood: 5,
				impact: 4,
				note: 'El paro nacional de octubre suspendió talleres y reuniones durante casi dos semanas.'
			},
			{ on: '2020-03-31', likelihood: 2, impact: 2, note: 'Actividades reprogramadas; el riesgo se cierra.' }
		]
	},
	{
		parent: 'programme',
		kind: 'risk',
		code: 'R2',
		title: 'COVID-19 y paso al trabajo a distancia',
		description:
			'Si la emergencia sanitaria impide reunirse, entonces las actividades presenciales, las misiones y la propia evaluación deben pasar a modalidad virtual, con menor alcance en provincias.',
		category: 'external',
		mitigation:
			'Seminarios web, cursos virtuales en IESS-EDUCA y reuniones en línea; estudio rápido de los efectos de la pandemia en el IESS.',
		contingency: 'Reorientar recursos hacia la respuesta inmediata a la crisis (proyectos complementarios de 2020).',
		owner: 'Coordinación PATSS',
		status: 'monitoring',
		nextReviewDate: '2022-03-31',
		internalNotes: 'Confirmar con el IESS si la modalidad virtual se mantiene para el cierre del programa.',
		reviews: [
			{ on: '2020-03-31', likelihood: 5, impact: 4, note: 'Confinamiento nacional: todas las actividades pasan a modalidad remota.' },
			{ on: '2020-09-30', likelihood: 5, impact: 4, note: 'El trabajo a distancia funciona, pero el alcance territorial baja.' },
			{ on: '2021-06-30', likelihood: 4, impact: 3, note: 'Equipos adaptados al trabajo remoto; vuelven algunos eventos presenciales.' }
		]
	},
	{
		parent: 'programme',
		kind: 'risk',
		code: 'R3',
		title: 'Cambios de autoridades del IESS',
		description:
			'Si cambian con frecuencia las autoridades y los equipos técnicos del IESS, entonces se pierden contrapartes, se reabren acuerdos ya alcanzados y se retrasan las decisiones.',
		category: 'institutional',
		mitigation:
			'Presentar el programa a cada nueva autoridad; dejar productos escritos y transferir capacidades a equipos técnicos, no solo a directivos.',
		contingency: 'Priorizar los productos que no dependen de una decisión de la máxima autoridad.',
		owner: 'Coordinación PATSS',
		status: 'materialised',
		indicators: ['2.4-1', '4.2-1'],
		reviews: [
			{ on: '2019-03-31', likelihood: 3, impact: 3 },
			{
				on: '2020-06-30',
				likelihood: 4,
				impact: 4,
				note: 'Nueva administración del IESS; se renuevan las contrapartes de afiliación y recaudación.'
			},
			{
				on: '2021-12-31',
				likelihood: 5,
				impact: 4,
				note: 'Nuevos cambios retrasan el mecanismo de seguimiento de recomendaciones (producto 2.4).'
			}
		]
	},
	{
		parent: '4.3',
		kind: 'risk',
		code: 'R4',
		title: 'Atrasos del Estado en su contribución del 40 % a las pensiones',
		description:
			'Si el Estado no paga a tiempo su contribución del 40 % al financiamiento de las pensiones, entonces se deteriora la sostenibilidad del régimen de Invalidez, Vejez y Muerte y las recomendaciones actuariales pierden margen.',
		category: 'financial',
		mitigation: 'Cuantificar la deuda y sus efectos en las valuaciones actuariales; presentar escenarios al Consejo Directivo.',
		contingency: 'Informe técnico sobre opciones de pago y de reforma paramétrica.',
		owner: 'Unidad actuarial, OIT',
		status: 'open',
		indicators: ['4.3-1'],
		reviews: [
			{ on: '2019-06-30', likelihood: 4, impact: 4 },
			{ on: '2020-12-31', likelihood: 5, impact: 5, note: 'La crisis fiscal de la pandemia aumenta la deuda acumulada.' },
			{
				on: '2021-12-31',
				likelihood: 5,
				impact: 4,
				note: 'El informe de sostenibilidad del IVM documenta el efecto; se mantiene el seguimiento.'
			}
		]
	},
	{
		parent: 'M1',
		kind: 'risk',
		code: 'R5',
		title: 'Legitimidad del Consejo Directivo del IESS',
		description:
			'Si no se elige a los representantes de asegurados y empleadores ante el Consejo Directivo, entonces se cuestiona la legitimidad de sus decisiones y del nuevo modelo de gobernanza.',
		category: 'institutional',
		mitigation: 'Acompañar técnicamente la reforma del artículo 28 y el pedido de los actores sociales al Consejo Nacional Electoral.',
		owner: 'Especialista de protección social, OIT',
		status: 'open',
		indicators: ['M1-3'],
		reviews: [
			{ on: '2019-09-30', likelihood: 3, impact: 4 },
			{ on: '2021-06-30', likelihood: 4, impact: 4, note: 'La convocatoria a elecciones sigue pendiente.' }
		]
	},
	{
		parent: 'M3',
		kind: 'risk',
		code: 'R6',
		title: 'Sin reforma normativa para afiliar a las personas trabajadoras independientes',
		description:
			'Si no se aprueba la norma que haga obligatoria o progresiva la afiliación de los independientes, entonces su tasa de afiliación seguirá estancada cerca del 7 %.',
		category: 'political',
		mitigation: 'Difundir el estudio del esquema de afiliación progresiva entre el IESS, el Ministerio del Trabajo y la Asamblea.',
		owner: 'Equipo de cobertura, OIT',
		status: 'open',
		indicators: ['M3-1'],
		reviews: [
			{ on: '2020-12-31', likelihood: 3, impact: 4 },
			{ on: '2022-03-31', likelihood: 4, impact: 4, note: 'El esquema está listo, pero no hay iniciativa legislativa.' }
		]
	},
	{
		parent: '4.2.1',
		kind: 'risk',
		code: 'R7',
		title: 'Rotación del personal capacitado en los modelos actuariales',
		description:
			'Si el personal formado en los modelos de la OIT deja la Dirección Actuarial, entonces la institución pierde la capacidad de actualizar las valuaciones por sí misma.',
		category: 'operational',
		mitigation: 'Formar a más de una persona por modelo y documentar los procedimientos.',
		owner: 'Unidad actuarial, OIT',
		status: 'monitoring',
		indicators: ['4.2-1'],
		reviews: [{ on: '2021-09-30', likelihood: 3, impact: 3, note: 'La rotación redujo la participación en los cursos introductorios.' }]
	},
	{
		parent: 'M1',
		kind: 'assumption',
		code: 'S1',
		title: 'Los actores sociales mantienen su disposición al diálogo sobre la seguridad social',
		description:
			'Se supone que empleadores, asegurados y jubilados siguen participando en las mesas de diálogo y en los estudios de percepción.',
		category: 'political',
		status: 'monitoring',
		reviews: [{ on: '2019-01-31', likelihood: 2, impact: 4 }],
		checks: {
			'2019-S2': { result: 'partly', note: 'El paro de octubre interrumpió varias mesas.' },
			'2020-S2': { result: 'holds' },
			'2021-S2': { result: 'holds' }
		}
	},
	{
		parent: 'M2',
		kind: 'assumption',
		code: 'S2',
		title: 'El IESS designa contrapartes técnicas estables para afiliación, recaudación y cobro',
		description: 'Se supone que las áreas técnicas mantienen a las mismas personas de enlace durante el diseño de las recomendaciones.',
		category: 'institutional',
		status: 'open',
		reviews: [
			{ on: '2019-01-31', likelihood: 2, impact: 3 },
			{ on: '2021-12-31', likelihood: 4, impact: 3, note: 'Los cambios de autoridades se llevaron a varias contrapartes.' }
		],
		checks: {
			'2020-S1': { result: 'holds' },
			'2021-S1': { result: 'partly' },
			'2021-S2': { result: 'no', note: 'Sin contraparte designada para el mecanismo de seguimiento.' }
		}
	},
	{
		parent: 'M3',
		kind: 'assumption',
		code: 'S3',
		title: 'El IESS y el Ministerio del Trabajo impulsan la extensión de la cobertura a independientes',
		description: 'Se supone voluntad política para llevar el esquema de afiliación progresiva a una reforma.',
		category: 'political',
		status: 'open',
		reviews: [{ on: '2020-01-31', likelihood: 3, impact: 4 }],
		checks: { '2020-S2': { result: 'partly' }, '2021-S2': { result: 'no', note: 'Sin iniciativa de reforma en curso.' } }
	},
	{
		parent: 'M4',
		kind: 'assumption',
		code: 'S4',
		title: 'La Dirección Actuarial cuenta con personal suficiente para apropiarse de los modelos',
		description: 'Se supone la contratación de al menos cinco actuarios, como propone el fortalecimiento de la DAIE.',
		category: 'institutional',
		status: 'open',
		reviews: [{ on: '2019-08-31', likelihood: 3, impact: 4 }],
		checks: { '2020-S2': { result: 'partly' }, '2021-S2': { result: 'partly', note: 'Dos contrataciones de las cinco propuestas.' } }
	},
	{
		parent: 'M5',
		kind: 'assumption',
		code: 'S5',
		title: 'El IESS da tiempo a su personal para formarse en IESS-EDUCA',
		description: 'Se supone que la plataforma está disponible y que las jefaturas facilitan horas de formación.',
		category: 'operational',
		status: 'monitoring',
		reviews: [{ on: '2020-01-31', likelihood: 2, impact: 3 }],
		checks: { '2020-S2': { result: 'holds' }, '2021-S2': { result: 'holds' } }
	}
];

// The EU projects' pages name the risks they work against: high informality, economic crisis and
// the coordination between institutions (active and passive labour policies; contributory and
// non-contributory schemes).
const ecuadorEu: RiskSeed[] = [
	{
		parent: 'programme',
		kind: 'risk',
		code: 'R1',
		title: 'Alta informalidad laboral',
		description:
			'Si la mayoría de quienes pierden el empleo trabajaba sin cotizar, entonces el seguro de desempleo protege solo a una minoría y su legitimidad se debilita.',
		category: 'external',
		mitigation: 'Incluir en las propuestas opciones para trabajadores informales y su vínculo con la protección no contributiva.',
		owner: 'Especialista de protección social, OIT',
		status: 'open',
		reviews: [
			{ on: '2020-06-30', likelihood: 4, impact: 4 },
			{ on: '2021-12-31', likelihood: 5, impact: 4, note: 'La informalidad creció tras la pandemia.' }
		]
	},
	{
		parent: 'M3',
		kind: 'risk',
		code: 'R2',
		title: 'Crisis económica y restricción fiscal',
		description: 'Si la crisis económica reduce el espacio fiscal, entonces las mejoras al seguro de desempleo se posponen.',
		category: 'financial',
		mitigation: 'Acompañar las propuestas con su costeo y escenarios de financiamiento con el Ministerio de Economía y Finanzas.',
		owner: 'Unidad actuarial, OIT',
		status: 'monitoring',
		reviews: [
			{ on: '2020-06-30', likelihood: 5, impact: 4 },
			{ on: '2022-06-30', likelihood: 3, impact: 4, note: 'Recuperación parcial de la recaudación.' }
		]
	},
	{
		parent: '2.1.1',
		kind: 'risk',
		code: 'R3',
		title: 'Coordinación débil entre el IESS y el Ministerio del Trabajo',
		description:
			'Si el IESS y el Ministerio del Trabajo no coordinan la prestación con los servicios de empleo, entonces la vinculación entre políticas activas y pasivas no avanza.',
		category: 'institutional',
		mitigation: 'Subgrupos de trabajo con ambos implementadores y acuerdos de intercambio de datos.',
		owner: 'Coordinación nacional del proyecto',
		status: 'open',
		nextReviewDate: '2023-12-31',
		indicators: ['EC-2'],
		reviews: [
			{ on: '2021-03-31', likelihood: 3, impact: 4 },
			{ on: '2022-12-31', likelihood: 4, impact: 4, note: 'Las mesas con el Ministerio avanzan más lento de lo previsto.' }
		]
	},
	{
		parent: 'M4',
		kind: 'assumption',
		code: 'S1',
		title: 'Los delegados oficiales del grupo de trabajo se mantienen',
		description: 'Se supone que las instituciones sostienen a sus delegados en el grupo de trabajo durante el proyecto.',
		category: 'institutional',
		status: 'monitoring',
		reviews: [{ on: '2020-06-30', likelihood: 2, impact: 3 }],
		checks: { '2020-S2': { result: 'holds' }, '2021-S2': { result: 'partly', note: 'Cambió la delegación del Ministerio de Economía.' } }
	}
];

const peruEu: RiskSeed[] = [
	{
		parent: '1.2',
		kind: 'risk',
		code: 'R1',
		title: 'Alta informalidad y baja cobertura de la seguridad social',
		description:
			'Si la mayoría de trabajadoras y trabajadores sigue en la informalidad, entonces solo una minoría podrá acceder a la protección ante el desempleo.',
		category: 'external',
		mitigation: 'Diseñar la extensión a trabajadores informales desde el inicio, con un esquema piloto.',
		owner: 'Especialista de protección social, OIT',
		status: 'open',
		nextReviewDate: '2026-06-30',
		indicators: ['PE-4'],
		reviews: [
			{ on: '2020-12-31', likelihood: 5, impact: 4 },
			{ on: '2023-06-30', likelihood: 5, impact: 4, note: 'Sin cambios en los niveles de informalidad.' },
			{ on: '2025-12-31', likelihood: 4, impact: 4, note: 'El esquema piloto abre una vía de acceso para informales.' }
		]
	},
	{
		parent: 'M3',
		kind: 'risk',
		code: 'R2',
		title: 'Crisis económica y recursos públicos',
		description: 'Si una crisis económica reduce los recursos públicos, entonces no se aprueba el financiamiento del sistema propuesto.',
		category: 'financial',
		mitigation: 'Modelo de costeo con escenarios y diálogo temprano con el Ministerio de Economía y Finanzas.',
		owner: 'Unidad actuarial, OIT',
		status: 'monitoring',
		nextReviewDate: '2026-12-15',
		indicators: ['PE-5'],
		reviews: [
			{ on: '2020-12-31', likelihood: 4, impact: 5 },
			{ on: '2024-12-31', likelihood: 3, impact: 5, note: 'La economía se estabiliza; el costeo avanza.' }
		]
	},
	{
		parent: 'programme',
		kind: 'risk',
		code: 'R3',
		title: 'Coordinación entre instituciones y entre regímenes contributivo y no contributivo',
		description:
			'Si el Ministerio de Trabajo, el Ministerio de Economía y los regímenes contributivo y no contributivo no se coordinan, entonces el sistema queda fragmentado y las políticas activas y pasivas no se vinculan.',
		category: 'institutional',
		mitigation: 'Grupo de trabajo multiactor con reuniones periódicas; talleres tripartitos sobre la propuesta.',
		owner: 'Coordinación nacional del proyecto',
		status: 'open',
		nextReviewDate: '2026-12-31',
		indicators: ['PE-6'],
		internalNotes: 'Pedir a la delegación de la UE que refuerce la convocatoria al Ministerio de Economía.',
		reviews: [
			{ on: '2021-06-30', likelihood: 3, impact: 4 },
			{ on: '2025-06-30', likelihood: 4, impact: 4, note: 'Menos sesiones del grupo de trabajo desde 2023.' }
		]
	},
	{
		parent: '1.1',
		kind: 'assumption',
		code: 'S1',
		title: 'El grupo de trabajo multiactor mantiene el consenso alcanzado',
		description: 'Se supone que el grupo sigue reuniéndose y sostiene los acuerdos sobre cobertura, prestaciones, acceso y financiamiento.',
		category: 'institutional',
		status: 'monitoring',
		nextReviewDate: '2026-12-31',
		reviews: [{ on: '2020-12-31', likelihood: 2, impact: 4 }],
		checks: {
			'2020-S2': { result: 'holds', note: 'Nueve reuniones semanales en 2020.' },
			'2021-S1': { result: 'holds' },
			'2023-S2': { result: 'partly' }
		}
	},
	{
		parent: 'M4',
		kind: 'assumption',
		code: 'S2',
		title: 'Las organizaciones de trabajadores y de empleadores participan en las consultas',
		description: 'Se supone que los actores del diálogo social asisten a los talleres y se pronuncian sobre la propuesta.',
		category: 'political',
		status: 'open',
		nextReviewDate: '2026-12-31',
		reviews: [{ on: '2021-06-30', likelihood: 2, impact: 4 }],
		checks: {
			'2024-S2': { result: 'holds' },
			'2025-S2': { result: 'partly', note: 'Baja asistencia de las organizaciones de empleadores.' }
		}
	}
];

// SLV/16/03/RBS: the project record notes changing institutional priorities during the pandemic
// and incomplete administrative records of domestic and rural work.
const elSalvador: RiskSeed[] = [
	{
		parent: 'M1',
		kind: 'risk',
		code: 'R1',
		title: 'Cambio de prioridades del ISSS durante la pandemia',
		description:
			'Si la emergencia sanitaria desplaza las prioridades del ISSS, entonces se posterga la aplicación de las recomendaciones actuariales.',
		category: 'institutional',
		mitigation: 'Ordenar las recomendaciones por urgencia y costo; acompañamiento remoto.',
		owner: 'Especialista de protección social, OIT',
		status: 'materialised',
		indicators: ['SV-1'],
		reviews: [
			{ on: '2020-06-30', likelihood: 4, impact: 3 },
			{ on: '2021-06-30', likelihood: 4, impact: 4, note: 'Solo una recomendación avanzó en 2021.' }
		]
	},
	{
		parent: '1.3',
		kind: 'risk',
		code: 'R2',
		title: 'Registros administrativos incompletos del trabajo doméstico y rural',
		description:
			'Si los registros administrativos del trabajo doméstico y rural siguen incompletos, entonces no se pueden procesar los indicadores estratégicos de cobertura.',
		category: 'operational',
		mitigation: 'Mejorar los registros con el ISSS y el Ministerio de Trabajo y Previsión Social.',
		owner: 'Especialista en estadística, OIT',
		status: 'open',
		indicators: ['SV-2'],
		reviews: [
			{ on: '2019-06-30', likelihood: 3, impact: 3 },
			{ on: '2021-06-30', likelihood: 4, impact: 3 }
		]
	}
];

export const riskSeeds: Record<string, RiskSeed[]> = {
	PATSS: patss,
	'UE-ECU-DESEMPLEO': ecuadorEu,
	'UE-PER-DESEMPLEO': peruEu,
	'SLV/16/03/RBS': elSalvador
};

async function logframeCodes(trx: Transaction<Database>, programmeId: number) {
	const [modules, outputs, activities, indicators, periods] = await Promise.all([
		trx.selectFrom('module').select(['id', 'code']).where('programme_id', '=', programmeId).execute(),
		trx
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['output.id', 'output.code'])
			.where('module.programme_id', '=', programmeId)
			.execute(),
		trx
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select(['activity.id', 'activity.code'])
			.where('module.programme_id', '=', programmeId)
			.execute(),
		trx.selectFrom('indicator').select(['id', 'code']).where('programme_id', '=', programmeId).execute(),
		trx.selectFrom('reporting_period').select(['id', 'label']).where('programme_id', '=', programmeId).execute()
	]);
	const find = (rows: { id: number; code: string }[], code: string, what: string) => {
		const row = rows.find((r) => r.code === code);
		if (!row) throw new Error(`seed: no ${what} ${code} in programme ${programmeId}`);
		return row.id;
	};
	return {
		/** Only the most specific level is stored (the register reads the rest through the logframe). */
		parent(code: string) {
			const none = { module_id: null, output_id: null, activity_id: null };
			if (code === 'programme') return none;
			if (/^M\d+$/.test(code)) return { ...none, module_id: find(modules, code, 'module') };
			if (/^\d+\.\d+$/.test(code)) return { ...none, output_id: find(outputs, code, 'output') };
			return { ...none, activity_id: find(activities, code, 'activity') };
		},
		indicator: (code: string) => find(indicators, code, 'indicator'),
		period: (label: string) =>
			find(
				periods.map((p) => ({ id: p.id, code: p.label })),
				label,
				'period'
			)
	};
}

/** Inserts the programme's risks unless it already has some. Returns true when it inserted any. */
export async function seedRisks(db: Db, programmeId: number, seeds: RiskSeed[]): Promise<boolean> {
	const any = await db.selectFrom('risk').select('id').where('programme_id', '=', programmeId).executeTakeFirst();
	if (any || seeds.length === 0) return false;
	await db.transaction().execute(async (trx) => {
		const codes = await logframeCodes(trx, programmeId);
		for (const s of seeds) {
			const current = s.reviews.at(-1);
			if (!current) throw new Error(`seed: risk ${s.code} has no review`);
			const { id } = await trx
				.insertInto('risk')
				.values({
					programme_id: programmeId,
					...codes.parent(s.parent),
					kind: s.kind,
					code: s.code,
					title: s.title,
					description: s.description,
					category: s.category,
					likelihood: current.likelihood,
					impact: current.impact,
					mitigation: s.mitigation ?? '',
					contingency: s.contingency ?? '',
					owner: s.owner ?? '',
					status: s.status,
					next_review_date: s.nextReviewDate ?? null,
					internal_notes: s.internalNotes ?? ''
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('risk_review')
				.values(
					s.reviews.map((r) => ({
						risk_id: id,
						reviewed_on: r.on,
						likelihood: r.likelihood,
						impact: r.impact,
						note: r.note ?? '',
						reviewer_id: null
					}))
				)
				.execute();
			if (s.indicators?.length) {
				await trx
					.insertInto('risk_indicator')
					.values(s.indicators.map((code) => ({ risk_id: id, indicator_id: codes.indicator(code) })))
					.execute();
			}
			const checks = Object.entries(s.checks ?? {});
			if (checks.length) {
				await trx
					.insertInto('assumption_check')
					.values(
						checks.map(([label, c]) => ({
							risk_id: id,
							period_id: codes.period(label),
							result: c.result,
							note: c.note ?? '',
							checked_by: null
						}))
					)
					.execute();
			}
		}
		await recordAudit(trx, {
			userId: null,
			programmeId,
			entity: 'programme',
			entityId: programmeId,
			action: 'seed_risks',
			after: { count: seeds.length },
			reason: 'seed'
		});
	});
	return true;
}
