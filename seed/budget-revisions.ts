import { recordAudit } from '../src/lib/server/core/audit';
import type { Db } from '../src/lib/server/db/connection';

// Seeded budget revisions and planned disbursements (issue 20), so the Finance tab, the finance
// read model, IATI (<budget type="2">, <planned-disbursement>) and the reports have an original
// and a revised budget to show. SLV/16/03/RBS's documented USD 462,640 (shared/seeds/) is the
// original; the documents give no revision, so both revisions and the disbursement plan are
// illustrative and say so in their reasons and audit entries. The first revision falls before the
// cut-off of the seeded El Salvador TCPR (2019-S1), so that issue prints the revised budget; the
// second comes after it, so the Finance tab today differs from the issued report.

interface RevisionSeed {
	line: string;
	effectiveOn: string;
	amountMinor: number;
	reason: string;
}

interface RevisionsSeed {
	revisions: RevisionSeed[];
	/** The donor's planned disbursements, by period label (minor units). */
	disbursements: Record<string, number>;
}

export const budgetRevisionSeeds: Record<string, RevisionsSeed> = {
	'SLV/16/03/RBS': {
		revisions: [
			{
				line: 'RBSA',
				effectiveOn: '2019-01-01',
				amountMinor: 447_640_00,
				reason:
					'Ajuste de la asignación RBSA del bienio 2018-2019 tras la revisión del plan de trabajo (ilustrativo: no consta en los documentos de origen).'
			},
			{
				line: 'RBSA',
				effectiveOn: '2020-07-01',
				amountMinor: 430_000_00,
				reason:
					'Reprogramación por la emergencia de la COVID-19: actividades presenciales canceladas (ilustrativo: no consta en los documentos de origen).'
			}
		],
		disbursements: {
			'2017-S2': 40_000_00,
			'2018-S1': 60_000_00,
			'2018-S2': 60_000_00,
			'2019-S1': 55_000_00,
			'2019-S2': 55_000_00,
			'2020-S1': 50_000_00,
			'2020-S2': 40_000_00,
			'2021-S1': 40_000_00,
			'2021-S2': 30_000_00
		}
	}
};

/** Seeds a programme's budget revisions and planned disbursements, only where it has none of either yet. */
export async function seedBudgetRevisions(db: Db, programmeId: number, seed: RevisionsSeed | undefined): Promise<boolean> {
	if (!seed) return false;
	const [revision, disbursement] = await Promise.all([
		db
			.selectFrom('budget_revision')
			.innerJoin('budget_line', 'budget_line.id', 'budget_revision.budget_line_id')
			.select('budget_revision.id')
			.where('budget_line.programme_id', '=', programmeId)
			.executeTakeFirst(),
		db.selectFrom('planned_disbursement').select('id').where('programme_id', '=', programmeId).executeTakeFirst()
	]);
	if (revision || disbursement) return false;
	await db.transaction().execute(async (trx) => {
		const [lines, periods] = await Promise.all([
			trx.selectFrom('budget_line').select(['id', 'code']).where('programme_id', '=', programmeId).execute(),
			trx.selectFrom('reporting_period').select(['id', 'label']).where('programme_id', '=', programmeId).execute()
		]);
		for (const r of seed.revisions) {
			const line = lines.find((l) => l.code === r.line);
			if (!line) throw new Error(`seed budget revision: no line ${r.line}`);
			const { id } = await trx
				.insertInto('budget_revision')
				.values({ budget_line_id: line.id, effective_on: r.effectiveOn, amount_minor: r.amountMinor, reason: r.reason, created_by: null })
				.returning('id')
				.executeTakeFirstOrThrow();
			await recordAudit(trx, {
				userId: null,
				programmeId,
				entity: 'budget_revision',
				entityId: id,
				action: 'create',
				after: { budgetLineId: line.id, code: line.code, effectiveOn: r.effectiveOn, amountMinor: r.amountMinor, reason: r.reason },
				reason: 'seed (illustrative)'
			});
		}
		for (const [label, amount] of Object.entries(seed.disbursements)) {
			const period = periods.find((p) => p.label === label);
			if (!period) throw new Error(`seed planned disbursement: no period ${label}`);
			const { id } = await trx
				.insertInto('planned_disbursement')
				.values({ programme_id: programmeId, period_id: period.id, amount_minor: amount, created_by: null })
				.returning('id')
				.executeTakeFirstOrThrow();
			await recordAudit(trx, {
				userId: null,
				programmeId,
				entity: 'planned_disbursement',
				entityId: id,
				action: 'create',
				after: { periodId: period.id, amountMinor: amount },
				reason: 'seed (illustrative)'
			});
		}
	});
	return true;
}
