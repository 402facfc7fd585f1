import { sql } from 'kysely';
import { z } from 'zod';
import { RISK_CATEGORIES, RISK_KINDS, RISK_STATUSES, type IsoDate, type Programme } from '$lib/model';
import { recordAudit } from '../core/audit';
import type { Executor } from '../db/executor';
import type { Db } from '../db/connection';
import type { RiskRow } from '../db/schema';
import { ConflictError, DomainValidationError, NotFoundError } from '../core/errors';
import { checkWithinProgramme } from '../programmes/logframe';
import { todayIso } from '../core/dates';
import {
	dateField,
	enumField,
	idField,
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
// (risk-reviews.ts), and creating a risk records its first review, so the history is complete.

type Actor = { id: number };

/** 'programme', 'module:<id>', 'output:<id>' or 'activity:<id>': where the entry hangs. */
export const riskParentField = () =>
	z
		.string({ error: 'validation.required' })
		.regex(/^(programme|(module|output|activity):\d+)$/, { error: 'validation.choice' })
		.transform((v) => {
			const [kind, id] = v.split(':');
			return { kind: kind as 'programme' | 'module' | 'output' | 'activity', id: id ? Number(id) : null };
		});

/** A likelihood or an impact: a whole number from 1 to 5. */
export const scaleField = () => numberField({ min: 1, max: 5, integer: true });

/** Repeated checkboxes (`indicatorIds`) as a list of distinct ids; none ticked is an empty list. */
export const idListField = () =>
	z
		.preprocess(
			(v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]),
			z.array(idField()).max(200, { error: 'validation.invalid' })
		)
		.transform((ids) => [...new Set(ids)].sort((a, b) => a - b));

const riskFields = {
	parent: riskParentField(),
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
	indicatorIds: idListField()
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
	const none = { module_id: null, output_id: null, activity_id: null };
	if (parent.kind === 'programme' || parent.id === null) return none;
	const unknown = () => new DomainValidationError({ parent: { key: 'validation.unknownRecord' } });
	if (parent.kind === 'module') {
		const m = await db
			.selectFrom('module')
			.select('id')
			.where('id', '=', parent.id)
			.where('programme_id', '=', programmeId)
			.executeTakeFirst();
		if (!m) throw unknown();
		return { ...none, module_id: m.id };
	}
	if (parent.kind === 'output') {
		const o = await db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.select('output.id')
			.where('output.id', '=', parent.id)
			.where('module.programme_id', '=', programmeId)
			.executeTakeFirst();
		if (!o) throw unknown();
		return { ...none, output_id: o.id };
	}
	const a = await db
		.selectFrom('activity')
		.innerJoin('output', 'output.id', 'activity.output_id')
		.innerJoin('module', 'module.id', 'output.module_id')
		.select('activity.id')
		.where('activity.id', '=', parent.id)
		.where('module.programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!a) throw unknown();
	return { ...none, activity_id: a.id };
}

export interface IndicatorChoice {
	id: number;
	code: string;
	title: string;
	disaggregatedBySex: boolean;
}

/** The indicators a form may link to, in the programme's order. */
export async function listIndicatorChoices(
	db: Executor,
	programmeId: number,
	options: { disaggregatedOnly?: boolean } = {}
): Promise<IndicatorChoice[]> {
	const rows = await db
		.selectFrom('indicator')
		.select(['id', 'code', 'title', 'disaggregated_by_sex'])
		.where('programme_id', '=', programmeId)
		.$if(!!options.disaggregatedOnly, (q) => q.where('disaggregated_by_sex', '=', 1))
		.orderBy('sort_order')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ id: r.id, code: r.code, title: r.title, disaggregatedBySex: r.disaggregated_by_sex === 1 }));
}

/** Every id must be an indicator of this programme (never one of another programme). Returns them. */
export async function checkIndicatorIds(
	db: Executor,
	programmeId: number,
	ids: number[]
): Promise<{ id: number; disaggregated_by_sex: number }[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.selectFrom('indicator')
		.select(['id', 'disaggregated_by_sex'])
		.where('programme_id', '=', programmeId)
		.where('id', 'in', ids)
		.execute();
	if (rows.length !== ids.length) throw new DomainValidationError({ indicatorIds: { key: 'risks.unknownIndicator' } });
	return rows;
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
	checkWithinProgramme(programme, { [reviewField]: reviewedOn, nextReviewDate }, []);
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

async function replaceLinks(db: Executor, riskId: number, ids: number[]) {
	await db.deleteFrom('risk_indicator').where('risk_id', '=', riskId).execute();
	if (ids.length)
		await db
			.insertInto('risk_indicator')
			.values(ids.map((indicator_id) => ({ risk_id: riskId, indicator_id })))
			.execute();
}

export async function createRisk(
	db: Db,
	actor: Actor,
	programme: Programme,
	input: RiskInput,
	asOf: IsoDate = todayIso()
): Promise<number> {
	checkReviewDates(programme, input.assessedOn, input.nextReviewDate, asOf, 'assessedOn');
	return db.transaction().execute(async (trx) => {
		const parent = await resolveParent(trx, programme.id, input.parent);
		await checkCodeFree(trx, programme.id, input.code);
		await checkIndicatorIds(trx, programme.id, input.indicatorIds);
		const { id } = await trx
			.insertInto('risk')
			.values({ programme_id: programme.id, ...parent, ...columns(input), likelihood: input.likelihood, impact: input.impact })
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('risk_review')
			.values({ risk_id: id, reviewed_on: input.assessedOn, likelihood: input.likelihood, impact: input.impact, reviewer_id: actor.id })
			.execute();
		await replaceLinks(trx, id, input.indicatorIds);
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
	db: Db,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: RiskEditInput
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const before = await riskIn(trx, programme.id, id);
		const parent = await resolveParent(trx, programme.id, input.parent);
		await checkCodeFree(trx, programme.id, input.code, id);
		await checkIndicatorIds(trx, programme.id, input.indicatorIds);
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
		await replaceLinks(trx, id, input.indicatorIds);

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

export async function deleteRisk(db: Db, actor: Actor, programme: Programme, id: number, version: number): Promise<void> {
	await db.transaction().execute(async (trx) => {
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
