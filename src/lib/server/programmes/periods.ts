import type { Actor } from '../core/actor';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Programme } from '$lib/model';
import { sortByName } from '$lib/collation';
import { changedFields, recordAudit } from '../core/audit';
import { type Executor, inTransaction, onCommit } from '../db/executor';
import { auditOfCascade, cascadeOf, dropEvidenceRows, impactSummary, removeEvidenceFiles, type ImpactSummary } from '../core/cascade';
import { ConflictError, DomainValidationError, NotFoundError } from '../core/errors';
import { checkWithinProgramme } from '../core/dates';
import { toPeriod } from './programmes';
import { dateField, multilineText, text } from '../core/validation';
import { assertSaved } from '../core/versioning';

// Reporting periods: labelled date ranges inside the programme that never overlap. A locked
// period (its report was issued) cannot change until an admin unlocks it.

export const periodSchema = z.object({
	label: text(40),
	startDate: dateField(),
	endDate: dateField()
});
export type PeriodInput = z.output<typeof periodSchema>;

export async function periodIn(db: Executor, programmeId: number, id: number) {
	const row = await db
		.selectFrom('reporting_period')
		.selectAll()
		.where('id', '=', id)
		.where('programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('reporting_period', id);
	return row;
}

async function checkPeriod(db: Executor, programme: Programme, input: PeriodInput, exceptId?: number) {
	checkWithinProgramme(programme, { startDate: input.startDate, endDate: input.endDate }, [['startDate', 'endDate']]);
	let overlapping = db
		.selectFrom('reporting_period')
		.select(['id', 'label'])
		.where('programme_id', '=', programme.id)
		.where('start_date', '<=', input.endDate)
		.where('end_date', '>=', input.startDate);
	let sameLabel = db.selectFrom('reporting_period').select('id').where('programme_id', '=', programme.id).where('label', '=', input.label);
	if (exceptId) {
		overlapping = overlapping.where('id', '!=', exceptId);
		sameLabel = sameLabel.where('id', '!=', exceptId);
	}
	if (await sameLabel.executeTakeFirst()) throw new DomainValidationError({ label: { key: 'periods.labelTaken' } });
	const clash = await overlapping.executeTakeFirst();
	if (clash) throw new DomainValidationError({ startDate: { key: 'periods.overlaps', params: { label: clash.label } } });
}

export async function createPeriod(db: Executor, actor: Actor, programme: Programme, input: PeriodInput): Promise<number> {
	return inTransaction(db, async (trx) => {
		await checkPeriod(trx, programme, input);
		const { id } = await trx
			.insertInto('reporting_period')
			.values({ programme_id: programme.id, label: input.label, start_date: input.startDate, end_date: input.endDate })
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'reporting_period',
			entityId: id,
			action: 'create',
			after: input
		});
		return id;
	});
}

export async function updatePeriod(
	db: Executor,
	actor: Actor,
	programme: Programme,
	id: number,
	version: number,
	input: PeriodInput
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = toPeriod(await periodIn(trx, programme.id, id));
		if (before.locked) throw new DomainValidationError({ label: { key: 'periods.locked' } });
		await checkPeriod(trx, programme, input, id);
		const result = await trx
			.updateTable('reporting_period')
			.set({ label: input.label, start_date: input.startDate, end_date: input.endDate, version: sql`version + 1` })
			.where('id', '=', id)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'reporting_period', id);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'reporting_period',
			entityId: id,
			action: 'update',
			...changedFields(before, input)
		});
	});
}

export async function periodDeletionImpact(db: Executor, programmeId: number, id: number): Promise<ImpactSummary> {
	await periodIn(db, programmeId, id);
	return impactSummary(await cascadeOf(db, { periodIds: [id] }));
}

export async function deletePeriod(db: Executor, actor: Actor, programme: Programme, id: number, version: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = toPeriod(await periodIn(trx, programme.id, id));
		if (before.locked) throw new DomainValidationError({ label: { key: 'periods.locked' } });
		if (before.version !== version) throw new ConflictError('reporting_period', id);
		const cascade = await cascadeOf(trx, { periodIds: [id] });
		await dropEvidenceRows(trx, cascade);
		await trx.deleteFrom('reporting_period').where('id', '=', id).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'reporting_period',
			entityId: id,
			action: 'delete',
			before: { ...before, ...auditOfCascade(cascade) }
		});
		// The files go only once the outermost transaction commits: a rollback keeps them.
		await onCommit(trx, () => removeEvidenceFiles(cascade));
		return cascade;
	});
}

export interface LockedPeriod {
	id: number;
	label: string;
	startDate: string;
	endDate: string;
	programmeShortName: string;
	programmeSlug: string;
}

export async function listLockedPeriods(db: Executor): Promise<LockedPeriod[]> {
	const rows = await db
		.selectFrom('reporting_period')
		.innerJoin('programme', 'programme.id', 'reporting_period.programme_id')
		.select([
			'reporting_period.id',
			'reporting_period.label',
			'reporting_period.start_date',
			'reporting_period.end_date',
			'programme.short_name',
			'programme.slug'
		])
		.where('reporting_period.locked', '=', 1)
		.orderBy('reporting_period.start_date')
		.orderBy('reporting_period.id')
		.execute();
	sortByName(rows, (r) => r.short_name);
	return rows.map((r) => ({
		id: r.id,
		label: r.label,
		startDate: r.start_date,
		endDate: r.end_date,
		programmeShortName: r.short_name,
		programmeSlug: r.slug
	}));
}

export const unlockSchema = z.object({ periodId: z.coerce.number().int().positive(), reason: multilineText(1000) });

/** Reopens a locked period (admins only, checked by the caller); the reason goes to the audit log. */
export async function unlockPeriod(db: Executor, actor: Actor, periodId: number, reason: string): Promise<void> {
	await inTransaction(db, async (trx) => {
		const period = await trx.selectFrom('reporting_period').selectAll().where('id', '=', periodId).executeTakeFirst();
		if (!period) throw new NotFoundError('reporting_period', periodId);
		if (!period.locked) return;
		await trx
			.updateTable('reporting_period')
			.set({ locked: 0, version: sql`version + 1` })
			.where('id', '=', periodId)
			.execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: period.programme_id,
			entity: 'reporting_period',
			entityId: periodId,
			action: 'unlock',
			before: { locked: true },
			after: { locked: false },
			reason
		});
	});
}
