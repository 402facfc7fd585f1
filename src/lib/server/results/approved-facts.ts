import { sql, type Expression } from 'kysely';
import type { IsoDate } from '$lib/model';
import type { Executor } from '../db/executor';

// Facts about a programme's approved values that the assessment does not carry: how many have
// evidence (a link or an attached file) and when the last one was approved ("data as of"). One
// statement whatever the number of indicators or values.

export interface ApprovedValueFacts {
	/** Approved values (derived indicators have none: their figures are counted, not entered). */
	approved: number;
	/** Approved values with an evidence link or at least one attached file. */
	withEvidence: number;
	/**
	 * When the latest of them was approved (ISO timestamp), or null when none is. With `through`,
	 * the latest approval made on or before that day (an "as of" date does not know later ones).
	 */
	lastApprovedAt: string | null;
}

/**
 * `through`: only the values of periods ended by then (a cut-off, the dashboard's "as of"), as the
 * assessment counts them; and "approved last" only among approvals made by the end of that day.
 */
export async function loadApprovedValueFacts(db: Executor, programmeId: number, through?: IsoDate): Promise<ApprovedValueFacts> {
	const row = await db
		.selectFrom('indicator_value')
		.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
		.$if(through !== undefined, (q) =>
			q.innerJoin('reporting_period', 'reporting_period.id', 'indicator_value.period_id').where('reporting_period.end_date', '<=', through!)
		)
		.select((eb) => [
			eb.fn.countAll<number>().as('approved'),
			sql<number>`coalesce(sum(case when ${eb.or([
				eb('indicator_value.evidence_url', 'is not', null).and('indicator_value.evidence_url', '!=', ''),
				eb.exists(
					eb
						.selectFrom('attachment')
						.select('attachment.id')
						.where('attachment.owner_entity', '=', 'indicator_value')
						.whereRef('attachment.owner_id', '=', 'indicator_value.id')
				)
			])} then 1 else 0 end), 0)`.as('with_evidence'),
			through === undefined
				? eb.fn.max('indicator_value.reviewed_at').as('last_approved_at')
				: lastApprovedBy(eb.ref('indicator_value.reviewed_at'), `${through}T23:59:59.999Z`).as('last_approved_at')
		])
		.where('indicator.programme_id', '=', programmeId)
		.where('indicator_value.status', '=', 'approved')
		.executeTakeFirstOrThrow();
	return { approved: Number(row.approved), withEvidence: Number(row.with_evidence), lastApprovedAt: row.last_approved_at ?? null };
}

/** The latest of `reviewedAt` no later than `bound`: instants are ISO-8601 UTC text on both databases, so they compare as strings. */
function lastApprovedBy(reviewedAt: Expression<string | null>, bound: string) {
	return sql<string | null>`max(case when ${reviewedAt} <= ${bound} then ${reviewedAt} end)`;
}

/**
 * When each approved value was approved, by `indicatorId:periodId` (the risk register's off-track
 * flag compares a review with it). One statement whatever the number of values.
 */
export async function loadApprovalTimes(db: Executor, programmeIds: readonly number[]): Promise<Map<string, string>> {
	if (programmeIds.length === 0) return new Map();
	const rows = await db
		.selectFrom('indicator_value')
		.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
		.select(['indicator_value.indicator_id', 'indicator_value.period_id', 'indicator_value.reviewed_at'])
		.where('indicator.programme_id', 'in', [...programmeIds])
		.where('indicator_value.status', '=', 'approved')
		.execute();
	return new Map(rows.filter((r) => r.reviewed_at).map((r) => [`${r.indicator_id}:${r.period_id}`, r.reviewed_at!]));
}
