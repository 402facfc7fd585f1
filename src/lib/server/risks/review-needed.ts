import type { IsoDate, Programme, RiskStatus } from '$lib/model';
import { lagKnownOn, reviewFlag } from '$lib/risk-rules';
import type { Executor } from '../db/executor';
import { loadApprovalTimes } from '../results/approved-facts';
import type { ProgrammeAssessment } from '../results/assessment';

// Risks that need a review because an indicator they threaten is off track and nobody reviewed
// them since the lagging figure became known (risk-rules.ts, reviewFlag): for "Needs my action"
// (issue 22), across many programmes, in four statements whatever their number.

export interface RiskNeedingReview {
	id: number;
	programmeId: number;
	code: string;
	title: string;
	offTrack: string[];
}

export async function risksNeedingReview(
	db: Executor,
	programmes: readonly Programme[],
	assessed: ReadonlyMap<number, ProgrammeAssessment>,
	asOf: IsoDate
): Promise<RiskNeedingReview[]> {
	const ids = programmes.map((p) => p.id);
	if (ids.length === 0) return [];
	const [risks, links, reviews, approvedAt] = await Promise.all([
		db
			.selectFrom('risk')
			.select(['id', 'programme_id', 'code', 'title', 'status', 'next_review_date'])
			.where('programme_id', 'in', ids)
			.where('status', '!=', 'closed')
			.execute(),
		db
			.selectFrom('risk_indicator')
			.innerJoin('risk', 'risk.id', 'risk_indicator.risk_id')
			.select(['risk_indicator.risk_id', 'risk_indicator.indicator_id'])
			.where('risk.programme_id', 'in', ids)
			.execute(),
		db
			.selectFrom('risk_review')
			.innerJoin('risk', 'risk.id', 'risk_review.risk_id')
			.select((eb) => ['risk_review.risk_id', eb.fn.max('risk_review.reviewed_on').as('last')])
			.where('risk.programme_id', 'in', ids)
			.groupBy('risk_review.risk_id')
			.execute(),
		loadApprovalTimes(db, ids)
	]);
	const endOf = new Map(programmes.map((p) => [p.id, p.effectiveEndDate]));
	const lastReview = new Map(reviews.map((r) => [r.risk_id, r.last as string | null]));
	const out: RiskNeedingReview[] = [];
	for (const risk of risks) {
		const assessment = assessed.get(risk.programme_id);
		if (!assessment) continue;
		const periodEnd = new Map(assessment.periods.map((p) => [p.id, p.endDate]));
		const codeOf = new Map(assessment.indicators.map((i) => [i.id, i.code]));
		const linked = links
			.filter((l) => l.risk_id === risk.id)
			.flatMap((l) => {
				const a = assessment.assessments.get(l.indicator_id);
				if (!a) return [];
				const judgedAt = a.periodId
					? lagKnownOn(periodEnd.get(a.periodId) ?? null, approvedAt.get(`${l.indicator_id}:${a.periodId}`))
					: null;
				return [{ code: codeOf.get(l.indicator_id) ?? '', status: a.status, judgedAt }];
			});
		const flag = reviewFlag(
			{ status: risk.status as RiskStatus, nextReviewDate: risk.next_review_date, lastReviewOn: lastReview.get(risk.id) ?? null, linked },
			asOf,
			endOf.get(risk.programme_id) ?? asOf
		);
		if (flag && flag.offTrack.length > 0 && !flag.overdue)
			out.push({ id: risk.id, programmeId: risk.programme_id, code: risk.code, title: risk.title, offTrack: flag.offTrack });
	}
	return out;
}
