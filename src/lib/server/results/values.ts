import type { Actor } from '../core/actor';
import { sql } from 'kysely';
import { z } from 'zod';
import { narrativeDueStatus } from '$lib/narrative-rule';
import { isOpenValueState, OPEN_VALUE_STATES, type Indicator, type IndicatorValue, type Programme } from '$lib/model';
import { recordAudit } from '../core/audit';
import { saveTranslations } from '../core/translations';
import { type Executor, inTransaction } from '../db/executor';
import { discardUpload, recordAttachment, storeUpload, type StoredUpload } from '../core/attachments';
import type { IndicatorValueRow } from '../db/schema';
import { ConflictError, DomainValidationError, ForbiddenTransitionError, NotFoundError } from '../core/errors';
import { indicatorIn, toIndicator } from './indicators';
import { periodIn } from '../programmes/periods';
import { toPeriod } from '../programmes/programmes';
import {
	idField,
	multilineText,
	numberField,
	optionalMultilineText,
	optionalNumberField,
	optionalUrlField,
	translationText,
	versionField
} from '../core/validation';
import { assertSaved } from '../core/versioning';
import { notifyValueTransition } from '../notifications/events';
import { translationLanguage } from '$lib/content-language';

// Period values and their review workflow (design §2):
//   draft → submitted → approved, or submitted → returned (with a note) → draft.
// Whoever entered or submitted a value never approves or returns it (four eyes). Approved values
// are locked; a correction is a new value with a reason that supersedes the old one when approved.

export function toValue(row: IndicatorValueRow & { entered_by_name?: string | null; reviewed_by_name?: string | null }): IndicatorValue {
	return {
		id: row.id,
		indicatorId: row.indicator_id,
		periodId: row.period_id,
		value: row.value,
		women: row.women,
		men: row.men,
		notStated: row.not_stated,
		narrative: row.narrative,
		evidenceUrl: row.evidence_url,
		status: row.status,
		returnNote: row.return_note,
		correctsId: row.corrects_id,
		correctionReason: row.correction_reason,
		enteredBy: row.entered_by,
		enteredByName: row.entered_by_name ?? null,
		enteredAt: row.entered_at,
		submittedBy: row.submitted_by,
		submittedAt: row.submitted_at,
		reviewedBy: row.reviewed_by,
		reviewedByName: row.reviewed_by_name ?? null,
		reviewedAt: row.reviewed_at,
		isIllustrative: row.is_illustrative === 1,
		version: row.version
	};
}

// ---- the value form ----------------------------------------------------------------------------

/** An optional upload: browsers send an empty part when no file is chosen, API clients send nothing. */
const file = () =>
	z
		.unknown()
		.optional()
		.transform((v) => (v instanceof File && v.size > 0 ? v : null));

/** A field this indicator does not use (e.g. women/men when it is not disaggregated): always null. */
const unused = () =>
	z
		.unknown()
		.optional()
		.transform(() => null);

/** The value form adapts to the indicator: a number, a percentage, yes/no or a text; women/men when disaggregated. */
export function valueSchema(indicator: Pick<Indicator, 'measure' | 'disaggregatedBySex'>) {
	const max = indicator.measure === 'percentage' ? 100 : undefined;
	const figure = () => numberField({ min: 0, max });
	const total =
		indicator.measure === 'milestone'
			? z.enum(['1', '0'], { error: 'value.milestoneChoice' }).transform(Number)
			: indicator.measure === 'qualitative'
				? unused()
				: figure();
	const bySex = indicator.disaggregatedBySex && (indicator.measure === 'number' || indicator.measure === 'percentage');
	return z
		.object({
			periodId: idField(),
			value: total,
			women: bySex ? figure() : unused(),
			men: bySex ? figure() : unused(),
			notStated: bySex ? optionalNumberField({ min: 0, max }) : unused(),
			narrative: indicator.measure === 'qualitative' ? multilineText(4000) : optionalMultilineText(4000),
			// The narrative in the programme's other language (issue 19: reports print it, not "(es)").
			narrativeTranslation: translationText(4000, true),
			evidenceUrl: optionalUrlField(),
			evidenceFile: file(),
			correctionReason: optionalMultilineText(1000),
			intent: z.enum(['draft', 'submit']).default('draft'),
			valueVersion: z.preprocess((v) => (v === '' ? undefined : v), versionField().optional())
		})
		.superRefine((v, ctx) => {
			// Counts add up; rates do not (a women's rate and a men's rate do not sum to the total rate).
			if (bySex && indicator.measure === 'number' && v.value !== null && v.women !== null && v.men !== null) {
				const sum = v.women + v.men + (v.notStated ?? 0);
				if (Math.abs(sum - v.value) > 1e-9) {
					ctx.addIssue({ code: 'custom', path: ['value'], message: 'value.sumMismatch', params: { total: v.value, sum } });
				}
			}
		});
}
export type ValueInput = z.output<ReturnType<typeof valueSchema>>;

export const reviewSchema = z.object({ valueId: idField(), valueVersion: versionField() });
export const returnSchema = reviewSchema.extend({ note: multilineText(2000) });
export const commentSchema = z.object({ valueId: idField(), body: multilineText(4000) });

// ---- lookups -----------------------------------------------------------------------------------

async function valueIn(db: Executor, programmeId: number, valueId: number) {
	const row = await db
		.selectFrom('indicator_value')
		.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
		.selectAll('indicator_value')
		.where('indicator_value.id', '=', valueId)
		.where('indicator.programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('indicator_value', valueId);
	return row;
}

async function openPeriod(db: Executor, programmeId: number, periodId: number, field: string) {
	const period = await periodIn(db, programmeId, periodId).catch(() => {
		throw new DomainValidationError({ [field]: { key: 'value.periodOutside' } });
	});
	if (period.locked) throw new DomainValidationError({ [field]: { key: 'value.periodLocked' } });
	return toPeriod(period);
}

/** What a period's value rows are when a new figure arrives: the one in progress and the approved one. */
export interface ValueSlot {
	open: IndicatorValueRow | undefined;
	approved: IndicatorValueRow | undefined;
}

export function slotOf(rows: readonly IndicatorValueRow[]): ValueSlot {
	return { open: rows.find((v) => isOpenValueState(v.status)), approved: rows.find((v) => v.status === 'approved') };
}

/**
 * The rules a new figure meets once its form has parsed, against the period's current values:
 * the indicator takes values by hand, the form edits the value it loaded (else a conflict), a
 * submitted value waits for its review, and a figure for an approved period is a correction with
 * a reason. Throws as saveValue does; the import asks the same of every row.
 */
export function checkValueSlot(
	indicator: Pick<Indicator, 'source'>,
	slot: ValueSlot,
	input: Pick<ValueInput, 'correctionReason' | 'valueVersion'>
): void {
	if (indicator.source !== 'manual') throw new ForbiddenTransitionError('indicator.derivedNoValues');
	const { open, approved } = slot;
	// The form says which value it was editing; anything else means someone got there first.
	if (open ? input.valueVersion !== open.version : input.valueVersion !== undefined) {
		throw new ConflictError('indicator_value', open?.id ?? 0);
	}
	if (open?.status === 'submitted') throw new ForbiddenTransitionError('value.locked');
	if (approved && !open && !input.correctionReason) {
		throw new DomainValidationError({ correctionReason: { key: 'value.correctionReasonRequired' } });
	}
}

/** What the status-and-narrative rule needs about an indicator, loaded once. */
export interface NarrativeContext {
	periods: { id: number; startDate: string; endDate: string }[];
	targets: Map<number, number>;
	approved: Map<number, number | null>;
}

/** The status the period would get with `value` approved, when that status asks for a narrative; else null. */
export function narrativeDueFor(
	programme: Programme,
	indicator: Indicator,
	context: NarrativeContext,
	periodId: number,
	value: number | null,
	narrative: string
): string | null {
	return narrativeDueStatus(programme, indicator, context.periods, context.targets, context.approved, periodId, value, narrative);
}

export function narrativeError(status: string): DomainValidationError {
	return new DomainValidationError({ narrative: { key: 'value.narrativeRequired', params: { status: `status.${status}` } } });
}

/** The status the period would get with `value` approved; a narrative is due if it is a bad one. */
async function requireNarrativeIfNeeded(
	db: Executor,
	programme: Programme,
	indicator: Indicator,
	periodId: number,
	value: number | null,
	narrative: string
) {
	if (narrative.trim() || indicator.measure === 'qualitative') return;
	const [periods, targets, approved] = await Promise.all([
		db.selectFrom('reporting_period').select(['id', 'start_date', 'end_date']).where('programme_id', '=', programme.id).execute(),
		db.selectFrom('indicator_target').select(['period_id', 'value']).where('indicator_id', '=', indicator.id).execute(),
		db
			.selectFrom('indicator_value')
			.select(['period_id', 'value'])
			.where('indicator_id', '=', indicator.id)
			.where('status', '=', 'approved')
			.execute()
	]);
	const context: NarrativeContext = {
		periods: periods.map((p) => ({ id: p.id, startDate: p.start_date, endDate: p.end_date })),
		targets: new Map(targets.map((t) => [t.period_id, t.value])),
		approved: new Map(approved.map((a) => [a.period_id, a.value]))
	};
	const status = narrativeDueFor(programme, indicator, context, periodId, value, narrative);
	if (status) throw narrativeError(status);
}

// ---- writes ------------------------------------------------------------------------------------

/**
 * Saves the value of one indicator for one period as a draft (or straight to review). Edits the
 * value in progress if there is one (returned values go back to draft); otherwise starts one —
 * a correction, with a reason, when the period already has an approved value.
 */
export async function saveValue(db: Executor, actor: Actor, programme: Programme, indicatorId: number, input: ValueInput): Promise<number> {
	let upload: StoredUpload | null = null;
	try {
		if (input.evidenceFile) upload = await storeUpload(input.evidenceFile, 'evidenceFile');
		const stored = upload;
		// The file moves into place once this commits (onCommit), so only inTransaction will do.
		return await inTransaction(db, async (trx) => {
			const indicator = toIndicator(await indicatorIn(trx, programme.id, indicatorId));
			if (indicator.source !== 'manual') throw new ForbiddenTransitionError('indicator.derivedNoValues');
			await openPeriod(trx, programme.id, input.periodId, 'periodId');
			const current = await trx
				.selectFrom('indicator_value')
				.selectAll()
				.where('indicator_id', '=', indicatorId)
				.where('period_id', '=', input.periodId)
				.where('status', 'in', [...OPEN_VALUE_STATES, 'approved'])
				.execute();
			const slot = slotOf(current);
			const { open, approved } = slot;
			checkValueSlot(indicator, slot, input);
			if (input.intent === 'submit')
				await requireNarrativeIfNeeded(trx, programme, indicator, input.periodId, input.value, input.narrative);

			const now = new Date().toISOString();
			const fields = {
				value: input.value,
				women: input.women,
				men: input.men,
				not_stated: input.notStated,
				narrative: input.narrative,
				evidence_url: input.evidenceUrl,
				status: input.intent === 'submit' ? ('submitted' as const) : ('draft' as const),
				entered_by: actor.id,
				entered_at: now,
				submitted_by: input.intent === 'submit' ? actor.id : null,
				submitted_at: input.intent === 'submit' ? now : null
			};
			let id: number;
			if (open) {
				const result = await trx
					.updateTable('indicator_value')
					.set({
						...fields,
						correction_reason: open.corrects_id ? input.correctionReason || open.correction_reason : null,
						version: sql`version + 1`
					})
					.where('id', '=', open.id)
					.where('version', '=', open.version)
					.executeTakeFirst();
				assertSaved(result, 'indicator_value', open.id);
				id = open.id;
			} else {
				({ id } = await trx
					.insertInto('indicator_value')
					.values({
						indicator_id: indicatorId,
						period_id: input.periodId,
						...fields,
						corrects_id: approved?.id ?? null,
						correction_reason: approved ? input.correctionReason : null
					})
					.returning('id')
					.executeTakeFirstOrThrow());
			}
			if (stored) await recordAttachment(trx, { programmeId: programme.id, entity: 'indicator_value', id }, stored, actor.id);
			// Saved (and audited) as a translation, like every content text's other language.
			const locale = translationLanguage(programme);
			await saveTranslations(
				trx,
				actor,
				{ programmeId: programme.id, entity: 'indicator_value', entityId: id, locale },
				{ narrative: input.narrativeTranslation }
			);
			const { evidenceFile: _file, valueVersion: _v, narrativeTranslation: _t, intent, ...after } = input;
			await recordAudit(trx, {
				userId: actor.id,
				programmeId: programme.id,
				entity: 'indicator_value',
				entityId: id,
				action: open ? 'update' : approved ? 'correct' : 'create',
				before: open ? { value: open.value, women: open.women, men: open.men, status: open.status } : null,
				after: { ...after, status: fields.status, evidenceFile: stored?.originalName },
				reason: approved && !open ? input.correctionReason : null
			});
			if (intent === 'submit') {
				await recordAudit(trx, { userId: actor.id, programmeId: programme.id, entity: 'indicator_value', entityId: id, action: 'submit' });
				await notifyValueTransition(
					trx,
					actor,
					programme,
					{ ...fields, id, indicator_id: indicatorId, period_id: input.periodId },
					'submit'
				);
			}
			return id;
		});
	} catch (error) {
		await discardUpload(upload);
		throw error;
	}
}

async function transition(
	db: Executor,
	actor: Actor,
	programme: Programme,
	valueId: number,
	version: number,
	check: (row: IndicatorValueRow, trx: Executor) => Promise<void> | void,
	change: Partial<Pick<IndicatorValueRow, 'status' | 'return_note' | 'submitted_by' | 'submitted_at' | 'reviewed_by' | 'reviewed_at'>>,
	audit: { action: string; reason?: string | null }
): Promise<void> {
	await inTransaction(db, async (trx) => {
		// Claim the row at the version the person saw before judging anything: a write, so it
		// waits for (PostgreSQL: the row lock; SQLite: the write lock) a simultaneous transition
		// and then finds the version moved. Judged the other way round, the loser of two
		// simultaneous approvals on PostgreSQL read the winner's committed 'approved' in its
		// four-eyes statement and was told it may not approve its own value; claimed first, it is
		// told the truth: someone else changed it (409), on both databases.
		const claimed = await trx
			.updateTable('indicator_value')
			.set({ version: sql`version` })
			.where('id', '=', valueId)
			.where('version', '=', version)
			.executeTakeFirst();
		const row = await valueIn(trx, programme.id, valueId);
		if (Number(claimed.numUpdatedRows) === 0 || row.version !== version) throw new ConflictError('indicator_value', valueId);
		const period = await periodIn(trx, programme.id, row.period_id);
		if (period.locked) throw new ForbiddenTransitionError('value.periodLocked');
		await check(row, trx);
		if (change.status === 'approved') {
			// The correction replaces the approved value it corrects (one approved value per period).
			await trx
				.updateTable('indicator_value')
				.set({ status: 'superseded', version: sql`version + 1` })
				.where('indicator_id', '=', row.indicator_id)
				.where('period_id', '=', row.period_id)
				.where('status', '=', 'approved')
				.execute();
		}
		const result = await trx
			.updateTable('indicator_value')
			.set({ ...change, version: sql`version + 1` })
			.where('id', '=', valueId)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'indicator_value', valueId);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'indicator_value',
			entityId: valueId,
			action: audit.action,
			before: { status: row.status },
			after: { status: change.status, ...(change.return_note ? { note: change.return_note } : {}) },
			reason: audit.reason ?? null
		});
		await notifyValueTransition(trx, actor, programme, { ...row, ...change }, audit.action, change.return_note);
	});
}

export async function submitValue(db: Executor, actor: Actor, programme: Programme, valueId: number, version: number): Promise<void> {
	const now = new Date().toISOString();
	await transition(
		db,
		actor,
		programme,
		valueId,
		version,
		async (row, trx) => {
			if (row.status !== 'draft' && row.status !== 'returned') throw new ForbiddenTransitionError('value.locked');
			const indicator = toIndicator(await indicatorIn(trx, programme.id, row.indicator_id));
			await requireNarrativeIfNeeded(trx, programme, indicator, row.period_id, row.value, row.narrative);
		},
		// The return note stays with the value it was answered by (cleared on approval), so whoever
		// reviews it again sees what was asked (review of issue 22, finding 22); editing a returned
		// value and the sheet's "submit unchanged" keep it too.
		{ status: 'submitted', submitted_by: actor.id, submitted_at: now },
		{ action: 'submit' }
	);
}

/**
 * Four eyes: whoever created, edited or submitted the value, at any point, may not approve or
 * return it. The value's audit rows are the record of everyone who touched its figures.
 */
async function fourEyes(db: Executor, row: IndicatorValueRow, actor: Actor) {
	if (row.status !== 'submitted') throw new ForbiddenTransitionError('value.notSubmitted');
	if (!(await reviewableValueIds(db, actor.id, [row.id])).has(row.id)) throw new ForbiddenTransitionError('value.fourEyes');
}

/** The audit actions that put a person's hand on a value's figures. */
const AUTHORING_ACTIONS = ['create', 'update', 'correct', 'submit'];

/**
 * The four-eyes rule, in one place: the ids among `valueIds` that `reviewerId` may approve or
 * return. A value qualifies while it is submitted and the reviewer never created, edited, corrected
 * or submitted it (the value's audit rows are the record of everyone who did). The pages ask this
 * for the values they show, and the approve and return actions ask it again. One statement.
 */
export async function reviewableValueIds(db: Executor, reviewerId: number, valueIds: readonly number[]): Promise<Set<number>> {
	if (valueIds.length === 0) return new Set();
	const rows = await db
		.selectFrom('indicator_value')
		.select('indicator_value.id')
		.where('indicator_value.id', 'in', [...valueIds])
		.where('indicator_value.status', '=', 'submitted')
		.where((eb) =>
			eb.and([
				eb.or([eb('indicator_value.entered_by', 'is', null), eb('indicator_value.entered_by', '!=', reviewerId)]),
				eb.or([eb('indicator_value.submitted_by', 'is', null), eb('indicator_value.submitted_by', '!=', reviewerId)]),
				eb.not(
					eb.exists(
						eb
							.selectFrom('audit_log')
							.select('audit_log.id')
							.where('audit_log.entity', '=', 'indicator_value')
							.where('audit_log.entity_id', '=', sql<string>`cast(${eb.ref('indicator_value.id')} as text)`)
							.where('audit_log.user_id', '=', reviewerId)
							.where('audit_log.action', 'in', AUTHORING_ACTIONS)
					)
				)
			])
		)
		.execute();
	return new Set(rows.map((r) => r.id));
}

export async function approveValue(db: Executor, actor: Actor, programme: Programme, valueId: number, version: number): Promise<void> {
	const now = new Date().toISOString();
	await transition(
		db,
		actor,
		programme,
		valueId,
		version,
		(row, trx) => fourEyes(trx, row, actor),
		{ status: 'approved', reviewed_by: actor.id, reviewed_at: now, return_note: null },
		{ action: 'approve' }
	);
}

export async function returnValue(
	db: Executor,
	actor: Actor,
	programme: Programme,
	valueId: number,
	version: number,
	note: string
): Promise<void> {
	const now = new Date().toISOString();
	await transition(
		db,
		actor,
		programme,
		valueId,
		version,
		(row, trx) => fourEyes(trx, row, actor),
		{ status: 'returned', reviewed_by: actor.id, reviewed_at: now, return_note: note },
		{ action: 'return', reason: note }
	);
}

export async function addValueComment(db: Executor, actor: Actor, programme: Programme, valueId: number, body: string): Promise<number> {
	return inTransaction(db, async (trx) => {
		await valueIn(trx, programme.id, valueId);
		const { id } = await trx
			.insertInto('value_comment')
			.values({ value_id: valueId, author_id: actor.id, body })
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'value_comment',
			entityId: id,
			action: 'create',
			after: { valueId, body }
		});
		return id;
	});
}

// ---- reads -------------------------------------------------------------------------------------

/** An indicator's values with who entered and reviewed them. Donors get approved values only. */
export async function listIndicatorValues(db: Executor, indicatorId: number, viewer: { internal: boolean }): Promise<IndicatorValue[]> {
	let q = db
		.selectFrom('indicator_value')
		.leftJoin('user as enterer', 'enterer.id', 'indicator_value.entered_by')
		.leftJoin('user as reviewer', 'reviewer.id', 'indicator_value.reviewed_by')
		.selectAll('indicator_value')
		.select(['enterer.name as entered_by_name', 'reviewer.name as reviewed_by_name'])
		.where('indicator_value.indicator_id', '=', indicatorId)
		.orderBy('indicator_value.id');
	if (!viewer.internal) q = q.where('indicator_value.status', '=', 'approved');
	return (await q.execute()).map(toValue);
}

export interface ValueComment {
	id: number;
	valueId: number;
	authorName: string | null;
	body: string;
	createdAt: string;
}

export async function listValueComments(db: Executor, valueIds: number[]): Promise<ValueComment[]> {
	if (valueIds.length === 0) return [];
	const rows = await db
		.selectFrom('value_comment')
		.leftJoin('user', 'user.id', 'value_comment.author_id')
		.select(['value_comment.id', 'value_comment.value_id', 'user.name', 'value_comment.body', 'value_comment.created_at'])
		.where('value_comment.value_id', 'in', valueIds)
		.orderBy('value_comment.created_at')
		.orderBy('value_comment.id')
		.execute();
	return rows.map((r) => ({ id: r.id, valueId: r.value_id, authorName: r.name, body: r.body, createdAt: r.created_at }));
}
