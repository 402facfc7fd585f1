import type { Actor } from '../core/actor';
import { sql } from 'kysely';
import { OPEN_VALUE_STATES, type Indicator, type Programme } from '$lib/model';
import type { MessageKey } from '$lib/i18n/translate';
import { recordAudits, type AuditEntry } from '../core/audit';
import { ConflictError, DomainValidationError, ForbiddenTransitionError, NotFoundError } from '../core/errors';
import { type Executor, inTransaction } from '../db/executor';
import type { Insertable } from 'kysely';
import type { IndicatorValueRow, IndicatorValueTable } from '../db/schema';
import { assertSaved } from '../core/versioning';
import { toIndicator } from './indicators';
import { checkValueSlot, narrativeDueFor, slotOf, type NarrativeContext, type ValueInput, type ValueSlot } from './values';

// Many period values at once (the import of a workbook or CSV): the same rules as the value form
// (values.ts: checkValueSlot, narrativeDueFor), judged against data loaded in a fixed number of
// statements whatever the number of rows, and written in one transaction.

/** One figure to save: the indicator and what its value form would have parsed. */
export interface BatchValue {
	indicatorId: number;
	input: ValueInput;
}

export interface BatchRefusal {
	field: string;
	key: MessageKey;
	params?: Record<string, string | number>;
}

/** Per row: refused (with why, by field), unchanged (the period already holds exactly this), or to save. */
export type BatchVerdict = { kind: 'refused'; refusals: BatchRefusal[] } | { kind: 'unchanged' } | { kind: 'save' };

interface BatchState {
	indicators: Map<number, Indicator>;
	periods: Map<number, { locked: boolean }>;
	slots: Map<string, ValueSlot>;
	narrative: Map<number, NarrativeContext>;
}

const slotKey = (indicatorId: number, periodId: number) => `${indicatorId}:${periodId}`;

/** Everything the rules need for the programme's values: five statements. */
async function loadState(db: Executor, programme: Programme): Promise<BatchState> {
	const [indicatorRows, periodRows, valueRows, targetRows] = await Promise.all([
		db.selectFrom('indicator').selectAll().where('programme_id', '=', programme.id).execute(),
		db.selectFrom('reporting_period').selectAll().where('programme_id', '=', programme.id).execute(),
		db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.selectAll('indicator_value')
			.where('indicator.programme_id', '=', programme.id)
			.where('indicator_value.status', 'in', [...OPEN_VALUE_STATES, 'approved'])
			.execute(),
		db
			.selectFrom('indicator_target')
			.innerJoin('indicator', 'indicator.id', 'indicator_target.indicator_id')
			.select(['indicator_target.indicator_id', 'indicator_target.period_id', 'indicator_target.value'])
			.where('indicator.programme_id', '=', programme.id)
			.execute()
	]);
	const grouped = new Map<string, IndicatorValueRow[]>();
	for (const v of valueRows) {
		const key = slotKey(v.indicator_id, v.period_id);
		grouped.set(key, [...(grouped.get(key) ?? []), v]);
	}
	const periods = periodRows.map((p) => ({ id: p.id, startDate: p.start_date, endDate: p.end_date }));
	const narrative = new Map<number, NarrativeContext>();
	for (const i of indicatorRows) narrative.set(i.id, { periods, targets: new Map(), approved: new Map() });
	for (const t of targetRows) narrative.get(t.indicator_id)?.targets.set(t.period_id, t.value);
	for (const v of valueRows) if (v.status === 'approved') narrative.get(v.indicator_id)?.approved.set(v.period_id, v.value);
	return {
		indicators: new Map(indicatorRows.map((r) => [r.id, toIndicator(r)])),
		periods: new Map(periodRows.map((p) => [p.id, { locked: p.locked === 1 }])),
		slots: new Map([...grouped].map(([k, rows]) => [k, slotOf(rows)])),
		narrative
	};
}

const sameFigures = (row: IndicatorValueRow, input: ValueInput) =>
	row.value === input.value &&
	row.women === input.women &&
	row.men === input.men &&
	row.not_stated === input.notStated &&
	row.narrative === input.narrative;

function refusalsOf(error: unknown): BatchRefusal[] {
	if (error instanceof DomainValidationError)
		return Object.entries(error.fields).map(([field, { key, params }]) => ({ field, key, ...(params ? { params } : {}) }));
	if (error instanceof ForbiddenTransitionError) return [{ field: 'value', key: error.key }];
	if (error instanceof ConflictError) return [{ field: 'value', key: 'error.conflict' }];
	if (error instanceof NotFoundError) return [{ field: 'value', key: 'validation.unknownRecord' }];
	throw error;
}

function verdictFor(programme: Programme, state: BatchState, row: BatchValue): BatchVerdict {
	const indicator = state.indicators.get(row.indicatorId);
	if (!indicator) return { kind: 'refused', refusals: [{ field: 'indicatorId', key: 'validation.unknownRecord' }] };
	const period = state.periods.get(row.input.periodId);
	if (!period) return { kind: 'refused', refusals: [{ field: 'periodId', key: 'value.periodOutside' }] };
	const slot = state.slots.get(slotKey(row.indicatorId, row.input.periodId)) ?? { open: undefined, approved: undefined };
	// A row that repeats what the period already holds changes nothing (a re-imported template).
	const current = slot.open ?? slot.approved;
	if (current && sameFigures(current, row.input)) {
		const wanted = row.input.intent === 'submit' ? 'submitted' : 'draft';
		if (current.status === wanted || current.status === 'approved' || current.status === 'submitted') return { kind: 'unchanged' };
	}
	if (period.locked) return { kind: 'refused', refusals: [{ field: 'periodId', key: 'value.periodLocked' }] };
	try {
		checkValueSlot(indicator, slot, row.input);
		if (row.input.intent === 'submit') {
			const status = narrativeDueFor(
				programme,
				indicator,
				state.narrative.get(indicator.id)!,
				row.input.periodId,
				row.input.value,
				row.input.narrative
			);
			if (status)
				return {
					kind: 'refused',
					refusals: [{ field: 'narrative', key: 'value.narrativeRequired', params: { status: `status.${status}` } }]
				};
		}
	} catch (error) {
		return { kind: 'refused', refusals: refusalsOf(error) };
	}
	return { kind: 'save' };
}

/**
 * The verdict on each row, in order, as saveValueRows would judge it now. A row's `valueVersion`
 * is the version of the value it was prepared against (from a template), or undefined to mean
 * "whatever the period holds now". Two rows for the same indicator and period: the second is refused.
 */
export async function vetValueRows(db: Executor, programme: Programme, rows: readonly BatchValue[]): Promise<BatchVerdict[]> {
	const state = await loadState(db, programme);
	return judge(programme, state, rows);
}

function judge(programme: Programme, state: BatchState, rows: readonly BatchValue[]): BatchVerdict[] {
	const seen = new Set<string>();
	return rows.map((row) => {
		const key = slotKey(row.indicatorId, row.input.periodId);
		if (seen.has(key)) return { kind: 'refused', refusals: [{ field: 'periodId', key: 'import.duplicateRow' }] };
		seen.add(key);
		const slot = state.slots.get(key);
		const input = { ...row.input, valueVersion: row.input.valueVersion ?? slot?.open?.version };
		return verdictFor(programme, state, { ...row, input });
	});
}

/**
 * Saves every row in one transaction, as drafts or submitted (never approved: the four-eyes rule
 * applies to each as if typed in the form). Rows that change nothing are skipped; any refused row
 * refuses the whole batch (callers pass only the rows vetValueRows accepted). Each value gets the
 * audit rows the form would write, with `source` (the import) in them. Returns the saved ids.
 */
export async function saveValueRows(
	db: Executor,
	actor: Actor,
	programme: Programme,
	rows: readonly BatchValue[],
	source: Record<string, string | number>
): Promise<number[]> {
	return inTransaction(db, async (trx) => {
		const state = await loadState(trx, programme);
		const verdicts = judge(programme, state, rows);
		const refused = verdicts.findIndex((v) => v.kind === 'refused');
		if (refused >= 0) {
			const first = (verdicts[refused] as { refusals: BatchRefusal[] }).refusals[0]!;
			throw new DomainValidationError({ [first.field]: { key: first.key, params: first.params } });
		}
		const now = new Date().toISOString();
		const audits: AuditEntry[] = [];
		const ids: number[] = [];
		const inserts: { row: BatchValue; approvedId: number | null; values: Insertable<IndicatorValueTable> }[] = [];
		const audit = (
			id: number,
			row: BatchValue,
			open: IndicatorValueRow | undefined,
			approved: IndicatorValueRow | undefined,
			status: string
		) => {
			const { evidenceFile: _file, valueVersion: _v, intent, ...after } = row.input;
			audits.push({
				userId: actor.id,
				programmeId: programme.id,
				entity: 'indicator_value',
				entityId: id,
				action: open ? 'update' : approved ? 'correct' : 'create',
				before: open ? { value: open.value, women: open.women, men: open.men, status: open.status } : null,
				after: { ...after, status, import: source },
				reason: approved && !open ? row.input.correctionReason : null
			});
			if (intent === 'submit')
				audits.push({ userId: actor.id, programmeId: programme.id, entity: 'indicator_value', entityId: id, action: 'submit' });
		};
		for (const [index, row] of rows.entries()) {
			if (verdicts[index]!.kind !== 'save') continue;
			const { input } = row;
			const { open, approved } = state.slots.get(slotKey(row.indicatorId, input.periodId)) ?? { open: undefined, approved: undefined };
			const submit = input.intent === 'submit';
			const fields = {
				value: input.value,
				women: input.women,
				men: input.men,
				not_stated: input.notStated,
				narrative: input.narrative,
				evidence_url: input.evidenceUrl ?? open?.evidence_url ?? null,
				status: submit ? ('submitted' as const) : ('draft' as const),
				entered_by: actor.id,
				entered_at: now,
				submitted_by: submit ? actor.id : null,
				submitted_at: submit ? now : null
			};
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
				audit(open.id, row, open, approved, fields.status);
				ids.push(open.id);
			} else {
				inserts.push({
					row,
					approvedId: approved?.id ?? null,
					values: {
						indicator_id: row.indicatorId,
						period_id: input.periodId,
						...fields,
						corrects_id: approved?.id ?? null,
						correction_reason: approved ? input.correctionReason : null
					}
				});
			}
		}
		// New values go in a few statements; each comes back with its indicator and period, which
		// name it (one value in progress per period).
		for (let i = 0; i < inserts.length; i += 500) {
			const chunk = inserts.slice(i, i + 500);
			const created = await trx
				.insertInto('indicator_value')
				.values(chunk.map((c) => c.values))
				.returning(['id', 'indicator_id', 'period_id'])
				.execute();
			const idOf = new Map(created.map((c) => [slotKey(c.indicator_id, c.period_id), c.id]));
			for (const c of chunk) {
				const id = idOf.get(slotKey(c.row.indicatorId, c.row.input.periodId))!;
				const { approved } = state.slots.get(slotKey(c.row.indicatorId, c.row.input.periodId)) ?? { approved: undefined };
				audit(id, c.row, undefined, approved, c.values.status as string);
				ids.push(id);
			}
		}
		await recordAudits(trx, audits);
		return ids;
	});
}
