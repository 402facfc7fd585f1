import { sql } from 'kysely';
import { z } from 'zod';
import type { Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { recordAudit } from '../core/audit';
import { ConflictError, DomainValidationError, NotFoundError } from '../core/errors';
import { dateField, idField, text, versionField } from '../core/validation';
import { assertSaved } from '../core/versioning';
import { type Executor, inTransaction } from '../db/executor';
import { budgetLineIn } from './budget-lines';
import { amountField } from './fields';

// Budget revisions and planned disbursements (issue 20): a coordinator or admin records that a
// line's amount changes from a date, with the reason; the finance read model then uses the amount
// in force at the date it reads (a report's cut-off, the page's day) and keeps the original
// beside it. A revision is a dated fact: recorded or removed, never edited; each bumps the line's
// version, so two people revising the same line from stale pages are told. A date inside a
// locked period is refused (its figures are reported), as is a date outside the programme.
// Planned disbursements: one amount per programme and reporting period (IATI planned-disbursement).

export const budgetRevisionSchema = z.object({
	lineId: idField(),
	version: versionField(),
	effectiveOn: dateField(),
	amount: amountField(),
	reason: text(500)
});
export type BudgetRevisionInput = z.output<typeof budgetRevisionSchema>;

export const removeRevisionSchema = z.object({ id: idField(), version: versionField() });

export const plannedDisbursementSchema = z.object({ periodId: idField(), amount: amountField() });
export const removeDisbursementSchema = z.object({ id: idField(), version: versionField() });

/** A dated day inside a locked period of the programme (figures reported under it may not move). */
async function lockedPeriodOn(db: Executor, programmeId: number, day: string) {
	return db
		.selectFrom('reporting_period')
		.select(['id', 'label'])
		.where('programme_id', '=', programmeId)
		.where('locked', '=', 1)
		.where('start_date', '<=', day)
		.where('end_date', '>=', day)
		.executeTakeFirst();
}

/** Bumps the line's version or reports that someone changed it first. */
async function bumpLine(db: Executor, lineId: number, version: number) {
	const result = await db
		.updateTable('budget_line')
		.set({ version: sql`version + 1`, updated_at: new Date().toISOString() })
		.where('id', '=', lineId)
		.where('version', '=', version)
		.executeTakeFirst();
	assertSaved(result, 'budget_line', lineId);
}

export async function recordBudgetRevision(db: Executor, actor: Actor, programme: Programme, input: BudgetRevisionInput): Promise<number> {
	return inTransaction(db, async (trx) => {
		const line = await budgetLineIn(trx, programme.id, input.lineId);
		if (line.version !== input.version) throw new ConflictError('budget_line', line.id);
		const errors: ConstructorParameters<typeof DomainValidationError>[0] = {};
		if (input.effectiveOn < programme.startDate || input.effectiveOn > programme.effectiveEndDate)
			errors.effectiveOn = { key: 'finance.revision.outside', params: { start: programme.startDate, end: programme.effectiveEndDate } };
		else {
			const [locked, taken] = await Promise.all([
				lockedPeriodOn(trx, programme.id, input.effectiveOn),
				trx
					.selectFrom('budget_revision')
					.select('id')
					.where('budget_line_id', '=', line.id)
					.where('effective_on', '=', input.effectiveOn)
					.executeTakeFirst()
			]);
			if (locked) errors.effectiveOn = { key: 'finance.revision.locked', params: { period: locked.label } };
			else if (taken) errors.effectiveOn = { key: 'finance.revision.dateTaken' };
		}
		if (Object.keys(errors).length) throw new DomainValidationError(errors);
		await bumpLine(trx, line.id, input.version);
		const { id } = await trx
			.insertInto('budget_revision')
			.values({
				budget_line_id: line.id,
				effective_on: input.effectiveOn,
				amount_minor: input.amount,
				reason: input.reason,
				created_by: actor.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'budget_revision',
			entityId: id,
			action: 'create',
			after: { budgetLineId: line.id, code: line.code, effectiveOn: input.effectiveOn, amountMinor: input.amount, reason: input.reason }
		});
		return id;
	});
}

/** Removes a revision recorded by mistake (the line's version guards it); refused when dated in a locked period. */
export async function removeBudgetRevision(db: Executor, actor: Actor, programme: Programme, id: number, lineVersion: number) {
	await inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('budget_revision')
			.innerJoin('budget_line', 'budget_line.id', 'budget_revision.budget_line_id')
			.select([
				'budget_revision.id',
				'budget_revision.budget_line_id',
				'budget_revision.effective_on',
				'budget_revision.amount_minor',
				'budget_revision.reason',
				'budget_line.code'
			])
			.where('budget_revision.id', '=', id)
			.where('budget_line.programme_id', '=', programme.id)
			.executeTakeFirst();
		if (!row) throw new NotFoundError('budget_revision', id);
		const locked = await lockedPeriodOn(trx, programme.id, row.effective_on);
		if (locked) throw new DomainValidationError({ id: { key: 'finance.revision.locked', params: { period: locked.label } } });
		await bumpLine(trx, row.budget_line_id, lineVersion);
		await trx.deleteFrom('budget_revision').where('id', '=', id).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'budget_revision',
			entityId: id,
			action: 'delete',
			before: {
				budgetLineId: row.budget_line_id,
				code: row.code,
				effectiveOn: row.effective_on,
				amountMinor: Number(row.amount_minor),
				reason: row.reason
			}
		});
	});
}

export async function recordPlannedDisbursement(
	db: Executor,
	actor: Actor,
	programme: Programme,
	input: z.output<typeof plannedDisbursementSchema>
): Promise<number> {
	return inTransaction(db, async (trx) => {
		const period = await trx
			.selectFrom('reporting_period')
			.select(['id', 'label', 'locked'])
			.where('id', '=', input.periodId)
			.where('programme_id', '=', programme.id)
			.executeTakeFirst();
		if (!period) throw new DomainValidationError({ periodId: { key: 'validation.unknownRecord' } });
		if (period.locked) throw new DomainValidationError({ periodId: { key: 'finance.periodLocked' } });
		const taken = await trx
			.selectFrom('planned_disbursement')
			.select('id')
			.where('programme_id', '=', programme.id)
			.where('period_id', '=', period.id)
			.executeTakeFirst();
		if (taken) throw new DomainValidationError({ periodId: { key: 'finance.disbursement.taken' } });
		const { id } = await trx
			.insertInto('planned_disbursement')
			.values({ programme_id: programme.id, period_id: period.id, amount_minor: input.amount, created_by: actor.id })
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'planned_disbursement',
			entityId: id,
			action: 'create',
			after: { periodId: period.id, amountMinor: input.amount }
		});
		return id;
	});
}

export async function removePlannedDisbursement(db: Executor, actor: Actor, programme: Programme, id: number, version: number) {
	await inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('planned_disbursement')
			.innerJoin('reporting_period', 'reporting_period.id', 'planned_disbursement.period_id')
			.select([
				'planned_disbursement.id',
				'planned_disbursement.period_id',
				'planned_disbursement.amount_minor',
				'planned_disbursement.version',
				'reporting_period.locked'
			])
			.where('planned_disbursement.id', '=', id)
			.where('planned_disbursement.programme_id', '=', programme.id)
			.executeTakeFirst();
		if (!row) throw new NotFoundError('planned_disbursement', id);
		if (row.version !== version) throw new ConflictError('planned_disbursement', id);
		if (row.locked) throw new DomainValidationError({ id: { key: 'finance.periodLocked' } });
		await trx.deleteFrom('planned_disbursement').where('id', '=', id).where('version', '=', version).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'planned_disbursement',
			entityId: id,
			action: 'delete',
			before: { periodId: row.period_id, amountMinor: Number(row.amount_minor) }
		});
	});
}
