import type { Db } from '../src/lib/server/db/connection';
import { recordAudit } from '../src/lib/server/core/audit';
import type { GenderActionStatus, GenderActionType, IsoDate } from '../src/lib/model';

// Seed of the gender-strategy actions, by programme code. For PATSS they turn the mid-term
// evaluation's gender recommendations into actions (a strategy agreed with IESS with actions in
// each module; a gender-equality chapter in the module-5 virtual course); for the EU projects they
// follow their focus on gender gaps. Dates and statuses are plausible readings of the documents.

export interface GenderActionSeed {
	/** A module code, or 'programme' for a cross-cutting action. */
	module: string;
	title: string;
	description: string;
	type: GenderActionType;
	responsible: string;
	partner: string;
	startDate: IsoDate;
	dueDate: IsoDate;
	status: GenderActionStatus;
	evidenceUrl?: string;
	internalNotes?: string;
	/** Codes of the sex-disaggregated indicators whose gap the action aims to close. */
	indicators?: string[];
}

const patss: GenderActionSeed[] = [
	{
		module: 'programme',
		title: 'Estrategia de género acordada con el IESS, con acciones específicas en cada módulo',
		description:
			'Elaborar con el IESS, por discusión y consenso y con base en las políticas de la OIT, una estrategia de género con acciones en cada uno de los cinco módulos (recomendación de la evaluación de medio término).',
		type: 'policy_advice',
		responsible: 'Coordinación PATSS y punto focal de género, OIT',
		partner: 'IESS',
		startDate: '2021-01-15',
		dueDate: '2021-09-30',
		status: 'ongoing',
		internalNotes: 'El borrador espera la validación de la nueva Dirección General del IESS.'
	},
	{
		module: 'M1',
		title: 'Voz de las mujeres en los espacios de diálogo social y en los grupos focales',
		description:
			'Procurar una participación equilibrada de mujeres y hombres en las mesas de diálogo y en los grupos focales, más allá de las cuotas, y recoger por separado sus percepciones sobre el IESS.',
		type: 'participation',
		responsible: 'Coordinación PATSS',
		partner: 'Organizaciones de empleadores y de trabajadores',
		startDate: '2019-08-01',
		dueDate: '2020-03-31',
		status: 'completed'
	},
	{
		module: 'M2',
		title: 'Brechas de género en la afiliación y la recaudación',
		description:
			'Analizar con los registros del IESS, desagregados por sexo, las diferencias de afiliación, densidad de cotización y mora entre mujeres y hombres.',
		type: 'data_statistics',
		responsible: 'Consultoría de procesos',
		partner: 'Dirección de Afiliación y Cobertura, IESS',
		startDate: '2021-01-01',
		dueDate: '2021-12-31',
		status: 'ongoing'
	},
	{
		module: 'M3',
		title: 'Enfoque de género en el esquema de afiliación progresiva de independientes',
		description:
			'Considerar en el diseño del esquema la situación de las trabajadoras por cuenta propia, con ingresos más bajos e irregulares y más cargas de cuidado.',
		type: 'policy_advice',
		responsible: 'Equipo de cobertura, OIT',
		partner: 'IESS y Ministerio del Trabajo',
		startDate: '2020-03-01',
		dueDate: '2021-03-31',
		status: 'completed',
		indicators: ['M3-1']
	},
	{
		module: 'M4',
		title: 'Participación equilibrada en la capacitación en modelos actuariales',
		description:
			'Invitar por igual a funcionarias y funcionarios de la Dirección Actuarial a los cursos sobre los modelos de pensiones y de salud.',
		type: 'capacity_building',
		responsible: 'Unidad actuarial, OIT',
		partner: 'Dirección Actuarial, de Investigación y Estadística (DAIE)',
		startDate: '2021-08-01',
		dueDate: '2021-09-30',
		status: 'completed',
		indicators: ['4.2-1']
	},
	{
		module: 'M5',
		title: 'Capítulo sobre igualdad de género e inclusión de grupos vulnerables en el curso virtual',
		description:
			'Añadir al curso «Conceptos y gobernanza de la seguridad social» de IESS-EDUCA un capítulo sobre igualdad de género y grupos vulnerables en la seguridad social (recomendación de la evaluación de medio término).',
		type: 'capacity_building',
		responsible: 'Punto focal de género, OIT',
		partner: 'IESS-EDUCA',
		startDate: '2021-01-01',
		dueDate: '2021-06-30',
		status: 'ongoing',
		internalNotes: 'Contenidos en revisión con el punto focal de género; falta la validación del IESS.',
		indicators: ['5.1-3', 'M5-1']
	}
];

const ecuadorEu: GenderActionSeed[] = [
	{
		module: 'M1',
		title: 'Brechas de género en el acceso al seguro de desempleo',
		description:
			'Analizar por sexo quién cumple las condiciones de acceso y quién cobra la prestación, como base de las propuestas de mejora.',
		type: 'analysis',
		responsible: 'Especialista de protección social, OIT',
		partner: 'IESS',
		startDate: '2020-09-01',
		dueDate: '2021-06-30',
		status: 'completed'
	},
	{
		module: 'M2',
		title: 'Criterios de género en la vinculación con los servicios de empleo',
		description:
			'Incluir en la articulación con el Ministerio del Trabajo horarios, servicios de cuidado y ofertas de formación que no excluyan a las mujeres que buscan empleo.',
		type: 'policy_advice',
		responsible: 'Coordinación nacional del proyecto',
		partner: 'Ministerio del Trabajo',
		startDate: '2021-04-01',
		dueDate: '2022-06-30',
		status: 'ongoing'
	},
	{
		module: 'M3',
		title: 'Participación de funcionarias en la capacitación sobre la herramienta actuarial',
		description:
			'Asegurar que el taller para la Dirección Actuarial del IESS y el Ministerio de Economía cuente con una participación equilibrada.',
		type: 'capacity_building',
		responsible: 'Unidad actuarial, OIT',
		partner: 'IESS y Ministerio de Economía y Finanzas',
		startDate: '2021-08-01',
		dueDate: '2021-12-15',
		status: 'completed',
		indicators: ['EC-3']
	}
];

const peruEu: GenderActionSeed[] = [
	{
		module: 'M1',
		title: 'Diagnóstico de brechas de género entre trabajadores informales',
		description: 'Caracterizar por sexo a las personas trabajadoras informales que el esquema piloto quiere cubrir.',
		type: 'data_statistics',
		responsible: 'Especialista de protección social, OIT',
		partner: 'Ministerio de Trabajo y Promoción del Empleo',
		startDate: '2021-10-01',
		dueDate: '2023-06-30',
		status: 'completed',
		indicators: ['PE-4']
	},
	{
		module: 'M1',
		title: 'Meta de cobertura paritaria del esquema piloto',
		description: 'Proponer y seguir una meta de 250 mujeres y 250 hombres cubiertos por el esquema piloto.',
		type: 'policy_advice',
		responsible: 'Coordinación nacional del proyecto',
		partner: 'Ministerio de Trabajo y Promoción del Empleo',
		startDate: '2024-01-01',
		dueDate: '2026-12-31',
		status: 'ongoing',
		indicators: ['PE-4']
	},
	{
		module: 'M2',
		title: 'Orientación laboral con enfoque de género en la Política Nacional de Empleo Decente',
		description: 'Proponer que la capacitación y la orientación laboral para quienes pierden el empleo consideren las brechas de género.',
		type: 'policy_advice',
		responsible: 'Coordinación nacional del proyecto',
		partner: 'Ministerio de Trabajo y Promoción del Empleo',
		startDate: '2020-10-15',
		dueDate: '2021-07-31',
		status: 'completed'
	},
	{
		module: 'M4',
		title: 'Participación de dirigentas en los talleres tripartitos',
		description:
			'Invitar expresamente a mujeres dirigentes de las organizaciones de trabajadores y de empleadores a los talleres sobre la propuesta.',
		type: 'participation',
		responsible: 'Coordinación nacional del proyecto',
		partner: 'Organizaciones de trabajadores y de empleadores',
		startDate: '2023-01-01',
		dueDate: '2026-06-30',
		status: 'ongoing'
	}
];

const elSalvador: GenderActionSeed[] = [
	{
		module: 'M2',
		title: 'Extensión de la cobertura a trabajadoras domésticas y por cuenta propia',
		description:
			'Incluir en la estrategia de aseguramiento medidas para el trabajo doméstico y por cuenta propia, donde se concentran las mujeres.',
		type: 'policy_advice',
		responsible: 'Especialista de protección social, OIT',
		partner: 'Ministerio de Trabajo y Previsión Social',
		startDate: '2019-01-01',
		dueDate: '2020-12-31',
		status: 'completed',
		indicators: ['SV-4']
	}
];

export const genderSeeds: Record<string, GenderActionSeed[]> = {
	PATSS: patss,
	'UE-ECU-DESEMPLEO': ecuadorEu,
	'UE-PER-DESEMPLEO': peruEu,
	'SLV/16/03/RBS': elSalvador
};

/** Inserts the programme's gender actions unless it already has some. */
export async function seedGenderActions(db: Db, programmeId: number, seeds: GenderActionSeed[]): Promise<boolean> {
	const any = await db.selectFrom('gender_action').select('id').where('programme_id', '=', programmeId).executeTakeFirst();
	if (any || seeds.length === 0) return false;
	await db.transaction().execute(async (trx) => {
		const [modules, indicators] = await Promise.all([
			trx.selectFrom('module').select(['id', 'code']).where('programme_id', '=', programmeId).execute(),
			trx.selectFrom('indicator').select(['id', 'code', 'disaggregated_by_sex']).where('programme_id', '=', programmeId).execute()
		]);
		for (const s of seeds) {
			const module = s.module === 'programme' ? null : modules.find((m) => m.code === s.module);
			if (module === undefined) throw new Error(`seed: no module ${s.module} in programme ${programmeId}`);
			const { id } = await trx
				.insertInto('gender_action')
				.values({
					programme_id: programmeId,
					module_id: module?.id ?? null,
					title: s.title,
					description: s.description,
					type: s.type,
					responsible: s.responsible,
					partner: s.partner,
					start_date: s.startDate,
					due_date: s.dueDate,
					status: s.status,
					evidence_url: s.evidenceUrl ?? null,
					internal_notes: s.internalNotes ?? ''
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const linked = (s.indicators ?? []).map((code) => {
				const indicator = indicators.find((i) => i.code === code);
				// The same rule the app enforces: only sex-disaggregated indicators show a gap.
				if (!indicator || indicator.disaggregated_by_sex !== 1)
					throw new Error(`seed: ${code} is not a sex-disaggregated indicator of programme ${programmeId}`);
				return { action_id: id, indicator_id: indicator.id };
			});
			if (linked.length) await trx.insertInto('gender_action_indicator').values(linked).execute();
		}
		await recordAudit(trx, {
			userId: null,
			programmeId,
			entity: 'programme',
			entityId: programmeId,
			action: 'seed_gender_actions',
			after: { count: seeds.length },
			reason: 'seed'
		});
	});
	return true;
}
