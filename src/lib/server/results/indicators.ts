import type { Actor } from '../core/actor';
import { sql } from 'kysely';
import { z } from 'zod';
import {
	AGGREGATIONS,
	DIRECTIONS,
	FREQUENCIES,
	INDICATOR_SOURCES,
	MEASURES,
	type Aggregation,
	type Direction,
	type Frequency,
	type Indicator,
	type IndicatorTarget,
	type Measure,
	type Programme,
	type ReportingPeriod
} from '$lib/model';
import { changedFields, recordAudit } from '../core/audit';
import { type Executor, inTransaction, onCommit } from '../db/executor';
import type { IndicatorRow, IndicatorTargetRow } from '../db/schema';
import { auditOfCascade, cascadeOf, dropEvidenceRows, impactSummary, removeEvidenceFiles, type ImpactSummary } from '../core/cascade';
import { ConflictError, DomainValidationError, type FieldErrors, ForbiddenTransitionError, NotFoundError } from '../core/errors';
import {
	checkbox,
	enumField,
	optionalDateField,
	optionalMultilineText,
	optionalNumberField,
	optionalText,
	text,
	versionField
} from '../core/validation';
import { assertSaved } from '../core/versioning';
import { fallingMilestones, splitExceedsTotal } from '$lib/milestone-rules';
import { logframeParentField, resolveLogframeParent } from '../programmes/logframe-parent';

// Indicators and their reference sheet (design §2), and their targets per period. A change of
// baseline or target needs a reason, which the audit log keeps and the indicator history shows.

export function toIndicator(row: IndicatorRow): Indicator {
	return {
		id: row.id,
		programmeId: row.programme_id,
		moduleId: row.module_id,
		outputId: row.output_id,
		level: row.output_id ? 'output' : row.module_id ? 'module' : 'programme',
		code: row.code,
		title: row.title,
		definition: row.definition,
		unit: row.unit,
		measure: row.measure as Measure,
		direction: row.direction as Direction,
		aggregation: row.aggregation as Aggregation,
		baselineValue: row.baseline_value,
		baselineDate: row.baseline_date,
		baselineNote: row.baseline_note,
		targetValue: row.target_value,
		meansOfVerification: row.means_of_verification,
		frequency: row.frequency as Frequency,
		responsible: row.responsible,
		disaggregatedBySex: row.disaggregated_by_sex === 1,
		sdgTarget: row.sdg_target,
		iloOutcome: row.ilo_outcome,
		euLogframeCode: row.eu_logframe_code,
		isKey: row.is_key === 1,
		decimals: row.decimals,
		sortOrder: row.sort_order,
		source: row.source,
		version: row.version
	};
}

export function toTarget(row: IndicatorTargetRow): IndicatorTarget {
	return {
		id: row.id,
		indicatorId: row.indicator_id,
		periodId: row.period_id,
		value: row.value,
		women: row.women,
		men: row.men,
		version: row.version
	};
}

// ---- the reference-sheet form ------------------------------------------------------------------

/**
 * The reference sheet's rules. `blankTargetKept`: a figure indicator that has no end target yet
 * (a seeded or older one) may keep its blank in the logframe import, so a workbook exported and
 * read back unchanged passes; the form and new rows still ask for the target.
 */
function indicatorSchemaOf(blankTargetKept: boolean) {
	return z
		.object({
			parent: logframeParentField(['programme', 'module', 'output']),
			code: text(20),
			title: text(500),
			definition: optionalMultilineText(4000),
			unit: optionalText(60),
			measure: enumField(MEASURES),
			direction: enumField(DIRECTIONS),
			aggregation: enumField(AGGREGATIONS),
			baselineValue: optionalNumberField(),
			baselineDate: optionalDateField(),
			baselineNote: optionalMultilineText(1000),
			targetValue: optionalNumberField(),
			meansOfVerification: optionalMultilineText(1000),
			frequency: enumField(FREQUENCIES),
			responsible: optionalText(200),
			disaggregatedBySex: checkbox(),
			sdgTarget: optionalText(40),
			iloOutcome: optionalText(120),
			euLogframeCode: optionalText(40),
			isKey: checkbox(),
			decimals: optionalNumberField({ min: 0, max: 4, integer: true }),
			source: enumField(INDICATOR_SOURCES).default('manual'),
			reason: optionalMultilineText(1000)
		})
		.superRefine((v, ctx) => {
			if (v.measure === 'percentage') {
				for (const field of ['baselineValue', 'targetValue'] as const) {
					const n = v[field];
					if (n !== null && (n < 0 || n > 100)) ctx.addIssue({ code: 'custom', path: [field], message: 'validation.percentageMax' });
				}
			}
			if ((v.measure === 'number' || v.measure === 'percentage') && v.targetValue === null && !blankTargetKept) {
				ctx.addIssue({ code: 'custom', path: ['targetValue'], message: 'indicator.targetNeeded' });
			}
		})
		.transform((v) => {
			// Counted from the tracker: a number as of each period's end, never split by sex.
			if (v.source === 'recommendations_adopted') {
				return {
					...v,
					measure: 'number' as const,
					aggregation: 'latest' as const,
					direction: 'increase' as const,
					disaggregatedBySex: false
				};
			}
			// A milestone is yes/no: baseline 0, target 1. A qualitative indicator has no figures.
			if (v.measure === 'milestone')
				return { ...v, baselineValue: 0, targetValue: 1, direction: 'increase' as const, aggregation: 'latest' as const };
			if (v.measure === 'qualitative') return { ...v, baselineValue: null, targetValue: null, aggregation: 'latest' as const };
			return v;
		});
}
export const indicatorSchema = indicatorSchemaOf(false);
export const indicatorSchemaKeepingBlankTarget = indicatorSchemaOf(true);
export type IndicatorInput = z.output<typeof indicatorSchema>;
export const indicatorEditSchema = indicatorSchema.and(z.object({ version: versionField() }));

export async function indicatorIn(db: Executor, programmeId: number, id: number): Promise<IndicatorRow> {
	const row = await db.selectFrom('indicator').selectAll().where('id', '=', id).where('programme_id', '=', programmeId).executeTakeFirst();
	if (!row) throw new NotFoundError('indicator', id);
	return row;
}

/** The chosen parent as module/output ids (an output's module too), checked to belong to the programme. */
async function resolveParent(db: Executor, programmeId: number, parent: IndicatorInput['parent']) {
	const { moduleId, outputId } = await resolveLogframeParent(db, programmeId, parent);
	return { module_id: moduleId, output_id: outputId };
}

async function checkCodeFree(db: Executor, programmeId: number, code: string, exceptId?: number) {
	let q = db.selectFrom('indicator').select('id').where('programme_id', '=', programmeId).where('code', '=', code);
	if (exceptId) q = q.where('id', '!=', exceptId);
	if (await q.executeTakeFirst()) throw new DomainValidationError({ code: { key: 'indicator.codeTaken' } });
}

function columns(input: IndicatorInput) {
	return {
		code: input.code,
		title: input.title,
		definition: input.definition,
		unit: input.unit,
		measure: input.measure,
		direction: input.direction,
		aggregation: input.aggregation,
		baseline_value: input.baselineValue,
		baseline_date: input.baselineDate,
		baseline_note: input.baselineNote,
		target_value: input.targetValue,
		means_of_verification: input.meansOfVerification,
		frequency: input.frequency,
		responsible: input.responsible,
		disaggregated_by_sex: input.disaggregatedBySex ? 1 : 0,
		sdg_target: input.sdgTarget,
		ilo_outcome: input.iloOutcome,
		eu_logframe_code: input.euLogframeCode,
		is_key: input.isKey ? 1 : 0,
		decimals: input.decimals ?? (input.measure === 'percentage' ? 1 : 0),
		source: input.source
	};
}

export async function createIndicator(db: Executor, actor: Actor, programme: Programme, input: IndicatorInput): Promise<number> {
	return inTransaction(db, async (trx) => {
		const parent = await resolveParent(trx, programme.id, input.parent);
		await checkCodeFree(trx, programme.id, input.code);
		const max = await trx
			.selectFrom('indicator')
			.select((eb) => eb.fn.max<number | null>('sort_order').as('max'))
			.where('programme_id', '=', programme.id)
			.executeTakeFirst();
		const { id } = await trx
			.insertInto('indicator')
			.values({ programme_id: programme.id, ...parent, ...columns(input), sort_order: (max?.max ?? -1) + 1 })
			.returning('id')
			.executeTakeFirstOrThrow();
		const { reason: _reason, parent: _parent, ...after } = input;
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'indicator',
			entityId: id,
			action: 'create',
			after: { ...after, ...parent }
		});
		return id;
	});
}

const BASELINE_OR_TARGET = ['baselineValue', 'baselineDate', 'targetValue'] as const;

export async function updateIndicator(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: IndicatorInput
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = toIndicator(await indicatorIn(trx, programme.id, id));
		const parent = await resolveParent(trx, programme.id, input.parent);
		await checkCodeFree(trx, programme.id, input.code, id);
		const touchesBaselineOrTarget = BASELINE_OR_TARGET.some((f) => before[f] !== input[f]);
		if (touchesBaselineOrTarget && !input.reason) throw new DomainValidationError({ reason: { key: 'validation.reasonRequired' } });
		const result = await trx
			.updateTable('indicator')
			.set({ ...parent, ...columns(input), updated_at: new Date().toISOString(), version: sql`version + 1` })
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'indicator', id);
		const { reason, parent: _parent, ...fields } = input;
		const diff = changedFields(before, {
			...fields,
			decimals: columns(input).decimals,
			moduleId: parent.module_id,
			outputId: parent.output_id
		});
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'indicator',
			entityId: id,
			action: 'update',
			...diff,
			reason: reason || null
		});
	});
}

export async function indicatorDeletionImpact(db: Executor, programmeId: number, id: number): Promise<ImpactSummary> {
	await indicatorIn(db, programmeId, id);
	return impactSummary(await cascadeOf(db, { indicatorIds: [id] }));
}

/** Deletes an indicator with its targets and values; refused while it has values in a locked period. */
export async function deleteIndicator(db: Executor, actor: Actor, programme: Programme, id: number, version: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = toIndicator(await indicatorIn(trx, programme.id, id));
		if (before.version !== version) throw new ConflictError('indicator', id);
		const cascade = await cascadeOf(trx, { indicatorIds: [id] });
		if (cascade.lockedValues > 0) throw new ForbiddenTransitionError('logframe.lockedData');
		await dropEvidenceRows(trx, cascade);
		await trx.deleteFrom('indicator').where('id', '=', id).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'indicator',
			entityId: id,
			action: 'delete',
			before: { ...before, ...auditOfCascade(cascade) }
		});
		// The files go only once the outermost transaction commits: a rollback keeps them.
		await onCommit(trx, () => removeEvidenceFiles(cascade));
		return cascade;
	});
}

// ---- targets per period ------------------------------------------------------------------------

export function listTargets(db: Executor, indicatorId: number): Promise<IndicatorTargetRow[]> {
	return db.selectFrom('indicator_target').selectAll().where('indicator_id', '=', indicatorId).execute();
}

export interface TargetInput {
	periodId: number;
	value: number | null;
	women: number | null;
	men: number | null;
}

/** One field trio per period (target_<id>, women_<id>, men_<id>), read into TargetInput rows. */
export function targetsSchema(periods: ReportingPeriod[], measure: Measure) {
	const bounds = measure === 'percentage' ? { min: 0, max: 100 } : measure === 'milestone' ? { min: 0, max: 1 } : {};
	const shape: Record<string, z.ZodType> = {
		version: versionField(),
		reason: optionalMultilineText(1000),
		confirmFalling: z.literal('1').optional().catch(undefined)
	};
	for (const p of periods) {
		shape[`target_${p.id}`] = optionalNumberField(bounds);
		// Women and men are counts of people: never below zero, whatever the measure allows.
		shape[`women_${p.id}`] = optionalNumberField({ min: 0, ...bounds });
		shape[`men_${p.id}`] = optionalNumberField({ min: 0, ...bounds });
	}
	return z.object(shape).transform((v) => ({
		version: v.version as number,
		reason: v.reason as string,
		confirmFalling: v.confirmFalling === '1',
		rows: periods.map((p): TargetInput => ({
			periodId: p.id,
			value: v[`target_${p.id}`] as number | null,
			women: v[`women_${p.id}`] as number | null,
			men: v[`men_${p.id}`] as number | null
		}))
	}));
}

/**
 * Replaces the indicator's period targets. Saving bumps the indicator's version, so two people
 * editing the same indicator's targets cannot overwrite each other. Changing or removing an
 * existing target needs a reason.
 */
export async function setTargets(
	db: Executor,
	actor: Actor,
	programme: Programme,
	indicatorId: number,
	version: number,
	rows: TargetInput[],
	reason: string,
	/** The form's answer to "these running totals fall: save them anyway?" (issue 22); unset elsewhere. */
	milestones: { confirmFalling?: boolean; checkFalling?: boolean } = {}
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const indicator = toIndicator(await indicatorIn(trx, programme.id, indicatorId));
		const periodRows = await trx
			.selectFrom('reporting_period')
			.select(['id', 'locked', 'start_date'])
			.where('programme_id', '=', programme.id)
			.execute();
		const periodIds = new Set(periodRows.map((p) => p.id));
		const lockedIds = new Set(periodRows.filter((p) => p.locked === 1).map((p) => p.id));
		const existing = new Map(
			(await trx.selectFrom('indicator_target').selectAll().where('indicator_id', '=', indicatorId).execute()).map((t) => [t.period_id, t])
		);
		const fields: FieldErrors = {};
		for (const row of rows) {
			if (!periodIds.has(row.periodId)) throw new NotFoundError('reporting_period', row.periodId);
			if (row.value === null && (row.women !== null || row.men !== null)) fields[`target_${row.periodId}`] = { key: 'validation.required' };
			// Women and men of a milestone are checked like a value's (milestone-rules.ts).
			const sum = splitExceedsTotal(indicator.measure, row);
			if (sum !== null) fields[`women_${row.periodId}`] = { key: 'milestone.splitExceeds', params: { total: row.value!, sum } };
		}
		if (milestones.checkFalling && !milestones.confirmFalling) {
			const startOf = new Map(periodRows.map((p) => [p.id, p.start_date]));
			const falling = fallingMilestones(
				indicator,
				rows.map((r) => ({ periodId: r.periodId, startDate: startOf.get(r.periodId) ?? '', value: r.value }))
			);
			for (const periodId of falling) fields[`target_${periodId}`] = { key: 'milestone.falling' };
			if (falling.length) fields.confirmFalling = { key: 'milestone.confirmFallingNeeded' };
		}
		if (Object.keys(fields).length) throw new DomainValidationError(fields);

		const changes: { period: number; before: unknown; after: unknown }[] = [];
		let altersExisting = false;
		for (const row of rows) {
			const old = existing.get(row.periodId);
			const same = old && old.value === row.value && old.women === row.women && old.men === row.men;
			if (same || (!old && row.value === null)) continue;
			// A period whose report was issued keeps its targets until an admin reopens it.
			if (lockedIds.has(row.periodId)) throw new DomainValidationError({ [`target_${row.periodId}`]: { key: 'periods.locked' } });
			if (old) altersExisting = true;
			changes.push({
				period: row.periodId,
				before: old ? { value: old.value, women: old.women, men: old.men } : null,
				after: row.value === null ? null : { value: row.value, women: row.women, men: row.men }
			});
		}
		if (altersExisting && !reason) throw new DomainValidationError({ reason: { key: 'validation.reasonRequired' } });

		const result = await trx
			.updateTable('indicator')
			.set({ version: sql`version + 1`, updated_at: new Date().toISOString() })
			.where('id', '=', indicatorId)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'indicator', indicatorId);
		if (changes.length === 0) return;

		for (const row of rows) {
			if (row.value === null) {
				await trx.deleteFrom('indicator_target').where('indicator_id', '=', indicatorId).where('period_id', '=', row.periodId).execute();
			} else {
				await trx
					.insertInto('indicator_target')
					.values({ indicator_id: indicatorId, period_id: row.periodId, value: row.value, women: row.women, men: row.men })
					.onConflict((oc) =>
						oc
							.columns(['indicator_id', 'period_id'])
							.doUpdateSet({ value: row.value!, women: row.women, men: row.men, version: sql`indicator_target.version + 1` })
					)
					.execute();
			}
		}
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'indicator',
			entityId: indicatorId,
			action: 'set_targets',
			before: Object.fromEntries(changes.map((c) => [c.period, c.before])),
			after: Object.fromEntries(changes.map((c) => [c.period, c.after])),
			reason: reason || null
		});
	});
}

// ---- choices for the forms of other domains (risks and gender actions link to indicators) ----------

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
