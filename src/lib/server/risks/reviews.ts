import type { Actor } from '../core/actor';
import { sql } from 'kysely';
import { z } from 'zod';
import { ASSUMPTION_RESULTS, type IsoDate, type Programme } from '$lib/model';
import { recordAudit } from '../core/audit';
import { DomainValidationError } from '../core/errors';
import { todayIso } from '../core/dates';
import { checkReviewDates, riskIn, scaleField } from './risks';
import { dateField, enumField, idField, optionalDateField, optionalMultilineText, versionField } from '../core/validation';
import { assertSaved } from '../core/versioning';
import { type Executor, inTransaction } from '../db/executor';

// Re-assessing an entry (a review: date, likelihood, impact, note, by whom) and the periodic check
// of an assumption. Both bump the entry's version, so two people working on the same entry at the
// same time cannot overwrite each other: the second is told to reload.

export const reviewSchema = z.object({
	version: versionField(),
	reviewedOn: dateField(),
	likelihood: scaleField(),
	impact: scaleField(),
	note: optionalMultilineText(2000),
	nextReviewDate: optionalDateField()
});
export type ReviewInput = Omit<z.output<typeof reviewSchema>, 'version'>;

export const assumptionCheckSchema = z.object({
	version: versionField(),
	periodId: idField(),
	result: enumField(ASSUMPTION_RESULTS),
	note: optionalMultilineText(2000)
});
export type AssumptionCheckInput = Omit<z.output<typeof assumptionCheckSchema>, 'version'>;

/**
 * Records a review and makes its likelihood and impact the entry's current ones. A review may not
 * be dated before the latest one: the current values are always those of the latest review.
 */
export async function reviewRisk(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: ReviewInput,
	asOf: IsoDate = todayIso()
): Promise<void> {
	checkReviewDates(programme, input.reviewedOn, input.nextReviewDate, asOf, 'reviewedOn');
	await inTransaction(db, async (trx) => {
		const before = await riskIn(trx, programme.id, id);
		const last = await trx
			.selectFrom('risk_review')
			.select((eb) => eb.fn.max('reviewed_on').as('on'))
			.where('risk_id', '=', id)
			.executeTakeFirst();
		if (last?.on && input.reviewedOn < last.on) {
			throw new DomainValidationError({ reviewedOn: { key: 'risks.reviewBeforeLast', params: { date: last.on } } });
		}
		const result = await trx
			.updateTable('risk')
			.set({
				likelihood: input.likelihood,
				impact: input.impact,
				next_review_date: input.nextReviewDate,
				updated_at: new Date().toISOString(),
				version: sql`version + 1`
			})
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'risk', id);
		const { id: reviewId } = await trx
			.insertInto('risk_review')
			.values({
				risk_id: id,
				reviewed_on: input.reviewedOn,
				likelihood: input.likelihood,
				impact: input.impact,
				note: input.note,
				reviewer_id: actor.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'risk',
			entityId: id,
			action: 'review',
			before: { likelihood: before.likelihood, impact: before.impact, nextReviewDate: before.next_review_date },
			after: { reviewId, ...input }
		});
	});
}

/**
 * One check per assumption and reporting period: a second check of the same period replaces the
 * first (the audit log keeps both). Only periods that have started and are not locked.
 */
export async function checkAssumption(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: AssumptionCheckInput,
	asOf: IsoDate = todayIso()
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const risk = await riskIn(trx, programme.id, id);
		if (risk.kind !== 'assumption') throw new DomainValidationError({ result: { key: 'risks.notAnAssumption' } });
		const period = await trx
			.selectFrom('reporting_period')
			.selectAll()
			.where('id', '=', input.periodId)
			.where('programme_id', '=', programme.id)
			.executeTakeFirst();
		if (!period) throw new DomainValidationError({ periodId: { key: 'validation.unknownRecord' } });
		if (period.locked) throw new DomainValidationError({ periodId: { key: 'risks.periodLocked' } });
		if (period.start_date > asOf) throw new DomainValidationError({ periodId: { key: 'risks.periodNotStarted' } });

		const result = await trx
			.updateTable('risk')
			.set({ updated_at: new Date().toISOString(), version: sql`version + 1` })
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'risk', id);
		const previous = await trx
			.selectFrom('assumption_check')
			.select(['result', 'note', 'checked_by', 'checked_at'])
			.where('risk_id', '=', id)
			.where('period_id', '=', period.id)
			.executeTakeFirst();
		const checkedAt = new Date().toISOString();
		await trx
			.insertInto('assumption_check')
			.values({ risk_id: id, period_id: period.id, result: input.result, note: input.note, checked_by: actor.id, checked_at: checkedAt })
			.onConflict((oc) =>
				oc
					.columns(['risk_id', 'period_id'])
					.doUpdateSet({ result: input.result, note: input.note, checked_by: actor.id, checked_at: checkedAt })
			)
			.execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'risk',
			entityId: id,
			action: 'assumption_check',
			before: previous ? { period: period.label, ...previous } : null,
			after: { period: period.label, result: input.result, note: input.note }
		});
	});
}
