import { sql } from 'kysely';
import { z } from 'zod';
import { BUDGET_CATEGORIES, sharesWithinLine, type BudgetCategory } from '$lib/finance-rules';
import type { Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { recordAudit } from '../core/audit';
import { dropTranslations } from '../core/translations';
import { ConflictError, DomainValidationError, NotFoundError } from '../core/errors';
import { enumField, idField, text, versionField } from '../core/validation';
import { assertSaved } from '../core/versioning';
import { type Executor, inTransaction } from '../db/executor';
import { amountField, optionalAmountField, optionalShareField } from './fields';

// Budget lines (design §2 "budget_line", "budget_allocation"): a line's amount, its optional
// phasing per reporting period and its shares to modules and outputs (at most the whole line;
// the rest stays programme-level). One form writes all three, in one transaction, audited.

export interface BudgetLineForm {
	periods: readonly { id: number }[];
	modules: readonly { id: number }[];
	outputs: readonly { id: number }[];
}

export const phaseField = (periodId: number) => `phase_${periodId}`;
export const moduleShareField = (moduleId: number) => `share_m${moduleId}`;
export const outputShareField = (outputId: number) => `share_o${outputId}`;

/** The budget-line form, built for the programme's periods, modules and outputs. */
export function budgetLineSchema(form: BudgetLineForm) {
	const shape: Record<string, z.ZodType> = {
		code: text(30),
		title: text(300),
		category: enumField(BUDGET_CATEGORIES),
		amount: amountField()
	};
	for (const p of form.periods) shape[phaseField(p.id)] = optionalAmountField();
	for (const m of form.modules) shape[moduleShareField(m.id)] = optionalShareField();
	for (const o of form.outputs) shape[outputShareField(o.id)] = optionalShareField();
	return z.object(shape).transform((d): BudgetLineInput => {
		const data = d as Record<string, unknown>;
		return {
			code: data.code as string,
			title: data.title as string,
			category: data.category as BudgetCategory,
			amountMinor: data.amount as number,
			phasing: form.periods
				.map((p) => ({ periodId: p.id, amountMinor: data[phaseField(p.id)] as number | null }))
				.filter((x): x is { periodId: number; amountMinor: number } => x.amountMinor !== null),
			allocations: [
				...form.modules.map((m) => ({
					moduleId: m.id as number | null,
					outputId: null as number | null,
					shareBp: data[moduleShareField(m.id)] as number | null
				})),
				...form.outputs.map((o) => ({
					moduleId: null as number | null,
					outputId: o.id as number | null,
					shareBp: data[outputShareField(o.id)] as number | null
				}))
			].flatMap((a) => (a.shareBp === null ? [] : [{ ...a, shareBp: a.shareBp }]))
		};
	});
}

/** The same form with the version of the line being edited. */
export const budgetLineEditSchema = (form: BudgetLineForm) =>
	z
		.intersection(budgetLineSchema(form), z.object({ id: idField(), version: versionField() }))
		.transform((d) => d as BudgetLineInput & { id: number; version: number });

export interface BudgetAllocationInput {
	moduleId: number | null;
	outputId: number | null;
	shareBp: number;
}

export interface BudgetLineInput {
	code: string;
	title: string;
	category: BudgetCategory;
	amountMinor: number;
	phasing: { periodId: number; amountMinor: number }[];
	allocations: BudgetAllocationInput[];
}

/** What the audit log keeps of a line: its fields, its plan and its shares, in words the log can name. */
interface LineSnapshot {
	code: string;
	title: string;
	category: string;
	amountMinor: number;
	phasing: { periodId: number; amountMinor: number }[];
	allocations: BudgetAllocationInput[];
}

export async function budgetLineIn(db: Executor, programmeId: number, id: number) {
	const row = await db
		.selectFrom('budget_line')
		.selectAll()
		.where('id', '=', id)
		.where('programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('budget_line', id);
	return row;
}

async function snapshotOf(db: Executor, programmeId: number, id: number): Promise<LineSnapshot & { version: number }> {
	const row = await budgetLineIn(db, programmeId, id);
	const [phasing, allocations] = await Promise.all([
		db.selectFrom('budget_phasing').select(['period_id', 'amount_minor']).where('budget_line_id', '=', id).orderBy('period_id').execute(),
		db
			.selectFrom('budget_allocation')
			.select(['module_id', 'output_id', 'share_bp'])
			.where('budget_line_id', '=', id)
			.orderBy('id')
			.execute()
	]);
	return {
		code: row.code,
		title: row.title,
		category: row.category,
		amountMinor: row.amount_minor,
		phasing: phasing.map((p) => ({ periodId: p.period_id, amountMinor: p.amount_minor })),
		allocations: allocations.map((a) => ({ moduleId: a.module_id, outputId: a.output_id, shareBp: a.share_bp })),
		version: row.version
	};
}

/** The rules a form cannot check alone: shares within the line, plan within the amount, targets of this programme, a free code. */
async function checkLine(db: Executor, programme: Programme, input: BudgetLineInput, id: number | null) {
	const errors: ConstructorParameters<typeof DomainValidationError>[0] = {};
	if (!sharesWithinLine(input.allocations.map((a) => a.shareBp)))
		errors.shares = { key: 'finance.sharesOver', params: { total: input.allocations.reduce((a, b) => a + b.shareBp, 0) / 100 } };
	const planned = input.phasing.reduce((a, p) => a + p.amountMinor, 0);
	if (planned > input.amountMinor) errors.amount = { key: 'finance.phasingOver' };
	const moduleIds = input.allocations.flatMap((a) => (a.moduleId !== null ? [a.moduleId] : []));
	const outputIds = input.allocations.flatMap((a) => (a.outputId !== null ? [a.outputId] : []));
	const periodIds = input.phasing.map((p) => p.periodId);
	const [modules, outputs, periods, clash] = await Promise.all([
		moduleIds.length
			? db.selectFrom('module').select('id').where('programme_id', '=', programme.id).where('id', 'in', moduleIds).execute()
			: [],
		outputIds.length
			? db
					.selectFrom('output')
					.innerJoin('module', 'module.id', 'output.module_id')
					.select('output.id')
					.where('module.programme_id', '=', programme.id)
					.where('output.id', 'in', outputIds)
					.execute()
			: [],
		periodIds.length
			? db.selectFrom('reporting_period').select('id').where('programme_id', '=', programme.id).where('id', 'in', periodIds).execute()
			: [],
		db
			.selectFrom('budget_line')
			.select('id')
			.where('programme_id', '=', programme.id)
			.where('code', '=', input.code)
			.$if(id !== null, (q) => q.where('id', '<>', id!))
			.executeTakeFirst()
	]);
	if (modules.length !== new Set(moduleIds).size || outputs.length !== new Set(outputIds).size)
		errors.shares = { key: 'validation.unknownRecord' };
	if (periods.length !== new Set(periodIds).size) errors.amount = { key: 'validation.unknownRecord' };
	if (clash) errors.code = { key: 'finance.codeTaken' };
	if (Object.keys(errors).length) throw new DomainValidationError(errors);
}

async function writeChildren(db: Executor, lineId: number, input: BudgetLineInput) {
	await db.deleteFrom('budget_phasing').where('budget_line_id', '=', lineId).execute();
	await db.deleteFrom('budget_allocation').where('budget_line_id', '=', lineId).execute();
	if (input.phasing.length)
		await db
			.insertInto('budget_phasing')
			.values(input.phasing.map((p) => ({ budget_line_id: lineId, period_id: p.periodId, amount_minor: p.amountMinor })))
			.execute();
	if (input.allocations.length)
		await db
			.insertInto('budget_allocation')
			.values(input.allocations.map((a) => ({ budget_line_id: lineId, module_id: a.moduleId, output_id: a.outputId, share_bp: a.shareBp })))
			.execute();
}

const snapshot = (input: BudgetLineInput): LineSnapshot => ({
	code: input.code,
	title: input.title,
	category: input.category,
	amountMinor: input.amountMinor,
	phasing: input.phasing,
	allocations: input.allocations
});

export async function createBudgetLine(
	db: Executor,
	actor: Actor,
	programme: Programme,
	input: BudgetLineInput,
	options: { illustrative?: boolean } = {}
): Promise<number> {
	return inTransaction(db, async (trx) => {
		await checkLine(trx, programme, input, null);
		const last = await trx
			.selectFrom('budget_line')
			.select((eb) => eb.fn.max<number>('sort_order').as('max'))
			.where('programme_id', '=', programme.id)
			.executeTakeFirst();
		const { id } = await trx
			.insertInto('budget_line')
			.values({
				programme_id: programme.id,
				code: input.code,
				title: input.title,
				category: input.category,
				amount_minor: input.amountMinor,
				sort_order: (last?.max ?? 0) + 1,
				is_illustrative: options.illustrative ? 1 : 0
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await writeChildren(trx, id, input);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'budget_line',
			entityId: id,
			action: 'create',
			after: snapshot(input)
		});
		return id;
	});
}

export async function updateBudgetLine(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: BudgetLineInput
) {
	await inTransaction(db, async (trx) => {
		const before = await snapshotOf(trx, programme.id, id);
		await checkLine(trx, programme, input, id);
		const result = await trx
			.updateTable('budget_line')
			.set({
				code: input.code,
				title: input.title,
				category: input.category,
				amount_minor: input.amountMinor,
				updated_at: new Date().toISOString(),
				version: sql`version + 1`
			})
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'budget_line', id);
		await writeChildren(trx, id, input);
		const after = snapshot(input);
		const b: Record<string, unknown> = {};
		const a: Record<string, unknown> = {};
		for (const key of Object.keys(after) as (keyof LineSnapshot)[]) {
			if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
				b[key] = before[key];
				a[key] = after[key];
			}
		}
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'budget_line',
			entityId: id,
			action: 'update',
			before: b,
			after: a
		});
	});
}

/** What deleting a line takes with it: its expenditure rows. */
export interface BudgetLineDeletionImpact {
	expenditureRows: number;
}

export async function budgetLineDeletionImpact(db: Executor, programmeId: number, id: number): Promise<BudgetLineDeletionImpact> {
	await budgetLineIn(db, programmeId, id);
	const row = await db
		.selectFrom('expenditure')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('budget_line_id', '=', id)
		.executeTakeFirstOrThrow();
	return { expenditureRows: Number(row.n) };
}

/** Deletes a line with its plan and shares; refused while it has expenditure in a locked period. */
export async function deleteBudgetLine(db: Executor, actor: Actor, programme: Programme, id: number, version: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = await snapshotOf(trx, programme.id, id);
		if (before.version !== version) throw new ConflictError('budget_line', id);
		const locked = await trx
			.selectFrom('expenditure')
			.innerJoin('reporting_period', 'reporting_period.id', 'expenditure.period_id')
			.select('expenditure.id')
			.where('expenditure.budget_line_id', '=', id)
			.where('reporting_period.locked', '=', 1)
			.executeTakeFirst();
		if (locked) throw new DomainValidationError({ id: { key: 'finance.periodLocked' } });
		const impact = await budgetLineDeletionImpact(trx, programme.id, id);
		// Its translated title goes with it (the translation table has no foreign key to the line).
		const translations = await dropTranslations(trx, 'budget_line', id);
		await trx.deleteFrom('budget_line').where('id', '=', id).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'budget_line',
			entityId: id,
			action: 'delete',
			before: { ...before, ...impact, ...translations }
		});
	});
}
