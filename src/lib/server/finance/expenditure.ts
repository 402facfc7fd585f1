import { sql } from 'kysely';
import { z } from 'zod';
import type { Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { recordAudits, type AuditEntry } from '../core/audit';
import { ConflictError, DomainValidationError } from '../core/errors';
import { idField } from '../core/validation';
import { type Executor, inTransaction } from '../db/executor';
import { optionalAmountField } from './fields';

// The expenditure grid (design §2 "expenditure"): one page per reporting period, like the values,
// with one typed figure per budget line (negative for a refund; blank removes it). Imported rows
// are kept beside it, untouched by the grid. A locked period refuses every change.

export const spentField = (lineId: number) => `spent_${lineId}`;
export const spentVersionField = (lineId: number) => `v_${lineId}`;

/** The grid form for a programme's budget lines: an amount and the version it was read at, per line. */
export function expenditureGridSchema(lineIds: readonly number[]) {
	const shape: Record<string, z.ZodType> = { periodId: idField() };
	for (const id of lineIds) {
		shape[spentField(id)] = optionalAmountField({ allowNegative: true });
		// The version the figure was read at (0: none yet); a line absent from the form is left alone.
		shape[spentVersionField(id)] = z.preprocess(
			(v) => (v === undefined ? undefined : v === '' ? 0 : Number(v)),
			z.number().int().min(0).optional()
		);
	}
	return z.object(shape).transform((d) => {
		const data = d as Record<string, unknown>;
		return {
			periodId: data.periodId as number,
			entries: lineIds
				.filter((id) => data[spentVersionField(id)] !== undefined)
				.map((id) => ({
					lineId: id,
					amountMinor: data[spentField(id)] as number | null,
					version: data[spentVersionField(id)] as number
				}))
		};
	});
}

export type ExpenditureGridInput = z.output<ReturnType<typeof expenditureGridSchema>>;

/** The period, refused when it is not this programme's or is locked. */
export async function openFinancePeriod(db: Executor, programmeId: number, periodId: number, field = 'periodId') {
	const period = await db
		.selectFrom('reporting_period')
		.select(['id', 'label', 'start_date', 'end_date', 'locked'])
		.where('id', '=', periodId)
		.where('programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!period) throw new DomainValidationError({ [field]: { key: 'validation.unknownRecord' } });
	if (period.locked) throw new DomainValidationError({ [field]: { key: 'finance.periodLocked' } });
	return period;
}

/**
 * Saves a period's typed figures in one transaction: a changed figure updates its row (version
 * checked), a new one is inserted, a cleared one deleted; one audit entry per line that changed.
 * Returns how many lines changed.
 */
export async function saveExpenditureGrid(db: Executor, actor: Actor, programme: Programme, input: ExpenditureGridInput): Promise<number> {
	return inTransaction(db, async (trx) => {
		await openFinancePeriod(trx, programme.id, input.periodId);
		const lineIds = input.entries.map((e) => e.lineId);
		const [lines, existing] = await Promise.all([
			lineIds.length
				? trx.selectFrom('budget_line').select('id').where('programme_id', '=', programme.id).where('id', 'in', lineIds).execute()
				: [],
			lineIds.length
				? trx
						.selectFrom('expenditure')
						.select(['id', 'budget_line_id', 'amount_minor', 'version'])
						.where('period_id', '=', input.periodId)
						.where('source', '=', 'entered')
						.where('budget_line_id', 'in', lineIds)
						.execute()
				: []
		]);
		if (lines.length !== new Set(lineIds).size) throw new DomainValidationError({ periodId: { key: 'finance.lineOfAnotherProgramme' } });
		const byLine = new Map(existing.map((e) => [e.budget_line_id, e]));
		const audits: AuditEntry[] = [];
		const now = new Date().toISOString();
		for (const entry of input.entries) {
			const row = byLine.get(entry.lineId);
			if ((row?.version ?? 0) !== entry.version) throw new ConflictError('expenditure', row?.id ?? entry.lineId);
			if (!row && entry.amountMinor === null) continue;
			if (row && row.amount_minor === entry.amountMinor) continue;
			const base = { userId: actor.id, programmeId: programme.id, entity: 'expenditure' as const };
			if (!row) {
				const { id } = await trx
					.insertInto('expenditure')
					.values({
						budget_line_id: entry.lineId,
						period_id: input.periodId,
						amount_minor: entry.amountMinor!,
						source: 'entered',
						created_by: actor.id
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				audits.push({
					...base,
					entityId: id,
					action: 'create',
					after: { budgetLineId: entry.lineId, periodId: input.periodId, amountMinor: entry.amountMinor }
				});
			} else if (entry.amountMinor === null) {
				await trx.deleteFrom('expenditure').where('id', '=', row.id).where('version', '=', row.version).execute();
				audits.push({
					...base,
					entityId: row.id,
					action: 'delete',
					before: { budgetLineId: entry.lineId, periodId: input.periodId, amountMinor: row.amount_minor }
				});
			} else {
				const result = await trx
					.updateTable('expenditure')
					.set({ amount_minor: entry.amountMinor, updated_at: now, version: sql`version + 1` })
					.where('id', '=', row.id)
					.where('version', '=', row.version)
					.executeTakeFirst();
				if (Number(result.numUpdatedRows) === 0) throw new ConflictError('expenditure', row.id);
				audits.push({
					...base,
					entityId: row.id,
					action: 'update',
					before: { amountMinor: row.amount_minor },
					after: { amountMinor: entry.amountMinor }
				});
			}
		}
		await recordAudits(trx, audits);
		return audits.length;
	});
}

/** One row of an expenditure import, already checked row by row (exchange/import-expenditure.ts). */
export interface ImportedExpenditure {
	budgetLineId: number;
	periodId: number;
	amountMinor: number;
	spentOn: string | null;
	note: string;
}

/** Rows per INSERT: 8 columns each stays far below SQLite's and PostgreSQL's bound-parameter limits. */
const IMPORT_CHUNK = 500;

/**
 * Writes an import's rows, all of them or none (the caller's transaction), each marked with the
 * file's SHA-256. Checked again here whatever the caller did: every line this programme's, every
 * period this programme's and open. Returns the ids written. The audit record of the import (one
 * entry named by the SHA-256, with the totals) is written by the caller in the same transaction.
 */
export async function saveImportedExpenditure(
	db: Executor,
	actor: Actor,
	programme: Programme,
	sha256: string,
	rows: readonly ImportedExpenditure[]
): Promise<number> {
	const lineIds = [...new Set(rows.map((r) => r.budgetLineId))];
	const periodIds = [...new Set(rows.map((r) => r.periodId))];
	if (!rows.length) return 0;
	const [lines, periods] = await Promise.all([
		db.selectFrom('budget_line').select('id').where('programme_id', '=', programme.id).where('id', 'in', lineIds).execute(),
		db
			.selectFrom('reporting_period')
			.select(['id', 'locked'])
			.where('programme_id', '=', programme.id)
			.where('id', 'in', periodIds)
			.execute()
	]);
	if (lines.length !== lineIds.length) throw new DomainValidationError({ file: { key: 'finance.lineOfAnotherProgramme' } });
	if (periods.length !== periodIds.length) throw new DomainValidationError({ file: { key: 'validation.unknownRecord' } });
	if (periods.some((p) => p.locked)) throw new DomainValidationError({ file: { key: 'finance.periodLocked' } });
	for (let i = 0; i < rows.length; i += IMPORT_CHUNK) {
		await db
			.insertInto('expenditure')
			.values(
				rows.slice(i, i + IMPORT_CHUNK).map((r) => ({
					budget_line_id: r.budgetLineId,
					period_id: r.periodId,
					amount_minor: r.amountMinor,
					source: 'imported' as const,
					import_sha256: sha256,
					spent_on: r.spentOn,
					note: r.note,
					created_by: actor.id
				}))
			)
			.execute();
	}
	return rows.length;
}
