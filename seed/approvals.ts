import type { Db } from '../src/lib/server/db/connection';
import { recordAudit } from '../src/lib/server/core/audit';
import { getProgrammeBySlug } from '../src/lib/server/programmes/programmes';
import { approveValue } from '../src/lib/server/results/values';
import { seededValueDates } from './value-dates';

// The demo's seeded values go through the real approval workflow (design §2 "value"): a
// coordinator of the programme submits them and a second demo account approves them with the
// same approveValue() as the indicator page (four eyes, audit row, reviewer and date), so every
// report's "Records cited" annex names who approved each figure and when. Only for the demo
// (the accounts exist only there), only for values the seed loaded as approved with no reviewer,
// and only in periods still open (an issued report has locked the ones it covers): idempotent.
// The submission and the approval are dated on the period's own timeline (seed/value-dates.ts),
// not the seeding clock, so a 2020 report's annex names approvals of 2020; the audit rows keep the
// moment the seed ran (they record when the database was written).

const WORKFLOW: Record<string, { submitter: string | null; approver: string }> = {
	patss: { submitter: 'coord.patss@avance.test', approver: 'coord2.patss@avance.test' },
	'peru-desempleo-ue': { submitter: null, approver: 'coord.peru@avance.test' },
	'ecuador-desempleo-ue': { submitter: null, approver: 'admin@avance.test' },
	'el-salvador-pps': { submitter: null, approver: 'admin@avance.test' }
};

export async function approveSeededValues(db: Db): Promise<number> {
	const users = await db.selectFrom('user').select(['id', 'email']).execute();
	const userId = new Map(users.map((u) => [u.email, u.id]));
	let approved = 0;
	for (const [slug, who] of Object.entries(WORKFLOW)) {
		const programme = await getProgrammeBySlug(db, slug);
		const approver = userId.get(who.approver);
		if (!programme || approver === undefined) continue;
		const submitter = who.submitter ? (userId.get(who.submitter) ?? null) : null;
		const rows = await db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.innerJoin('reporting_period', 'reporting_period.id', 'indicator_value.period_id')
			.select(['indicator_value.id', 'reporting_period.end_date'])
			.where('indicator.programme_id', '=', programme.id)
			.where('indicator_value.status', '=', 'approved')
			.where('indicator_value.reviewed_by', 'is', null)
			.where('reporting_period.locked', '=', 0)
			.orderBy('indicator_value.id')
			.execute();
		for (const { id, end_date } of rows) {
			const dates = seededValueDates(end_date);
			// The submission, as the coordinator who keeps the programme would have made it.
			const version = await db.transaction().execute(async (trx) => {
				const row = await trx
					.updateTable('indicator_value')
					.set({ status: 'submitted', submitted_by: submitter, submitted_at: dates.submittedAt, reviewed_at: null })
					.where('id', '=', id)
					.returning('version')
					.executeTakeFirstOrThrow();
				await recordAudit(trx, {
					userId: submitter,
					programmeId: programme.id,
					entity: 'indicator_value',
					entityId: id,
					action: 'submit',
					before: { status: 'approved' },
					after: { status: 'submitted' },
					reason: 'seed'
				});
				return row.version;
			});
			await approveValue(db, { id: approver }, programme, id, version);
			// approveValue stamps its own clock; the approval is dated as it happened in the period's
			// timeline (as seed/lesson-validation.ts dates a validation). Same row, no new version.
			await db.updateTable('indicator_value').set({ reviewed_at: dates.reviewedAt }).where('id', '=', id).execute();
			approved += 1;
		}
	}
	return approved;
}
