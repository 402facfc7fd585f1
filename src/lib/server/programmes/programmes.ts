import type {
	Activity,
	ActivityStatus,
	FundingModality,
	GenderMarker,
	LogframeModule,
	LogframeOutput,
	Programme,
	ProgrammeStatus,
	ReportingPeriod,
	Role,
	Locale
} from '$lib/model';
import { collator, sortByName } from '$lib/collation';
import type { Executor } from '../db/executor';
import type { ActivityRow, ModuleRow, OutputRow, ProgrammeRow, ReportingPeriodRow } from '../db/schema';

export function toProgramme(row: ProgrammeRow): Programme {
	return {
		id: row.id,
		slug: row.slug,
		code: row.code,
		shortName: row.short_name,
		title: row.title,
		country: row.country,
		partners: row.partners,
		donor: row.donor,
		fundingModality: row.funding_modality as FundingModality,
		budgetCents: row.budget_cents,
		currency: row.currency,
		startDate: row.start_date,
		endDate: row.end_date,
		revisedEndDate: row.revised_end_date,
		effectiveEndDate: row.revised_end_date ?? row.end_date,
		status: row.status as ProgrammeStatus,
		summary: row.summary,
		sdgTargets: JSON.parse(row.sdg_targets) as string[],
		genderMarker: row.gender_marker as GenderMarker,
		iatiIdentifier: row.iati_identifier,
		iatiReportingOrg: row.iati_reporting_org,
		iatiIllustrative: row.iati_illustrative === 1,
		contentLanguage: row.content_language,
		version: row.version
	};
}

export function toModule(row: ModuleRow): LogframeModule {
	return {
		id: row.id,
		programmeId: row.programme_id,
		code: row.code,
		title: row.title,
		objective: row.objective,
		sortOrder: row.sort_order,
		version: row.version
	};
}

export function toOutput(row: OutputRow): LogframeOutput {
	return {
		id: row.id,
		moduleId: row.module_id,
		code: row.code,
		title: row.title,
		description: row.description,
		sortOrder: row.sort_order,
		version: row.version
	};
}

export function toActivity(row: ActivityRow): Activity {
	return {
		id: row.id,
		outputId: row.output_id,
		code: row.code,
		title: row.title,
		plannedStart: row.planned_start,
		plannedEnd: row.planned_end,
		actualStart: row.actual_start,
		actualEnd: row.actual_end,
		status: row.status as ActivityStatus,
		progress: row.progress,
		responsible: row.responsible,
		deviationReason: row.deviation_reason,
		sortOrder: row.sort_order,
		version: row.version
	};
}

export function toPeriod(row: ReportingPeriodRow): ReportingPeriod {
	return {
		id: row.id,
		programmeId: row.programme_id,
		label: row.label,
		startDate: row.start_date,
		endDate: row.end_date,
		locked: row.locked === 1,
		version: row.version
	};
}

export async function getProgrammeBySlug(db: Executor, slug: string): Promise<Programme | null> {
	const row = await db.selectFrom('programme').selectAll().where('slug', '=', slug).executeTakeFirst();
	return row ? toProgramme(row) : null;
}

/** Every programme, for the admin's choices (short name order, in `locale`). */
export async function listProgrammes(db: Executor, locale: Locale = 'es'): Promise<{ id: number; shortName: string; slug: string }[]> {
	const rows = sortByName(
		await db.selectFrom('programme').select(['id', 'short_name', 'slug']).orderBy('id').execute(),
		(r) => r.short_name,
		locale
	);
	return rows.map((r) => ({ id: r.id, shortName: r.short_name, slug: r.slug }));
}

export interface PortfolioEntry {
	programme: Programme;
	/** The viewer's role, or null for an admin who is not a member. */
	role: Role | null;
	counts: { modules: number; outputs: number; activities: number };
}

/**
 * The programmes a user may see (all of them for an admin), with their logframe counts.
 * One statement however many programmes there are: the counts are correlated sub-queries.
 */
export async function listPortfolio(
	db: Executor,
	user: { id: number; isAdmin: boolean },
	locale: Locale = 'es'
): Promise<PortfolioEntry[]> {
	let query = db
		.selectFrom('programme')
		.leftJoin('membership', (join) => join.onRef('membership.programme_id', '=', 'programme.id').on('membership.user_id', '=', user.id))
		.selectAll('programme')
		.select((eb) => [
			'membership.role as role',
			eb
				.selectFrom('module')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('module.programme_id', '=', 'programme.id')
				.as('module_count'),
			eb
				.selectFrom('output')
				.innerJoin('module', 'module.id', 'output.module_id')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('module.programme_id', '=', 'programme.id')
				.as('output_count'),
			eb
				.selectFrom('activity')
				.innerJoin('output', 'output.id', 'activity.output_id')
				.innerJoin('module', 'module.id', 'output.module_id')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('module.programme_id', '=', 'programme.id')
				.as('activity_count')
		])
		.orderBy('programme.start_date')
		.orderBy('programme.id');
	if (!user.isAdmin) query = query.where('membership.role', 'is not', null);
	// Start date first (ISO text compares the same everywhere), then the short name in the viewer's language.
	const compare = collator(locale).compare;
	const rows = (await query.execute()).sort((a, b) =>
		a.start_date < b.start_date ? -1 : a.start_date > b.start_date ? 1 : compare(a.short_name, b.short_name)
	);
	return rows.map((row) => ({
		programme: toProgramme(row),
		role: row.role ?? null,
		counts: { modules: row.module_count ?? 0, outputs: row.output_count ?? 0, activities: row.activity_count ?? 0 }
	}));
}

export interface LogframeOutputNode extends LogframeOutput {
	activities: Activity[];
}
export interface LogframeModuleNode extends LogframeModule {
	outputs: LogframeOutputNode[];
}

/** The module → output → activity tree of a programme, in three statements. */
export async function getLogframe(db: Executor, programmeId: number): Promise<LogframeModuleNode[]> {
	const [modules, outputs, activities] = await Promise.all([
		db.selectFrom('module').selectAll().where('programme_id', '=', programmeId).orderBy('sort_order').orderBy('id').execute(),
		db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.selectAll('output')
			.where('module.programme_id', '=', programmeId)
			.orderBy('output.sort_order')
			.orderBy('output.id')
			.execute(),
		db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.selectAll('activity')
			.where('module.programme_id', '=', programmeId)
			.orderBy('activity.sort_order')
			.orderBy('activity.id')
			.execute()
	]);
	const outputNodes = new Map<number, LogframeOutputNode>();
	for (const row of outputs) outputNodes.set(row.id, { ...toOutput(row), activities: [] });
	for (const row of activities) outputNodes.get(row.output_id)?.activities.push(toActivity(row));
	const moduleNodes = modules.map((row) => ({ ...toModule(row), outputs: [] as LogframeOutputNode[] }));
	const byId = new Map(moduleNodes.map((m) => [m.id, m]));
	for (const node of outputNodes.values()) byId.get(node.moduleId)?.outputs.push(node);
	return moduleNodes;
}

export async function listModules(db: Executor, programmeId: number): Promise<LogframeModule[]> {
	const rows = await db
		.selectFrom('module')
		.selectAll()
		.where('programme_id', '=', programmeId)
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	return rows.map(toModule);
}

export async function listPeriods(db: Executor, programmeId: number): Promise<ReportingPeriod[]> {
	const rows = await db.selectFrom('reporting_period').selectAll().where('programme_id', '=', programmeId).orderBy('start_date').execute();
	return rows.map(toPeriod);
}
