import type { Actor } from '../core/actor';
import type { Indicator, IndicatorValue, Programme, ReportingPeriod } from '$lib/model';
import type { MessageKey } from '$lib/i18n/translate';
import type { Executor } from '../db/executor';
import { ConflictError, DomainValidationError, ForbiddenTransitionError, NotFoundError } from '../core/errors';
import { toPeriod } from '../programmes/programmes';
import { toIndicator } from './indicators';
import { approveValue, returnValue, reviewableValueIds, toValue } from './values';

// Bulk review (issue 22): the submitted values of a programme (or of one period) that this person
// may review, approved or returned several at once. The four-eyes rule is the value workflow's own
// (approveValue / returnValue ask reviewableValueIds for each value), so a crafted request for
// one's own value is refused for that value alone. Each decision is its own transaction: one
// refused or conflicting value never undoes the others.

export interface ReviewItem {
	value: IndicatorValue;
	indicator: Indicator;
	period: ReportingPeriod;
}

export interface ReviewQueue {
	periods: ReportingPeriod[];
	/** Values this person may approve or return (never their own). */
	items: ReviewItem[];
	/** Submitted values they may not review (they entered or submitted them): shown, not offered. */
	ownCount: number;
}

/** Four statements whatever the number of values. */
export async function loadReviewQueue(
	db: Executor,
	programme: Programme,
	reviewerId: number,
	periodId: number | null
): Promise<ReviewQueue> {
	const [periodRows, rows] = await Promise.all([
		db.selectFrom('reporting_period').selectAll().where('programme_id', '=', programme.id).orderBy('start_date').orderBy('id').execute(),
		db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.leftJoin('user as enterer', 'enterer.id', 'indicator_value.entered_by')
			.selectAll('indicator_value')
			.select('enterer.name as entered_by_name')
			.where('indicator.programme_id', '=', programme.id)
			.where('indicator_value.status', '=', 'submitted')
			.$if(periodId !== null, (q) => q.where('indicator_value.period_id', '=', periodId!))
			.orderBy('indicator_value.id')
			.execute()
	]);
	const indicatorIds = [...new Set(rows.map((r) => r.indicator_id))];
	const [indicators, mayReview] = await Promise.all([
		indicatorIds.length === 0 ? Promise.resolve([]) : db.selectFrom('indicator').selectAll().where('id', 'in', indicatorIds).execute(),
		reviewableValueIds(
			db,
			reviewerId,
			rows.map((r) => r.id)
		)
	]);
	const indicatorOf = new Map(indicators.map((i) => [i.id, toIndicator(i)]));
	const periods = periodRows.map(toPeriod);
	const periodOf = new Map(periods.map((p) => [p.id, p]));
	const items = rows
		.filter((r) => mayReview.has(r.id))
		.map((r) => ({ value: toValue(r), indicator: indicatorOf.get(r.indicator_id)!, period: periodOf.get(r.period_id)! }))
		.sort(
			(a, b) =>
				a.period.startDate.localeCompare(b.period.startDate) ||
				a.indicator.sortOrder - b.indicator.sortOrder ||
				a.indicator.code.localeCompare(b.indicator.code)
		);
	return { periods, items, ownCount: rows.length - items.length };
}

export interface ReviewDecision {
	valueId: number;
	version: number;
	decision: 'approve' | 'return';
	note: string;
}

export type ReviewResult = { valueId: number; ok: true } | { valueId: number; ok: false; key: MessageKey };

/** Applies each decision in its own transaction; returns what happened to each, in order. */
export async function reviewValues(
	db: Executor,
	actor: Actor,
	programme: Programme,
	decisions: readonly ReviewDecision[]
): Promise<ReviewResult[]> {
	const results: ReviewResult[] = [];
	for (const d of decisions) {
		try {
			if (d.decision === 'return') {
				if (!d.note.trim()) throw new DomainValidationError({ note: { key: 'review.noteRequired' } });
				await returnValue(db, actor, programme, d.valueId, d.version, d.note.trim());
			} else await approveValue(db, actor, programme, d.valueId, d.version);
			results.push({ valueId: d.valueId, ok: true });
		} catch (error) {
			if (error instanceof DomainValidationError) {
				const first = Object.values(error.fields)[0];
				results.push({ valueId: d.valueId, ok: false, key: (first?.key ?? 'validation.invalid') as MessageKey });
			} else if (error instanceof ForbiddenTransitionError) results.push({ valueId: d.valueId, ok: false, key: error.key as MessageKey });
			else if (error instanceof ConflictError) results.push({ valueId: d.valueId, ok: false, key: 'error.conflict' });
			else if (error instanceof NotFoundError) results.push({ valueId: d.valueId, ok: false, key: 'validation.unknownRecord' });
			else throw error;
		}
	}
	return results;
}
