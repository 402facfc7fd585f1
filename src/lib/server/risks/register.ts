import { sql } from 'kysely';
import { z } from 'zod';
import {
	RISK_BANDS,
	RISK_CATEGORIES,
	RISK_KINDS,
	RISK_LEVELS,
	RISK_STATUSES,
	type AssumptionCheck,
	type IndicatorStatus,
	type IsoDate,
	type Programme,
	type ReportingPeriod,
	type Risk,
	type RiskCategory,
	type RiskKind,
	type RiskReview,
	type RiskStatus
} from '$lib/model';
import {
	heatMap,
	matchesFilters,
	reviewFlag,
	riskBand,
	riskLevel,
	riskScore,
	riskTrend,
	sortReviews,
	type HeatMap,
	type ReviewFlag,
	type RiskFilters,
	NO_FILTERS as NO_RISK_FILTERS
} from '$lib/risk-rules';
import { riskAsOf } from '$lib/risk-rules';
import { loadValuesAtDate } from '../core/history';
import { listAudit, type AuditRecord } from '../core/audit';
import { auditNames } from '../core/audit-names';
import type { AuditNames } from '$lib/i18n/audit-lines';
import type { Executor } from '../db/executor';
import { NotFoundError } from '../core/errors';
import { assessmentFor, type ReadOptions } from '../results/assessment';
import { loadApprovalTimes } from '../results/approved-facts';
import { lagKnownOn } from '$lib/risk-rules';
import type { Viewer } from '../core/viewer';
import { todayIso } from '../core/dates';

// Reading the register: every entry with its current score, band, trend, linked indicators and
// "review needed" flag, in a fixed number of statements whatever the number of entries (no query
// per risk): the rows, their last two reviews, their links, the assumption checks, and the
// programme's indicator statuses, assembled in memory.

export interface RiskEntry extends Risk {
	/** The module, output or activity it hangs from (null for the programme). */
	attachedTo: { code: string; title: string } | null;
	/** The module it falls under, whatever its level. */
	module: { id: number; code: string } | null;
	indicators: { id: number; code: string; title: string; status: IndicatorStatus }[];
	reviewNeeded: ReviewFlag | null;
	/** Assumptions only: the check of the latest period checked. */
	lastCheck: RiskCheck | null;
	/** The score at the review before the latest (what the trend compares with); null with fewer than two reviews. */
	previousScore: number | null;
	/** The date of the latest review. */
	lastReviewedOn: IsoDate | null;
}

export type RiskCheck = AssumptionCheck & { periodLabel: string };

/** Coordinators, evaluators and admins see internal notes; donors never receive them. */
type RiskViewer = Pick<Viewer, 'internal'>;

async function loadEntries(
	db: Executor,
	programme: Programme,
	viewer: RiskViewer,
	options: ReadOptions & { asOf: IsoDate },
	onlyId?: number
) {
	const { asOf } = options;
	const one = onlyId !== undefined;
	// Asked to rewind (the API's ?asOf=), an earlier date reads each entry as it stood then, by the
	// rule the report snapshot uses (risk-rules.ts riskAsOf, checksAsOf; the audit trail undoes
	// later status changes). Today's register needs none of it: nothing is recorded after today.
	const past = options.rewind === true && asOf < todayIso();
	const [rows, lastReviews, links, checks, assessed, approvedAt, history] = await Promise.all([
		db
			.selectFrom('risk')
			.leftJoin('activity', 'activity.id', 'risk.activity_id')
			.leftJoin('output', (join) => join.on((eb) => eb('output.id', '=', eb.fn.coalesce('risk.output_id', 'activity.output_id'))))
			.leftJoin('module', (join) => join.on((eb) => eb('module.id', '=', eb.fn.coalesce('risk.module_id', 'output.module_id'))))
			.selectAll('risk')
			.select([
				'activity.code as activity_code',
				'activity.title as activity_title',
				'output.id as via_output_id',
				'output.code as output_code',
				'output.title as output_title',
				'module.id as via_module_id',
				'module.code as module_code',
				'module.title as module_title'
			])
			.where('risk.programme_id', '=', programme.id)
			.$if(one, (q) => q.where('risk.id', '=', onlyId!))
			.execute(),
		// The trend needs only the last two reviews of each entry.
		db
			.selectFrom((eb) =>
				eb
					.selectFrom('risk_review')
					.innerJoin('risk', 'risk.id', 'risk_review.risk_id')
					.select([
						'risk_review.id',
						'risk_review.risk_id',
						'risk_review.reviewed_on',
						'risk_review.likelihood',
						'risk_review.impact',
						sql<number>`row_number() over (partition by risk_review.risk_id order by risk_review.reviewed_on desc, risk_review.id desc)`.as(
							'position'
						)
					])
					.where('risk.programme_id', '=', programme.id)
					.$if(one, (q) => q.where('risk.id', '=', onlyId!))
					.$if(past, (q) => q.where('risk_review.reviewed_on', '<=', asOf))
					.as('r')
			)
			.selectAll()
			.where('position', '<=', 2)
			.execute(),
		db
			.selectFrom('risk_indicator')
			.innerJoin('risk', 'risk.id', 'risk_indicator.risk_id')
			.select(['risk_indicator.risk_id', 'risk_indicator.indicator_id'])
			.where('risk.programme_id', '=', programme.id)
			.$if(one, (q) => q.where('risk.id', '=', onlyId!))
			.execute(),
		db
			.selectFrom('assumption_check')
			.innerJoin('risk', 'risk.id', 'assumption_check.risk_id')
			.innerJoin('reporting_period', 'reporting_period.id', 'assumption_check.period_id')
			.leftJoin('user', 'user.id', 'assumption_check.checked_by')
			.select([
				'assumption_check.id',
				'assumption_check.risk_id',
				'assumption_check.period_id',
				'assumption_check.result',
				'assumption_check.note',
				'assumption_check.checked_at',
				'user.name as checked_by_name',
				'reporting_period.label'
			])
			.where('risk.programme_id', '=', programme.id)
			.$if(one, (q) => q.where('risk.id', '=', onlyId!))
			.$if(past, (q) => q.where('reporting_period.end_date', '<=', asOf))
			.orderBy('reporting_period.start_date')
			.execute(),
		assessmentFor(db, programme, options),
		loadApprovalTimes(db, [programme.id]),
		past ? loadValuesAtDate(db, programme.id, ['risk'], asOf) : null
	]);
	const riskHistory = history?.get('risk');

	const reviewsByRisk = group(lastReviews, (r) => r.risk_id);
	const linksByRisk = group(links, (l) => l.risk_id);
	const checksByRisk = group(
		checks.map((c): RiskCheck => ({
			id: c.id,
			riskId: c.risk_id,
			periodId: c.period_id,
			result: c.result,
			note: c.note,
			checkedByName: c.checked_by_name,
			checkedAt: c.checked_at,
			periodLabel: c.label
		})),
		(c) => c.riskId
	);
	const indicatorById = new Map(assessed.indicators.map((i) => [i.id, i]));
	const periodEnd = new Map(assessed.periods.map((p) => [p.id, p.endDate]));

	const entries = rows.map((row): RiskEntry => {
		const reviews = (reviewsByRisk.get(row.id) ?? []).map((r) => ({
			id: r.id,
			reviewedOn: r.reviewed_on,
			likelihood: r.likelihood,
			impact: r.impact
		}));
		const at = past
			? riskAsOf(
					{ status: row.status as RiskStatus, likelihood: row.likelihood, impact: row.impact },
					reviews,
					asOf,
					riskHistory?.get(row.id)
				)
			: { status: row.status as RiskStatus, likelihood: row.likelihood, impact: row.impact };
		const score = riskScore(at.likelihood, at.impact);
		const indicators = (linksByRisk.get(row.id) ?? []).flatMap((l) => {
			const indicator = indicatorById.get(l.indicator_id);
			if (!indicator) return [];
			const assessment = assessed.assessments.get(indicator.id)!;
			// The flag compares a review with the day the lagging figure became known (risk-rules.ts).
			const judgedAt = assessment.periodId
				? lagKnownOn(periodEnd.get(assessment.periodId) ?? null, approvedAt.get(`${indicator.id}:${assessment.periodId}`))
				: null;
			return [{ id: indicator.id, code: indicator.code, title: indicator.title, status: assessment.status, judgedAt }];
		});
		indicators.sort((a, b) => a.code.localeCompare(b.code, 'es', { numeric: true }));
		const level = riskLevel({ moduleId: row.module_id, outputId: row.output_id, activityId: row.activity_id });
		const status = at.status;
		return {
			id: row.id,
			programmeId: row.programme_id,
			moduleId: row.via_module_id,
			outputId: row.via_output_id,
			activityId: row.activity_id,
			level,
			kind: row.kind as RiskKind,
			code: row.code,
			title: row.title,
			description: row.description,
			category: row.category as RiskCategory,
			likelihood: at.likelihood,
			impact: at.impact,
			score,
			band: riskBand(score),
			trend: riskTrend(reviews),
			mitigation: row.mitigation,
			contingency: row.contingency,
			owner: row.owner,
			status,
			nextReviewDate: row.next_review_date,
			internalNotes: viewer.internal ? row.internal_notes : '',
			version: row.version,
			attachedTo:
				level === 'activity'
					? { code: row.activity_code!, title: row.activity_title! }
					: level === 'output'
						? { code: row.output_code!, title: row.output_title! }
						: level === 'module'
							? { code: row.module_code!, title: row.module_title! }
							: null,
			module: row.via_module_id ? { id: row.via_module_id, code: row.module_code! } : null,
			indicators,
			reviewNeeded: reviewFlag(
				{
					status,
					nextReviewDate: row.next_review_date,
					lastReviewOn: sortReviews(reviews.filter((r) => r.reviewedOn <= asOf)).at(-1)?.reviewedOn ?? null,
					linked: indicators
				},
				asOf,
				programme.effectiveEndDate
			),
			lastCheck: (checksByRisk.get(row.id) ?? []).at(-1) ?? null,
			...lastTwo(reviews)
		};
	});
	// Closed entries last; within the rest, the highest score first.
	entries.sort(
		(a, b) =>
			Number(a.status === 'closed') - Number(b.status === 'closed') ||
			b.score - a.score ||
			a.code.localeCompare(b.code, 'es', { numeric: true }) ||
			a.id - b.id
	);
	return { entries, assessed, checksByRisk };
}

function lastTwo(reviews: { id: number; reviewedOn: IsoDate; likelihood: number; impact: number }[]) {
	const sorted = sortReviews(reviews);
	const before = sorted.at(-2);
	return {
		previousScore: before ? riskScore(before.likelihood, before.impact) : null,
		lastReviewedOn: sorted.at(-1)?.reviewedOn ?? null
	};
}

function group<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
	const map = new Map<number, T[]>();
	for (const item of items) {
		const k = key(item);
		if (!map.has(k)) map.set(k, []);
		map.get(k)!.push(item);
	}
	return map;
}

// ---- the register page -------------------------------------------------------------------------

/** Filters arrive in the query string; anything unreadable is ignored (no filter). */
const filtersSchema = z.object({
	level: z.enum(RISK_LEVELS).nullable().catch(null),
	category: z.enum(RISK_CATEGORIES).nullable().catch(null),
	band: z.enum(RISK_BANDS).nullable().catch(null),
	status: z
		.enum([...RISK_STATUSES, 'active'])
		.nullable()
		.catch(null),
	kind: z.enum(RISK_KINDS).nullable().catch(null),
	review: z.enum(['needed', 'overdue']).nullable().catch(null),
	likelihood: z.coerce.number().int().min(1).max(5).nullable().catch(null),
	impact: z.coerce.number().int().min(1).max(5).nullable().catch(null)
});

export function readRiskFilters(params: URLSearchParams): RiskFilters {
	const read = (name: keyof RiskFilters) => params.get(name) || null;
	return filtersSchema.parse(Object.fromEntries((Object.keys(filtersSchema.shape) as (keyof RiskFilters)[]).map((k) => [k, read(k)])));
}

export interface RiskRegister {
	asOf: IsoDate;
	entries: RiskEntry[];
	total: number;
	/** Risks that are not closed, whatever the filters. */
	heatMap: HeatMap;
	/** Entries flagged "review needed", whatever the filters. */
	flagged: number;
}

export async function loadRiskRegister(
	db: Executor,
	programme: Programme,
	viewer: RiskViewer,
	options: ReadOptions & Partial<RiskFilters> = {}
): Promise<RiskRegister> {
	const asOf = options.asOf ?? todayIso();
	const filters: RiskFilters = { ...NO_RISK_FILTERS, ...options };
	const { entries } = await loadEntries(db, programme, viewer, { ...options, asOf });
	return {
		asOf,
		entries: entries.filter((e) => matchesFilters(e, filters)),
		total: entries.length,
		heatMap: heatMap(entries),
		flagged: entries.filter((e) => e.reviewNeeded).length
	};
}

/** The entries flagged "review needed", for the programme overview. */
export async function listRisksNeedingReview(
	db: Executor,
	programme: Programme,
	viewer: RiskViewer,
	options: ReadOptions = {}
): Promise<RiskEntry[]> {
	const { entries } = await loadEntries(db, programme, viewer, { ...options, asOf: options.asOf ?? todayIso() });
	return entries.filter((e) => e.reviewNeeded);
}

// ---- one entry ---------------------------------------------------------------------------------

export interface RiskDetail {
	asOf: IsoDate;
	entry: RiskEntry;
	/** Every review, oldest first, each with its score. */
	reviews: RiskReview[];
	/** Assumptions: every periodic check, by period. */
	checks: RiskCheck[];
	periods: ReportingPeriod[];
	/** Internal viewers only: who changed what. */
	history: AuditRecord[];
	/** The records the history points to, by name. */
	historyNames: AuditNames;
}

export async function loadRiskDetail(
	db: Executor,
	programme: Programme,
	viewer: RiskViewer,
	options: ReadOptions & { riskId: number }
): Promise<RiskDetail> {
	const id = options.riskId;
	const asOf = options.asOf ?? todayIso();
	const [{ entries, assessed, checksByRisk }, reviewRows, history] = await Promise.all([
		loadEntries(db, programme, viewer, { ...options, asOf }, id),
		db
			.selectFrom('risk_review')
			.innerJoin('risk', 'risk.id', 'risk_review.risk_id')
			.leftJoin('user', 'user.id', 'risk_review.reviewer_id')
			.select([
				'risk_review.id',
				'risk_review.risk_id',
				'risk_review.reviewed_on',
				'risk_review.likelihood',
				'risk_review.impact',
				'risk_review.note',
				'user.name as reviewer_name'
			])
			.where('risk_review.risk_id', '=', id)
			.where('risk.programme_id', '=', programme.id)
			.execute(),
		viewer.internal
			? listAudit(db, { subjects: [{ entity: 'risk', ids: [id] }], programmeId: programme.id, limit: 100 })
			: Promise.resolve([])
	]);
	const entry = entries[0];
	if (!entry) throw new NotFoundError('risk', id);
	const reviews = sortReviews(reviewRows.map((r) => ({ ...r, reviewedOn: r.reviewed_on }))).map((r): RiskReview => ({
		id: r.id,
		riskId: r.risk_id,
		reviewedOn: r.reviewed_on,
		likelihood: r.likelihood,
		impact: r.impact,
		score: riskScore(r.likelihood, r.impact),
		note: r.note,
		reviewerName: r.reviewer_name
	}));
	return {
		asOf,
		entry,
		reviews,
		checks: checksByRisk.get(id) ?? [],
		periods: assessed.periods,
		history,
		historyNames: await auditNames(db, history)
	};
}
