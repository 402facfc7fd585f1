import type { Assessment } from './indicator-status';
import type { IsoDate, Measure, Direction } from './model';

// Money beside results (design §3 "Money and results", issue 20), in one pure module: every page,
// the dashboard, the report snapshot and the exports ask it, none recomputes a rate. Amounts are
// integer minor units (cents) from end to end; a rate is a ratio of two such integers. Results
// progress is never judged here: it is the status module's own `progress` of each indicator
// (src/lib/indicator-status.ts), only averaged over the indicators of a module or output.

export const BUDGET_CATEGORIES = [
	'staff',
	'experts',
	'training',
	'travel',
	'equipment',
	'subcontracts',
	'other_direct',
	'support_costs'
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

/** "Spending ahead of results" when burn against plan exceeds results progress by more than this (15 points). */
export const SPENDING_AHEAD_MARGIN = 0.15;
/** Largest amount kept (10^11 minor units, a billion in the currency): products with shares stay exact in a double. */
export const MAX_AMOUNT_MINOR = 100_000_000_000;
/** A whole line (basis points). */
export const FULL_SHARE_BP = 10_000;

const DAY = 86_400_000;
// The same few dates (period bounds) are read lines × periods² times by plannedInPeriod: parsing
// them once each took the finance read of 200 lines × 12 periods from about 120 ms to a fraction.
const parsedDates = new Map<string, number>();
const time = (d: IsoDate): number => {
	let t = parsedDates.get(d);
	if (t === undefined) {
		if (parsedDates.size >= 4096) parsedDates.clear();
		t = Date.parse(`${d}T00:00:00Z`);
		parsedDates.set(d, t);
	}
	return t;
};

/**
 * Reads a typed or imported amount as integer minor units (two decimals), exactly: never through
 * a float. Accepts `1234.56`, `1234,56`, `1,234.56`, `1.234,56`, `-12.5`; refuses text, formulas,
 * a third decimal and anything beyond MAX_AMOUNT_MINOR. Null when it is not an amount.
 */
export function parseAmount(raw: string): number | null {
	const read = readAmountText(raw);
	return typeof read === 'number' ? read : null;
}

/**
 * As parseAmount, but says why a text is not an amount: 'range' when it is a well-written number
 * beyond MAX_AMOUNT_MINOR (so the user is told the bound, not that it is no amount), 'format'
 * otherwise. Null for an empty text.
 */
export function readAmountText(raw: string): number | 'format' | 'range' | null {
	let s = raw.trim().replace(/[\s\u00a0']/g, '');
	if (!s) return null;
	let negative = false;
	if (s.startsWith('-')) {
		negative = true;
		s = s.slice(1);
	} else if (s.startsWith('(') && s.endsWith(')')) {
		negative = true;
		s = s.slice(1, -1);
	}
	let whole: string;
	let fraction: string;
	let m: RegExpMatchArray | null;
	if ((m = s.match(/^([1-9]\d{0,2}(?:,\d{3})+)(?:\.(\d{1,2}))?$/))) [whole, fraction] = [m[1]!.replace(/,/g, ''), m[2] ?? ''];
	else if ((m = s.match(/^([1-9]\d{0,2}(?:\.\d{3})+)(?:,(\d{1,2}))?$/))) [whole, fraction] = [m[1]!.replace(/\./g, ''), m[2] ?? ''];
	else if ((m = s.match(/^(\d+)(?:[.,](\d{1,2}))?$/))) [whole, fraction] = [m[1]!, m[2] ?? ''];
	else return 'format';
	const minor = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
	if (!Number.isSafeInteger(minor) || minor > MAX_AMOUNT_MINOR) return 'range';
	return negative ? -minor : minor;
}

/** Minor units as a plain decimal string (`-1234.50`), for exports and forms. */
export function minorToDecimal(minor: number): string {
	const sign = minor < 0 ? '-' : '';
	const abs = Math.abs(minor);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Share percentage typed in a form ("12.5") as basis points, or null. */
export function parseShare(raw: string): number | null {
	const s = raw.trim().replace(',', '.');
	if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return null;
	const [w, f = ''] = s.split('.');
	const bp = Number(w) * 100 + Number(f.padEnd(2, '0'));
	return bp > 0 && bp <= FULL_SHARE_BP ? bp : null;
}

/** The part of `amount` a share gives, rounded half away from zero to the minor unit. */
export function shareOf(amountMinor: number, shareBp: number): number {
	const raw = (Math.abs(amountMinor) * shareBp) / FULL_SHARE_BP;
	return Math.sign(amountMinor) * Math.round(raw);
}

/** The sum of a line's shares, and whether it stays within the whole line. */
export function sharesWithinLine(sharesBp: readonly number[]): boolean {
	return sharesBp.every((s) => Number.isInteger(s) && s > 0) && sharesBp.reduce((a, b) => a + b, 0) <= FULL_SHARE_BP;
}

export interface FinancePeriod {
	id: number;
	startDate: IsoDate;
	endDate: IsoDate;
}

export interface FinanceAllocation {
	moduleId: number | null;
	outputId: number | null;
	shareBp: number;
}

export interface FinanceLine {
	id: number;
	amountMinor: number;
	/** Planned amount per period id; empty when the line is not phased (then straight-line). */
	phasing: ReadonlyMap<number, number>;
	allocations: readonly FinanceAllocation[];
}

/** The part of a planned amount due by `until`: the phasing of the periods ended by then (pro rata in the one under way), else the straight line. */
export function plannedToDate(
	line: Pick<FinanceLine, 'amountMinor' | 'phasing'>,
	programme: { startDate: IsoDate; endDate: IsoDate },
	periods: readonly FinancePeriod[],
	until: IsoDate
): number {
	const u = time(until);
	if (line.phasing.size === 0) return Math.round(line.amountMinor * fractionElapsed(programme.startDate, programme.endDate, u));
	let planned = 0;
	for (const p of periods) {
		const amount = line.phasing.get(p.id) ?? 0;
		if (!amount) continue;
		planned += amount * fractionElapsed(p.startDate, p.endDate, u);
	}
	return Math.round(planned);
}

/** The part of a line's plan that falls in one period: what is due by its last day less what was due before its first (IATI budgets per period). */
export function plannedInPeriod(
	line: Pick<FinanceLine, 'amountMinor' | 'phasing'>,
	programme: { startDate: IsoDate; endDate: IsoDate },
	periods: readonly FinancePeriod[],
	period: FinancePeriod
): number {
	const after = new Date(time(period.endDate) + DAY).toISOString().slice(0, 10);
	return plannedToDate(line, programme, periods, after) - plannedToDate(line, programme, periods, period.startDate);
}

/** Share of [start, end] (both days included) gone by at the start of day `at`. */
function fractionElapsed(start: IsoDate, end: IsoDate, at: number): number {
	const from = time(start);
	const to = time(end) + DAY;
	if (to <= from) return at >= to ? 1 : 0;
	return Math.min(1, Math.max(0, (at - from) / (to - from)));
}

export interface ResultsIndicator {
	id: number;
	moduleId: number | null;
	outputId: number | null;
	measure: Measure;
	direction: Direction;
	baselineValue: number | null;
}

export interface FinanceFigures {
	budgetMinor: number;
	plannedMinor: number;
	spentMinor: number;
	/** spent / budget; null without a budget. */
	deliveryRate: number | null;
	/** spent / planned to date; null when nothing was planned yet. */
	burnRate: number | null;
	/** Mean of the status module's progress of the indicators (each capped at 1); null when none is judged yet. */
	resultsProgress: number | null;
	/** How many indicators that progress was judged from. */
	judgedIndicators: number;
	/** Burn exceeds results progress by more than SPENDING_AHEAD_MARGIN. */
	spendingAhead: boolean;
}

export interface CostPerUnit {
	indicatorId: number;
	/** Achieved change (latest actual − baseline, in the indicator's direction). */
	change: number;
	/** Spent on the output per unit of change, minor units (rounded). */
	costMinor: number;
}

export interface FinanceInput {
	programme: { startDate: IsoDate; endDate: IsoDate };
	periods: readonly FinancePeriod[];
	lines: readonly FinanceLine[];
	/** Expenditure rows to count (the caller has already left out what the reader may not see). */
	expenditure: readonly { lineId: number; periodId: number; amountMinor: number }[];
	/** The date the plan is read at (today for the team; the end of the last ended period for donors). */
	planUntil: IsoDate;
	modules: readonly { id: number }[];
	outputs: readonly { id: number; moduleId: number }[];
	indicators: readonly ResultsIndicator[];
	assessments: ReadonlyMap<number, Pick<Assessment, 'progress' | 'latestActual'>>;
	margin?: number;
}

export interface FinanceResult {
	programme: FinanceFigures;
	/** Budget not allocated to any module or output. */
	programmeLevelMinor: number;
	modules: Map<number, FinanceFigures>;
	outputs: Map<number, FinanceFigures>;
	/** Per number indicator of an output, when meaningful (something spent, a positive change). */
	costPerUnit: Map<number, CostPerUnit>;
	/** Spent per line and period (all counted rows). */
	spentByLinePeriod: Map<number, Map<number, number>>;
	spentByLine: Map<number, number>;
	plannedByLine: Map<number, number>;
}

export interface Sums {
	budget: number;
	planned: number;
	spent: number;
}

/** Delivery (spent / budget) and burn against plan (spent / planned to date) of any sums: a line's, an output's, the programme's. */
export function spendRates(sums: Sums): { deliveryRate: number | null; burnRate: number | null } {
	return {
		deliveryRate: sums.budget > 0 ? sums.spent / sums.budget : null,
		burnRate: sums.planned > 0 ? sums.spent / sums.planned : null
	};
}

function figures(sums: Sums, progress: { value: number | null; count: number }, margin: number): FinanceFigures {
	const { deliveryRate, burnRate } = spendRates(sums);
	return {
		budgetMinor: sums.budget,
		plannedMinor: sums.planned,
		spentMinor: sums.spent,
		deliveryRate,
		burnRate,
		resultsProgress: progress.value,
		judgedIndicators: progress.count,
		spendingAhead: burnRate !== null && progress.value !== null && burnRate - progress.value > margin
	};
}

/** The status module's progress of these indicators, averaged (each capped to 0–1: over-achieving one cannot hide another). */
export function resultsProgress(ids: readonly number[], assessments: FinanceInput['assessments']): { value: number | null; count: number } {
	const judged = ids
		.map((id) => assessments.get(id)?.progress)
		.filter((p): p is number => p !== null && p !== undefined && Number.isFinite(p));
	if (!judged.length) return { value: null, count: 0 };
	return { value: judged.reduce((a, p) => a + Math.min(1, Math.max(0, p)), 0) / judged.length, count: judged.length };
}

/** The rules' figures for a programme, each module and each output. */
export function computeFinance(input: FinanceInput): FinanceResult {
	const margin = input.margin ?? SPENDING_AHEAD_MARGIN;
	const moduleOfOutput = new Map(input.outputs.map((o) => [o.id, o.moduleId]));
	const spentByLinePeriod = new Map<number, Map<number, number>>();
	const spentByLine = new Map<number, number>();
	for (const e of input.expenditure) {
		const perPeriod = spentByLinePeriod.get(e.lineId) ?? new Map<number, number>();
		perPeriod.set(e.periodId, (perPeriod.get(e.periodId) ?? 0) + e.amountMinor);
		spentByLinePeriod.set(e.lineId, perPeriod);
		spentByLine.set(e.lineId, (spentByLine.get(e.lineId) ?? 0) + e.amountMinor);
	}
	const total: Sums = { budget: 0, planned: 0, spent: 0 };
	const moduleSums = new Map<number, Sums>(input.modules.map((m) => [m.id, { budget: 0, planned: 0, spent: 0 }]));
	const outputSums = new Map<number, Sums>(input.outputs.map((o) => [o.id, { budget: 0, planned: 0, spent: 0 }]));
	const plannedByLine = new Map<number, number>();
	let allocated = 0;
	const add = (s: Sums | undefined, budget: number, planned: number, spent: number) => {
		if (!s) return;
		s.budget += budget;
		s.planned += planned;
		s.spent += spent;
	};
	for (const line of input.lines) {
		const planned = plannedToDate(line, input.programme, input.periods, input.planUntil);
		const spent = spentByLine.get(line.id) ?? 0;
		plannedByLine.set(line.id, planned);
		add(total, line.amountMinor, planned, spent);
		for (const a of line.allocations) {
			const budget = shareOf(line.amountMinor, a.shareBp);
			const part = [budget, shareOf(planned, a.shareBp), shareOf(spent, a.shareBp)] as const;
			allocated += budget;
			if (a.outputId !== null) {
				add(outputSums.get(a.outputId), ...part);
				add(moduleSums.get(moduleOfOutput.get(a.outputId) ?? -1), ...part);
			} else if (a.moduleId !== null) add(moduleSums.get(a.moduleId), ...part);
		}
	}

	const outputIndicators = new Map<number, number[]>();
	const moduleIndicators = new Map<number, number[]>();
	for (const i of input.indicators) {
		const moduleId = i.outputId !== null ? (moduleOfOutput.get(i.outputId) ?? null) : i.moduleId;
		if (i.outputId !== null) outputIndicators.set(i.outputId, [...(outputIndicators.get(i.outputId) ?? []), i.id]);
		if (moduleId !== null) moduleIndicators.set(moduleId, [...(moduleIndicators.get(moduleId) ?? []), i.id]);
	}

	const modules = new Map(
		[...moduleSums].map(([id, s]) => [id, figures(s, resultsProgress(moduleIndicators.get(id) ?? [], input.assessments), margin)])
	);
	const outputs = new Map(
		[...outputSums].map(([id, s]) => [id, figures(s, resultsProgress(outputIndicators.get(id) ?? [], input.assessments), margin)])
	);

	const costPerUnit = new Map<number, CostPerUnit>();
	for (const i of input.indicators) {
		if (i.outputId === null || i.measure !== 'number') continue;
		const spent = outputSums.get(i.outputId)?.spent ?? 0;
		const cost = costOfChange(spent, i, input.assessments.get(i.id)?.latestActual ?? null);
		if (cost) costPerUnit.set(i.id, cost);
	}

	return {
		programme: figures(
			total,
			resultsProgress(
				input.indicators.map((i) => i.id),
				input.assessments
			),
			margin
		),
		programmeLevelMinor: total.budget - allocated,
		modules,
		outputs,
		costPerUnit,
		spentByLinePeriod,
		spentByLine,
		plannedByLine
	};
}

/** Spent on an output per unit of a number indicator's achieved change; null unless both are positive. */
export function costOfChange(
	spentMinor: number,
	indicator: Pick<ResultsIndicator, 'id' | 'direction' | 'baselineValue'>,
	latestActual: number | null
): CostPerUnit | null {
	if (latestActual === null || spentMinor <= 0) return null;
	const baseline = indicator.baselineValue ?? 0;
	const change = indicator.direction === 'decrease' ? baseline - latestActual : latestActual - baseline;
	if (!(change > 0)) return null;
	return { indicatorId: indicator.id, change, costMinor: Math.round(spentMinor / change) };
}

/** Rates as whole per cent for words and tables ("62 %"); the exact ratio stays in the data. */
export function percent(rate: number | null): number | null {
	return rate === null ? null : Math.round(rate * 100);
}

export interface BudgetRevision {
	effectiveOn: IsoDate;
	amountMinor: number;
}

/**
 * The revision of a line in force on `at`: the latest dated on or before it, or null when the
 * original amount still holds (a revision dated later is not yet in force).
 */
export function revisionInForce<R extends BudgetRevision>(revisions: readonly R[], at: IsoDate): R | null {
	let found: R | null = null;
	for (const r of revisions) if (r.effectiveOn <= at && (found === null || r.effectiveOn > found.effectiveOn)) found = r;
	return found;
}

/** A line's amount in force on `at`: its latest revision by then, else the original. */
export function budgetInForce(originalMinor: number, revisions: readonly BudgetRevision[], at: IsoDate): number {
	return revisionInForce(revisions, at)?.amountMinor ?? originalMinor;
}

/**
 * The phasing of a revised line: the original plan per period scaled by revised / original, so
 * the plan follows the budget in force. Rounded on the running total (each period gets the
 * difference of two rounded running sums), so the scaled plan adds up to the scaled total exactly.
 * An original of zero gives no phasing (the straight line over the revised amount then holds).
 */
export function scalePhasing(phasing: ReadonlyMap<number, number>, originalMinor: number, inForceMinor: number): Map<number, number> {
	if (inForceMinor === originalMinor) return new Map(phasing);
	if (originalMinor <= 0) return new Map();
	const scaled = new Map<number, number>();
	let running = 0;
	let given = 0;
	for (const [periodId, amount] of [...phasing].sort((a, b) => a[0] - b[0])) {
		running += amount;
		const upTo = Math.round((running * inForceMinor) / originalMinor);
		scaled.set(periodId, upTo - given);
		given = upTo;
	}
	return scaled;
}

/**
 * The programme's budget wherever "Budget" prints (report cover, dashboard, portfolio): the budget
 * lines' total in force — what the delivery rate is measured against — once the programme has
 * budget lines, else the fact sheet's figure. Two sources printed side by side contradicted each
 * other ("budget not recorded" on a cover above a delivery rate of 50 %).
 */
export function programmeBudgetMinor(factSheetMinor: number | null, linesInForceMinor: number | null | undefined): number | null {
	return linesInForceMinor !== null && linesInForceMinor !== undefined && linesInForceMinor > 0 ? linesInForceMinor : factSheetMinor;
}

/** Whether any of the programme's, modules' or outputs' figures carries the "spending ahead of results" flag (its legend prints only then). */
export function spendingAheadAnywhere(figures: readonly { spendingAhead: boolean }[]): boolean {
	return figures.some((f) => f.spendingAhead);
}
