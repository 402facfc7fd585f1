import { earlier } from './as-of';
import {
	RISK_STATUSES,
	type IndicatorStatus,
	type IsoDate,
	type RiskBand,
	type RiskCategory,
	type RiskKind,
	type RiskLevel,
	type RiskStatus,
	type RiskTrend,
	type Tone
} from './model';

// The rules of the risks-and-assumptions matrix (design §2 "risk"), in one pure module: the score
// and its band, the trend between reviews, when a risk needs a review, the heat map, and the
// register filters. Pages and server modules call these; none decides a band or a flag itself.

export const SCALE = [1, 2, 3, 4, 5] as const;

function assertOnScale(value: number, what: string): void {
	if (!Number.isInteger(value) || value < 1 || value > 5) throw new RangeError(`${what} must be an integer from 1 to 5, got ${value}`);
}

/** Likelihood × impact, each on the 1–5 scale. */
export function riskScore(likelihood: number, impact: number): number {
	assertOnScale(likelihood, 'likelihood');
	assertOnScale(impact, 'impact');
	return likelihood * impact;
}

/** 1–4 low, 5–9 medium, 10–15 high, 16–25 critical. */
export function riskBand(score: number): RiskBand {
	if (!Number.isInteger(score) || score < 1 || score > 25) throw new RangeError(`score must be an integer from 1 to 25, got ${score}`);
	if (score < BAND_FLOOR.medium) return 'low';
	if (score < BAND_FLOOR.high) return 'medium';
	if (score < BAND_FLOOR.critical) return 'high';
	return 'critical';
}

/** The lowest score of each band (design §2: 1–4 low, 5–9 medium, 10–15 high, 16–25 critical). */
export const BAND_FLOOR: Record<RiskBand, number> = { low: 1, medium: 5, high: 10, critical: 16 };

/**
 * An open high risk (design §4: the dashboard, the portfolio and the report's key figures): a risk,
 * not an assumption, not closed, scored in the high or critical band. The portfolio asks the
 * database with these same three terms (OPEN_HIGH_RISK).
 */
export const OPEN_HIGH_RISK = { kind: 'risk', notStatus: 'closed', minScore: BAND_FLOOR.high } as const;

export function isOpenHighRisk(entry: { kind: string; status: string; score: number }): boolean {
	return entry.kind === OPEN_HIGH_RISK.kind && entry.status !== OPEN_HIGH_RISK.notStatus && entry.score >= OPEN_HIGH_RISK.minScore;
}

/** How many of `entries` are open high risks. */
export function countOpenHighRisks(entries: readonly { kind: string; status: string; score: number }[]): number {
	return entries.filter(isOpenHighRisk).length;
}

export interface ReviewPoint {
	/** Breaks ties between reviews recorded on the same day: the later record is the later review. */
	id: number;
	reviewedOn: IsoDate;
	likelihood: number;
	impact: number;
}

/** Reviews oldest first: by date, then by the order they were recorded. */
export function sortReviews<T extends ReviewPoint>(reviews: readonly T[]): T[] {
	return [...reviews].sort((a, b) => a.reviewedOn.localeCompare(b.reviewedOn) || a.id - b.id);
}

/** Compares the scores of the last two reviews; with fewer than two there is nothing to compare. */
export function riskTrend(reviews: readonly ReviewPoint[]): RiskTrend {
	const sorted = sortReviews(reviews);
	if (sorted.length < 2) return 'new';
	const before = sorted.at(-2)!;
	const last = sorted.at(-1)!;
	const diff = riskScore(last.likelihood, last.impact) - riskScore(before.likelihood, before.impact);
	return diff > 0 ? 'rising' : diff < 0 ? 'falling' : 'stable';
}

/**
 * A risk (or assumption) as it stood at `asOf` (a report's cut-off): its score from the reviews
 * dated by then (the last one; the risk's first assessment when none), its status with the
 * changes recorded after the date undone (`later`, see as-of.ts), and its trend over those reviews.
 */
export function riskAsOf<T extends ReviewPoint>(
	current: { status: RiskStatus; likelihood: number; impact: number },
	reviews: readonly T[],
	asOf: IsoDate,
	later?: Record<string, unknown>
): { status: RiskStatus; likelihood: number; impact: number; score: number; trend: RiskTrend; reviews: T[] } {
	const dated = sortReviews(reviews.filter((r) => r.reviewedOn <= asOf));
	const last = dated.at(-1);
	const likelihood = last?.likelihood ?? current.likelihood;
	const impact = last?.impact ?? current.impact;
	return {
		status: earlier(later, 'status', current.status, RISK_STATUSES),
		likelihood,
		impact,
		score: riskScore(likelihood, impact),
		trend: riskTrend(dated),
		reviews: dated
	};
}

/** The assumption checks that had been made at `asOf`: those of periods ended by then. */
export function checksAsOf<T extends { periodEnd: IsoDate }>(checks: readonly T[], asOf: IsoDate): T[] {
	return checks.filter((c) => c.periodEnd <= asOf);
}

export interface ReviewFlagInput {
	status: RiskStatus;
	nextReviewDate: IsoDate | null;
	/** The date of the risk's latest review, if any. */
	lastReviewOn?: IsoDate | null;
	/**
	 * The computed status of every indicator the risk is linked to, and the end of the period that
	 * status was judged at.
	 */
	linked: readonly { code: string; status: IndicatorStatus; judgedAt?: IsoDate | null }[];
}

export interface ReviewFlag {
	/** The next review date has passed. */
	overdue: boolean;
	/** Codes of the linked indicators that are off track. */
	offTrack: string[];
}

/**
 * A programme follows its risks until its (revised) end: after that nobody re-assesses them, so
 * nothing asks for a review any more, however old the last one.
 */
export const stillFollowed = (asOf: IsoDate, programmeEnd: IsoDate) => asOf <= programmeEnd;

/** The next review date has passed, and the risk is still followed (not closed, programme not over). */
export function reviewOverdue(risk: { status: RiskStatus; nextReviewDate: IsoDate | null }, asOf: IsoDate, programmeEnd: IsoDate): boolean {
	return stillFollowed(asOf, programmeEnd) && risk.status !== 'closed' && risk.nextReviewDate !== null && risk.nextReviewDate < asOf;
}

/**
 * "Review needed": the next review date is before `asOf`, or an indicator the risk threatens is
 * off track and the risk has not been reviewed since the period that showed it ended (a review
 * after that answers it, until a new period brings new figures). A closed risk, or any risk of a
 * programme past its end, is no longer followed, so it is never flagged. Null when no review is due.
 */
export function reviewFlag(risk: ReviewFlagInput, asOf: IsoDate, programmeEnd: IsoDate): ReviewFlag | null {
	if (risk.status === 'closed' || !stillFollowed(asOf, programmeEnd)) return null;
	const overdue = reviewOverdue(risk, asOf, programmeEnd);
	const reviewedSince = (judgedAt: IsoDate | null | undefined) => !!risk.lastReviewOn && !!judgedAt && risk.lastReviewOn > judgedAt;
	const offTrack = risk.linked.filter((l) => l.status === 'off_track' && !reviewedSince(l.judgedAt)).map((l) => l.code);
	return overdue || offTrack.length ? { overdue, offTrack } : null;
}

/**
 * When a lagging figure became known (issue 22): the later of the end of the period it is about
 * and the day its value was approved. A review between the two (after the period ended, before
 * the figure was approved) could not have answered it, so the off-track flag compares with this.
 */
export function lagKnownOn(periodEnd: IsoDate | null, approvedAt: string | null | undefined): IsoDate | null {
	const approvedOn = approvedAt ? approvedAt.slice(0, 10) : null;
	if (!periodEnd) return approvedOn;
	return approvedOn && approvedOn > periodEnd ? approvedOn : periodEnd;
}

/** The most specific level the risk hangs from. */
export function riskLevel(risk: { moduleId: number | null; outputId: number | null; activityId: number | null }): RiskLevel {
	if (risk.activityId !== null) return 'activity';
	if (risk.outputId !== null) return 'output';
	if (risk.moduleId !== null) return 'module';
	return 'programme';
}

/** How a band and a trend are shown: a tone and a symbol beside the word, never colour alone. */
export const BAND_LOOK: Record<RiskBand, { tone: Tone; symbol: string }> = {
	low: { tone: 'ok', symbol: '▽' },
	medium: { tone: 'info', symbol: '◆' },
	high: { tone: 'warn', symbol: '▲' },
	critical: { tone: 'bad', symbol: '‼' }
};

export const TREND_SYMBOL: Record<RiskTrend, string> = { rising: '↑', stable: '→', falling: '↓', new: '•' };

// ---- heat map ----------------------------------------------------------------------------------

export interface HeatCell {
	likelihood: number;
	impact: number;
	score: number;
	band: RiskBand;
	count: number;
}

export interface HeatMap {
	/** Rows from likelihood 5 (top) down to 1; in each row impact 1 to 5, as the grid is drawn. */
	rows: HeatCell[][];
	total: number;
}

/** Whether an entry is counted on the heat map: risks (not assumptions) that are not closed. */
export function countsOnHeatMap(risk: { kind: RiskKind; status: RiskStatus }): boolean {
	return risk.kind === 'risk' && risk.status !== 'closed';
}

export function heatMap(risks: readonly { kind: RiskKind; status: RiskStatus; likelihood: number; impact: number }[]): HeatMap {
	const counts = new Map<string, number>();
	let total = 0;
	for (const r of risks) {
		if (!countsOnHeatMap(r)) continue;
		const key = `${r.likelihood}:${r.impact}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
		total++;
	}
	const rows = [...SCALE].reverse().map((likelihood) =>
		SCALE.map((impact) => {
			const score = riskScore(likelihood, impact);
			return { likelihood, impact, score, band: riskBand(score), count: counts.get(`${likelihood}:${impact}`) ?? 0 };
		})
	);
	return { rows, total };
}

// ---- register filters --------------------------------------------------------------------------

/** `status` also takes 'active': everything that is not closed (what the heat map counts). */
export interface RiskFilters {
	level: RiskLevel | null;
	category: RiskCategory | null;
	band: RiskBand | null;
	status: RiskStatus | 'active' | null;
	kind: RiskKind | null;
	/** 'needed': flagged for either reason; 'overdue': the next review date has passed. */
	review: 'needed' | 'overdue' | null;
	likelihood: number | null;
	impact: number | null;
}

export const NO_FILTERS: RiskFilters = {
	level: null,
	category: null,
	band: null,
	status: null,
	kind: null,
	review: null,
	likelihood: null,
	impact: null
};

export interface FilterableRisk {
	level: RiskLevel;
	category: RiskCategory;
	band: RiskBand;
	status: RiskStatus;
	kind: RiskKind;
	likelihood: number;
	impact: number;
	reviewNeeded: ReviewFlag | null;
}

export function matchesFilters(risk: FilterableRisk, f: RiskFilters): boolean {
	if (f.level && risk.level !== f.level) return false;
	if (f.category && risk.category !== f.category) return false;
	if (f.band && risk.band !== f.band) return false;
	if (f.status === 'active' ? risk.status === 'closed' : f.status && risk.status !== f.status) return false;
	if (f.kind && risk.kind !== f.kind) return false;
	if (f.review === 'needed' && !risk.reviewNeeded) return false;
	if (f.review === 'overdue' && !risk.reviewNeeded?.overdue) return false;
	if (f.likelihood !== null && risk.likelihood !== f.likelihood) return false;
	if (f.impact !== null && risk.impact !== f.impact) return false;
	return true;
}

export function anyFilter(f: RiskFilters): boolean {
	return Object.values(f).some((v) => v !== null);
}
