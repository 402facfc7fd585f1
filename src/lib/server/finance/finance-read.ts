import {
	budgetInForce,
	computeFinance,
	plannedInPeriod,
	revisionInForce,
	scalePhasing,
	type BudgetCategory,
	type FinanceFigures,
	type FinanceResult
} from '$lib/finance-rules';
import type { Activity, IsoDate, Programme, ReportingPeriod } from '$lib/model';
import { todayIso } from '../core/dates';
import type { Viewer } from '../core/viewer';
import type { Executor } from '../db/executor';
import { getLogframe } from '../programmes/programmes';
import { assessmentFor, type ReadOptions } from '../results/assessment';

// The finance read model (issue 20): budget lines with their plan and shares, the expenditure of
// each line and period, and the rules' figures per programme, module and output. One reader for
// the Finance tab, the dashboard, the report snapshot and the exports, so a figure is the same
// wherever it appears. A fixed number of statements whatever the size of the programme: the
// assessment (four), the logframe (three, unless given) and five here (lines, shares, expenditure,
// budget revisions, planned disbursements). Donors see ended periods only. Every figure uses each
// line's budget in force at asOf (its latest revision by then); the original stays beside it.

export interface FinanceLineView {
	id: number;
	code: string;
	title: string;
	category: BudgetCategory;
	/** The amount in force at asOf (the latest revision by then, else the original): every figure uses it. */
	amountMinor: number;
	/** The amount first approved (what the line's edit form changes). */
	originalMinor: number;
	/** The revision in force at asOf, if any. */
	revision: { effectiveOn: IsoDate; reason: string } | null;
	/** Every recorded revision, oldest first (the team sees those dated after asOf too, marked not yet in force). */
	revisions: FinanceRevisionView[];
	isIllustrative: boolean;
	version: number;
	/** Planned amount per period id in force (the original plan scaled to a revised amount); empty: not phased, straight line. */
	phasing: Record<number, number>;
	/** The phasing as first entered (the edit form's). */
	originalPhasing: Record<number, number>;
	allocations: { moduleId: number | null; outputId: number | null; shareBp: number }[];
	plannedMinor: number;
	spentMinor: number;
	/** The plan in force falling in each period, by period id (the rules' plannedInPeriod: the phasing, else the straight line); what the IPTT prints per period. */
	plannedByPeriod: Record<number, number>;
}

export interface FinanceRevisionView {
	id: number;
	effectiveOn: IsoDate;
	amountMinor: number;
	reason: string;
	inForce: boolean;
}

export interface PlannedDisbursementView {
	id: number;
	periodId: number;
	amountMinor: number;
	version: number;
}

export interface FinanceCell {
	/** The typed figure and its version (for the grid); null when none was typed. */
	entered: { amountMinor: number; version: number } | null;
	/** The sum of imported rows. */
	importedMinor: number;
}

export interface FinanceGroupView {
	id: number;
	code: string;
	title: string;
	figures: FinanceFigures;
	/** Its share of the lines' original amounts (figures.budgetMinor is the budget in force). */
	originalBudgetMinor: number;
}

export interface FinanceCostView {
	indicatorId: number;
	code: string;
	title: string;
	unit: string;
	outputId: number;
	change: number;
	costMinor: number;
	spentMinor: number;
}

export interface FinanceView {
	currency: string;
	asOf: IsoDate;
	/** The date the plan is read at: asOf for the team, the end of the last ended period for donors. */
	planUntil: IsoDate;
	/** Only ended periods are counted (donors). */
	endedOnly: boolean;
	periods: (ReportingPeriod & { ended: boolean })[];
	/** The periods whose expenditure is counted. */
	countedPeriodIds: number[];
	lines: FinanceLineView[];
	/** The sum of the lines' original amounts (the programme's budget in force is programme.budgetMinor). */
	originalBudgetMinor: number;
	/** Some line's budget in force differs from its original (a revision is in force). */
	revised: boolean;
	/** The revisions in force at the day read (all lines): how many, and the date of the latest. */
	revisionsInForce: { count: number; lastOn: IsoDate | null };
	/** Planned disbursements per period, in period order. */
	plannedDisbursements: PlannedDisbursementView[];
	/** By line id, then period id (counted periods only). */
	cells: Record<number, Record<number, FinanceCell>>;
	programme: FinanceFigures;
	programmeLevelMinor: number;
	modules: (FinanceGroupView & { outputs: FinanceGroupView[] })[];
	costPerUnit: FinanceCostView[];
	/** Any figure here is illustrative (seeded, not a real ledger). */
	illustrative: boolean;
	/** Activities on time vs delayed (efficiency evidence beside the money). */
	activities: { total: number; completed: number; delayed: number; onTime: number };
}

const DAY = 86_400_000;
const time = (d: IsoDate) => Date.parse(`${d}T00:00:00Z`);
const dayAfter = (d: IsoDate) => new Date(time(d) + DAY).toISOString().slice(0, 10);

/** The modules and outputs the figures are given for, when the caller has already read them (the report snapshot). */
export type FinanceLogframe = {
	id: number;
	code: string;
	title: string;
	outputs: { id: number; moduleId: number; code: string; title: string; activities: Pick<Activity, 'status' | 'plannedEnd'>[] }[];
}[];

export async function loadFinance(
	db: Executor,
	programme: Programme,
	viewer: Viewer,
	options: ReadOptions & { logframe?: FinanceLogframe } = {}
): Promise<FinanceView> {
	const assessed = await assessmentFor(db, programme, options);
	const asOf = assessed.asOf ?? options.asOf ?? todayIso();
	const [logframe, linePhaseRows, allocationRows, spendRows, revisionRows, disbursementRows] = await Promise.all([
		options.logframe ?? getLogframe(db, programme.id),
		// Each line with its phasing (one row per phased period; one row with no period when unphased).
		db
			.selectFrom('budget_line')
			.leftJoin('budget_phasing', 'budget_phasing.budget_line_id', 'budget_line.id')
			.selectAll('budget_line')
			.select(['budget_phasing.period_id as phase_period_id', 'budget_phasing.amount_minor as phase_amount'])
			.where('budget_line.programme_id', '=', programme.id)
			.orderBy('budget_line.sort_order')
			.orderBy('budget_line.id')
			.execute(),
		db
			.selectFrom('budget_allocation')
			.innerJoin('budget_line', 'budget_line.id', 'budget_allocation.budget_line_id')
			.select([
				'budget_allocation.budget_line_id',
				'budget_allocation.module_id',
				'budget_allocation.output_id',
				'budget_allocation.share_bp'
			])
			.where('budget_line.programme_id', '=', programme.id)
			.orderBy('budget_allocation.id')
			.execute(),
		// Per line, period and source: the imported rows summed, the typed one with its version.
		db
			.selectFrom('expenditure')
			.innerJoin('budget_line', 'budget_line.id', 'expenditure.budget_line_id')
			.select((eb) => [
				'expenditure.budget_line_id',
				'expenditure.period_id',
				'expenditure.source',
				eb.fn.sum<number>('expenditure.amount_minor').as('amount'),
				eb.fn.max<number>('expenditure.version').as('version'),
				eb.fn.max<number>('expenditure.is_illustrative').as('illustrative')
			])
			.where('budget_line.programme_id', '=', programme.id)
			.groupBy(['expenditure.budget_line_id', 'expenditure.period_id', 'expenditure.source'])
			.execute(),
		db
			.selectFrom('budget_revision')
			.innerJoin('budget_line', 'budget_line.id', 'budget_revision.budget_line_id')
			.select([
				'budget_revision.id',
				'budget_revision.budget_line_id',
				'budget_revision.effective_on',
				'budget_revision.amount_minor',
				'budget_revision.reason'
			])
			.where('budget_line.programme_id', '=', programme.id)
			.orderBy('budget_revision.effective_on')
			.orderBy('budget_revision.id')
			.execute(),
		db
			.selectFrom('planned_disbursement')
			.innerJoin('reporting_period', 'reporting_period.id', 'planned_disbursement.period_id')
			.select([
				'planned_disbursement.id',
				'planned_disbursement.period_id',
				'planned_disbursement.amount_minor',
				'planned_disbursement.version'
			])
			.where('planned_disbursement.programme_id', '=', programme.id)
			.orderBy('reporting_period.start_date')
			.execute()
	]);

	// Donors count ended periods only. Read as of a past date (a report's cut-off, the dashboard's
	// "as of"), everyone reads what a report of that cut-off prints: the team's spending in periods
	// still open then did not exist yet either.
	const endedOnly = !viewer.internal || options.cutOff !== undefined;
	const periods = assessed.periods.map((p) => ({ ...p, ended: time(p.endDate) < time(asOf) }));
	const counted = periods.filter((p) => !endedOnly || p.ended);
	const countedIds = new Set(counted.map((p) => p.id));
	const lastEnded = periods.filter((p) => p.ended).at(-1);
	const planUntil = endedOnly ? (lastEnded ? dayAfter(lastEnded.endDate) : programme.startDate) : asOf;

	const phasing = new Map<number, Map<number, number>>();
	const lineById = new Map<number, (typeof linePhaseRows)[number]>();
	for (const r of linePhaseRows) {
		if (!lineById.has(r.id)) lineById.set(r.id, r);
		if (r.phase_period_id === null || r.phase_amount === null) continue;
		const m = phasing.get(r.id) ?? new Map<number, number>();
		m.set(r.phase_period_id, Number(r.phase_amount));
		phasing.set(r.id, m);
	}
	const lineRows = [...lineById.values()];
	// The budget in force on the day read for: a report's cut-off (asOf is then the day after it, and
	// a revision dated that day is not yet in force), else asOf (today: a revision dated today is).
	const budgetDay = options.cutOff ?? asOf;
	const revisionsOf = new Map<number, FinanceRevisionView[]>();
	for (const r of revisionRows) {
		const inForce = r.effective_on <= budgetDay;
		if (!inForce && endedOnly) continue;
		const list = revisionsOf.get(r.budget_line_id) ?? [];
		list.push({ id: r.id, effectiveOn: r.effective_on, amountMinor: Number(r.amount_minor), reason: r.reason, inForce });
		revisionsOf.set(r.budget_line_id, list);
	}
	const inForce = new Map(
		lineRows.map((l) => {
			const original = Number(l.amount_minor);
			const revisions = revisionsOf.get(l.id) ?? [];
			const amount = budgetInForce(original, revisions, budgetDay);
			return [
				l.id,
				{ amount, revision: revisionInForce(revisions, budgetDay), phasing: scalePhasing(phasing.get(l.id) ?? new Map(), original, amount) }
			] as const;
		})
	);
	const allocations = new Map<number, FinanceLineView['allocations']>();
	for (const r of allocationRows) {
		const list = allocations.get(r.budget_line_id) ?? [];
		list.push({ moduleId: r.module_id, outputId: r.output_id, shareBp: r.share_bp });
		allocations.set(r.budget_line_id, list);
	}
	const cells: FinanceView['cells'] = {};
	const expenditure: { lineId: number; periodId: number; amountMinor: number }[] = [];
	let illustrative = lineRows.some((l) => l.is_illustrative === 1);
	for (const r of spendRows) {
		if (!countedIds.has(r.period_id)) continue;
		const amount = Number(r.amount);
		const cell = ((cells[r.budget_line_id] ??= {})[r.period_id] ??= { entered: null, importedMinor: 0 });
		if (r.source === 'entered') cell.entered = { amountMinor: amount, version: Number(r.version) };
		else cell.importedMinor += amount;
		if (Number(r.illustrative) === 1) illustrative = true;
		expenditure.push({ lineId: r.budget_line_id, periodId: r.period_id, amountMinor: amount });
	}

	const outputs = logframe.flatMap((m) => m.outputs);
	const result: FinanceResult = computeFinance({
		programme: { startDate: programme.startDate, endDate: programme.effectiveEndDate },
		periods: assessed.periods,
		lines: lineRows.map((l) => ({
			id: l.id,
			amountMinor: inForce.get(l.id)!.amount,
			phasing: inForce.get(l.id)!.phasing,
			allocations: allocations.get(l.id) ?? []
		})),
		expenditure,
		planUntil,
		modules: logframe,
		outputs,
		indicators: assessed.indicators,
		assessments: assessed.assessments
	});

	// The same rules asked with each line's original amount: the original budget of each module
	// and output, allocated by the same shares (only the budgets are read from it).
	const original: FinanceResult = computeFinance({
		programme: { startDate: programme.startDate, endDate: programme.effectiveEndDate },
		periods: assessed.periods,
		lines: lineRows.map((l) => ({
			id: l.id,
			amountMinor: Number(l.amount_minor),
			phasing: new Map(),
			allocations: allocations.get(l.id) ?? []
		})),
		expenditure: [],
		planUntil,
		modules: logframe,
		outputs,
		indicators: [],
		assessments: assessed.assessments
	});
	const revisionsInForce = [...revisionsOf.values()].flat().filter((r) => r.inForce);

	const indicatorById = new Map(assessed.indicators.map((i) => [i.id, i]));
	const activities = outputs.flatMap((o) => o.activities).filter((a) => a.status !== 'cancelled');
	const delayed = activities.filter(
		(a) => a.status === 'delayed' || (a.plannedEnd !== null && a.status !== 'completed' && a.plannedEnd < asOf)
	).length;
	return {
		currency: programme.currency,
		asOf,
		planUntil,
		endedOnly,
		periods,
		countedPeriodIds: counted.map((p) => p.id),
		lines: lineRows.map((l) => ({
			id: l.id,
			code: l.code,
			title: l.title,
			category: l.category as BudgetCategory,
			amountMinor: inForce.get(l.id)!.amount,
			originalMinor: Number(l.amount_minor),
			revision: (({ revision }) => (revision ? { effectiveOn: revision.effectiveOn, reason: revision.reason } : null))(inForce.get(l.id)!),
			revisions: revisionsOf.get(l.id) ?? [],
			isIllustrative: l.is_illustrative === 1,
			version: l.version,
			phasing: Object.fromEntries(inForce.get(l.id)!.phasing),
			originalPhasing: Object.fromEntries(phasing.get(l.id) ?? []),
			allocations: allocations.get(l.id) ?? [],
			plannedMinor: result.plannedByLine.get(l.id) ?? 0,
			spentMinor: result.spentByLine.get(l.id) ?? 0,
			plannedByPeriod: Object.fromEntries(
				assessed.periods.map((p) => [
					p.id,
					plannedInPeriod(
						{ amountMinor: inForce.get(l.id)!.amount, phasing: inForce.get(l.id)!.phasing },
						{ startDate: programme.startDate, endDate: programme.effectiveEndDate },
						assessed.periods,
						p
					)
				])
			)
		})),
		originalBudgetMinor: lineRows.reduce((sum, l) => sum + Number(l.amount_minor), 0),
		revised: lineRows.some((l) => inForce.get(l.id)!.amount !== Number(l.amount_minor)),
		revisionsInForce: {
			count: revisionsInForce.length,
			lastOn: revisionsInForce.reduce<IsoDate | null>((last, r) => (last === null || r.effectiveOn > last ? r.effectiveOn : last), null)
		},
		plannedDisbursements: disbursementRows.map((d) => ({
			id: d.id,
			periodId: d.period_id,
			amountMinor: Number(d.amount_minor),
			version: d.version
		})),
		cells,
		programme: result.programme,
		programmeLevelMinor: result.programmeLevelMinor,
		modules: logframe.map((m) => ({
			id: m.id,
			code: m.code,
			title: m.title,
			figures: result.modules.get(m.id)!,
			originalBudgetMinor: original.modules.get(m.id)!.budgetMinor,
			outputs: m.outputs.map((o) => ({
				id: o.id,
				code: o.code,
				title: o.title,
				figures: result.outputs.get(o.id)!,
				originalBudgetMinor: original.outputs.get(o.id)!.budgetMinor
			}))
		})),
		costPerUnit: [...result.costPerUnit.values()].map((c) => {
			const i = indicatorById.get(c.indicatorId)!;
			return {
				...c,
				code: i.code,
				title: i.title,
				unit: i.unit,
				outputId: i.outputId!,
				spentMinor: result.outputs.get(i.outputId!)?.spentMinor ?? 0
			};
		}),
		illustrative,
		activities: {
			total: activities.length,
			completed: activities.filter((a) => a.status === 'completed').length,
			delayed,
			onTime: activities.length - delayed
		}
	};
}
