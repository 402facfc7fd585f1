import { sql } from 'kysely';
import { OPEN_VALUE_STATES, type IsoDate } from '$lib/model';
import type { Executor } from '../db/executor';

// What the values of some indicators say about a window of time, for the evaluation matrix's
// evidence sufficiency (issue 24): per indicator, the approved values of periods ending in the
// window, how many carry evidence (a link or a file), the latest such period's end, and the values
// still on their way (draft, submitted, returned). One statement whatever the number of indicators.

export interface IndicatorWindowEvidence {
	indicatorId: number;
	approvedInWindow: number;
	withEvidence: number;
	latestPeriodEnd: IsoDate | null;
	pending: number;
}

export async function loadWindowEvidence(
	db: Executor,
	programmeId: number,
	window: { start: IsoDate; cutOff: IsoDate }
): Promise<Map<number, IndicatorWindowEvidence>> {
	const rows = await db
		.selectFrom('indicator_value')
		.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
		.innerJoin('reporting_period', 'reporting_period.id', 'indicator_value.period_id')
		.select((eb) => [
			'indicator_value.indicator_id',
			sql<number>`sum(case when ${eb('indicator_value.status', '=', 'approved')} then 1 else 0 end)`.as('approved'),
			sql<number>`sum(case when ${eb.and([
				eb('indicator_value.status', '=', 'approved'),
				eb.or([
					eb('indicator_value.evidence_url', 'is not', null).and('indicator_value.evidence_url', '!=', ''),
					eb.exists(
						eb
							.selectFrom('attachment')
							.select('attachment.id')
							.where('attachment.owner_entity', '=', 'indicator_value')
							.whereRef('attachment.owner_id', '=', 'indicator_value.id')
					)
				])
			])} then 1 else 0 end)`.as('evidenced'),
			sql<
				string | null
			>`max(case when ${eb('indicator_value.status', '=', 'approved')} then ${eb.ref('reporting_period.end_date')} end)`.as('latest'),
			sql<number>`sum(case when ${eb('indicator_value.status', 'in', OPEN_VALUE_STATES)} then 1 else 0 end)`.as('pending')
		])
		.where('indicator.programme_id', '=', programmeId)
		.where('reporting_period.end_date', '>=', window.start)
		.where('reporting_period.end_date', '<=', window.cutOff)
		.groupBy('indicator_value.indicator_id')
		.execute();
	return new Map(
		rows.map((r) => [
			r.indicator_id,
			{
				indicatorId: r.indicator_id,
				approvedInWindow: Number(r.approved),
				withEvidence: Number(r.evidenced),
				latestPeriodEnd: r.latest ?? null,
				pending: Number(r.pending)
			}
		])
	);
}
