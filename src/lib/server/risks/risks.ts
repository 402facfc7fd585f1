import type { Actor } from '../core/actor';
import { sql } from 'kysely';
import { z } from 'zod';
import { RISK_CATEGORIES, RISK_KINDS, RISK_STATUSES, type IsoDate, type Programme } from '$lib/model';
import { recordAudit } from '../core/audit';
import { type Executor, inTransaction } from '../db/executor';
import type { RiskRow } from '../db/schema';
import { ConflictError, DomainValidationError, NotFoundError } from '../core/errors';
import { checkWithinProgramme, todayIso } from '../core/dates';
import { replaceLinks, requireOwned } from '../core/links';
import { logframeParentField, resolveLogframeParent } from '../programmes/logframe-parent';
import {
	dateField,
	enumField,
	idListField,
	numberField,
	optionalDateField,
	optionalMultilineText,
	optionalText,
	text,
	versionField
} from '../core/validation';
import { assertSaved } from '../core/versioning';

// The risks-and-assumptions register (design §2 "risk"): creating, editing and deleting entries.
// Likelihood and impact are never edited directly: they are those of the latest review
// (reviews.ts), and creating a risk records its first review, so the history is complete.

/** A likelihood or an impact: a whole number from 1 to 5. */
export const scaleField = () => numberField({ min: 1, max: 5, integer: true });

const riskFields = {
	parent: logframeParentField(['programme', 'module', 'output', 'activity']),
	kind: enumField(RISK_KINDS),
	code: optionalText(20),
	title: text(300),
	description: optionalMultilineText(4000),
	category: enumField(RISK_CATEGORIES),
	mitigation: optionalMultilineText(4000),
	contingency: optionalMultilineText(4000),
	owner: optionalText(200),
	status: enumField(RISK_STATUSES),
	nextReviewDate: optionalDateField(),
	internalNotes: optionalMultilineText(4000),
	indicatorIds: idListField(200)
};

/** A new entry carries its first assessment: the likelihood, impact and date it was assessed on. */
export const riskCreateSchema = z.object({ ...riskFields, likelihood: scaleField(), impact: scaleField(), assessedOn: dateField() });
export const riskEditSchema = z.object({ ...riskFields, version: versionField() });
export type RiskInput = z.output<typeof riskCreateSchema>;
export type RiskEditInput = Omit<z.output<typeof riskEditSchema>, 'version'>;

export async function riskIn(db: Executor, programmeId: number, id: number): Promise<RiskRow> {
	const row = await db.selectFrom('risk').selectAll().where('id', '=', id).where('programme_id', '=', programmeId).executeTakeFirst();
	if (!row) throw new NotFoundError('risk', id);
	return row;
}

/**
 * Only the most specific level is stored; the module and output above an activity are read
 * through the logframe, so moving an output or an activity never leaves a risk pointing astray.
 */
async function resolveParent(db: Executor, programmeId: number, parent: RiskInput['parent']) {
	const resolved = await resolveLogframeParent(db, programmeId, parent);
	return {
		module_id: resolved.kind === 'module' ? resolved.moduleId : null,
		output_id: resolved.kind === 'output' ? resolved.outputId : null,
		activity_id: resolved.activityId
	};
}

async function checkCodeFree(db: Executor, programmeId: number, code: string, exceptId?: number) {
	if (!code) return;
	let q = db.selectFrom('risk').select('id').where('programme_id', '=', programmeId).where('code', '=', code);
	if (exceptId) q = q.where('id', '!=', exceptId);
	if (await q.executeTakeFirst()) throw new DomainValidationError({ code: { key: 'risks.codeTaken' } });
}

/** A review (or first assessment) date: inside the programme and not in the future. */
export function checkReviewDates(
	programme: Programme,
	reviewedOn: IsoDate,
	nextReviewDate: IsoDate | null,
	asOf: IsoDate,
	reviewField: string
) {
	// A closing review (issue 22): once the programme has ended, its risks may be reviewed on its
	// last day or after it (never in the future), so the register can be closed properly.
	const closing = asOf > programme.effectiveEndDate && reviewedOn > programme.effectiveEndDate;
	checkWithinProgramme(programme, { [reviewField]: closing ? null : reviewedOn, nextReviewDate: closing ? null : nextReviewDate }, []);
	if (reviewedOn > asOf) throw new DomainValidationError({ [reviewField]: { key: 'risks.reviewInFuture' } });
	if (nextReviewDate && nextReviewDate < reviewedOn)
		throw new DomainValidationError({ nextReviewDate: { key: 'risks.nextBeforeReview', params: { date: reviewedOn } } });
}

function columns(input: RiskEditInput) {
	return {
		kind: input.kind,
		code: input.code,
		title: input.title,
		description: input.description,
		category: input.category,
		mitigation: input.mitigation,
		contingency: input.contingency,
		owner: input.owner,
		status: input.status,
		next_review_date: input.nextReviewDate,
		internal_notes: input.internalNotes
	};
}

export async function createRisk(
	db: Executor,
	actor: Actor,
	programme: Programme,
	input: RiskInput,
	asOf: IsoDate = todayIso()
): Promise<number> {
	checkReviewDates(programme, input.assessedOn, input.nextReviewDate, asOf, 'assessedOn');
	return inTransaction(db, async (trx) => {
		const parent = await resolveParent(trx, programme.id, input.parent);
		await checkCodeFree(trx, programme.id, input.code);
		await requireOwned(trx, programme.id, 'indicator', input.indicatorIds, 'indicatorIds', 'risks.unknownIndicator');
		const { id } = await trx
			.insertInto('risk')
			.values({ programme_id: programme.id, ...parent, ...columns(input), likelihood: input.likelihood, impact: input.impact })
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('risk_review')
			.values({ risk_id: id, reviewed_on: input.assessedOn, likelihood: input.likelihood, impact: input.impact, reviewer_id: actor.id })
			.execute();
		await replaceLinks(trx, 'risk_indicator', id, input.indicatorIds);
		const { parent: _parent, ...after } = input;
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'risk',
			entityId: id,
			action: 'create',
			after: { ...after, ...parent }
		});
		return id;
	});
}

export async function updateRisk(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: RiskEditInput
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = await riskIn(trx, programme.id, id);
		const parent = await resolveParent(trx, programme.id, input.parent);
		await checkCodeFree(trx, programme.id, input.code, id);
		await requireOwned(trx, programme.id, 'indicator', input.indicatorIds, 'indicatorIds', 'risks.unknownIndicator');
		checkWithinProgramme(programme, { nextReviewDate: input.nextReviewDate }, []);
		const last = await trx
			.selectFrom('risk_review')
			.select((eb) => eb.fn.max('reviewed_on').as('on'))
			.where('risk_id', '=', id)
			.executeTakeFirst();
		if (input.nextReviewDate && last?.on && input.nextReviewDate < last.on) {
			throw new DomainValidationError({ nextReviewDate: { key: 'risks.nextBeforeReview', params: { date: last.on } } });
		}
		const result = await trx
			.updateTable('risk')
			.set({ ...parent, ...columns(input), updated_at: new Date().toISOString(), version: sql`version + 1` })
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'risk', id);
		const linkedBefore = (
			await trx.selectFrom('risk_indicator').select('indicator_id').where('risk_id', '=', id).orderBy('indicator_id').execute()
		).map((r) => r.indicator_id);
		await replaceLinks(trx, 'risk_indicator', id, input.indicatorIds);

		// Only what changed (the links as a sorted id list), so the trail stays readable.
		const old: Record<string, unknown> = { ...before, indicatorIds: linkedBefore.join(',') };
		const now: Record<string, unknown> = { ...columns(input), ...parent, indicatorIds: input.indicatorIds.join(',') };
		const changed = Object.keys(now).filter((k) => old[k] !== now[k]);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'risk',
			entityId: id,
			action: 'update',
			before: Object.fromEntries(changed.map((k) => [k, old[k]])),
			after: Object.fromEntries(changed.map((k) => [k, now[k]]))
		});
	});
}

export interface RiskDeletionImpact {
	reviews: number;
	checks: number;
	indicators: number;
	recommendations: number;
}

/** What goes with an entry when it is deleted (shown before confirming). */
export async function riskDeletionImpact(db: Executor, programmeId: number, id: number): Promise<RiskDeletionImpact> {
	await riskIn(db, programmeId, id);
	const row = await db
		.selectNoFrom((eb) => [
			eb.selectFrom('risk_review').select(eb.fn.countAll<number>().as('n')).where('risk_id', '=', id).as('reviews'),
			eb.selectFrom('assumption_check').select(eb.fn.countAll<number>().as('n')).where('risk_id', '=', id).as('checks'),
			eb.selectFrom('risk_indicator').select(eb.fn.countAll<number>().as('n')).where('risk_id', '=', id).as('indicators'),
			eb.selectFrom('recommendation_risk').select(eb.fn.countAll<number>().as('n')).where('risk_id', '=', id).as('recommendations')
		])
		.executeTakeFirstOrThrow();
	return { reviews: row.reviews ?? 0, checks: row.checks ?? 0, indicators: row.indicators ?? 0, recommendations: row.recommendations ?? 0 };
}

export async function deleteRisk(db: Executor, actor: Actor, programme: Programme, id: number, version: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = await riskIn(trx, programme.id, id);
		if (before.version !== version) throw new ConflictError('risk', id);
		const impact = await riskDeletionImpact(trx, programme.id, id);
		await trx.deleteFrom('risk').where('id', '=', id).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'risk',
			entityId: id,
			action: 'delete',
			before: { ...before, impact }
		});
	});
}
