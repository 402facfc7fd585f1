import { sql } from 'kysely';
import { z } from 'zod';
import { unresolvedCitations } from '$lib/reports/blockers';
import { MAX_NARRATIVE_LENGTH } from '$lib/reports/outline';
import type { Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { recordAudit } from '../core/audit';
import { ConflictError, DomainValidationError, ForbiddenTransitionError, NotFoundError, type FieldErrors } from '../core/errors';
import { idField, numberField, optionalMultilineText } from '../core/validation';
import { assertSaved } from '../core/versioning';
import { constraintViolation } from '../db/dialect';
import { inTransaction, type Executor } from '../db/executor';
import { draftSnapshot } from './reports';

// The narrative of each outcome (module) in an ILO progress report (issue 21): the evaluator
// writes one per outcome and language, beside that outcome's indicator table and activities. A row
// exists once a narrative was first saved (version 0 in the form means "none yet"); later saves
// are version-checked like a section, and every change is audited.

export interface ModuleNarrativeRow {
	moduleId: number;
	narrativeEs: string;
	narrativeEn: string;
	/** 0 when nothing was saved yet. */
	version: number;
	updatedAt: string | null;
	updatedByName: string | null;
}

/** Every outcome narrative saved for the report (one statement). */
export async function loadModuleNarratives(db: Executor, reportId: number): Promise<ModuleNarrativeRow[]> {
	const rows = await db
		.selectFrom('report_module_narrative')
		.leftJoin('user', 'user.id', 'report_module_narrative.updated_by')
		.select([
			'report_module_narrative.module_id',
			'report_module_narrative.narrative_es',
			'report_module_narrative.narrative_en',
			'report_module_narrative.version',
			'report_module_narrative.updated_at',
			'user.name as updated_by_name'
		])
		.where('report_module_narrative.report_id', '=', reportId)
		.execute();
	return rows.map((r) => ({
		moduleId: r.module_id,
		narrativeEs: r.narrative_es,
		narrativeEn: r.narrative_en,
		version: r.version,
		updatedAt: r.updated_at,
		updatedByName: r.updated_by_name
	}));
}

export const moduleNarrativeSchema = z.object({
	moduleId: idField(),
	version: numberField({ min: 0, max: 1_000_000_000, integer: true }),
	narrativeEs: optionalMultilineText(MAX_NARRATIVE_LENGTH),
	narrativeEn: optionalMultilineText(MAX_NARRATIVE_LENGTH)
});
export type ModuleNarrativeInput = z.output<typeof moduleNarrativeSchema>;

/**
 * Saves one outcome's narrative of a draft TCPR. Citations must name records of the report, as in
 * any section; a second evaluator saving the same version gets a conflict.
 */
export async function saveModuleNarrative(
	db: Executor,
	actor: Actor,
	programme: Programme,
	reportId: number,
	input: ModuleNarrativeInput
): Promise<void> {
	try {
		await inTransaction(db, async (trx) => {
			const report = await trx
				.selectFrom('report')
				.select(['status', 'layout'])
				.where('id', '=', reportId)
				.where('programme_id', '=', programme.id)
				.executeTakeFirst();
			if (!report) throw new NotFoundError('report', reportId);
			if (report.status !== 'draft') throw new ForbiddenTransitionError('reports.issuedReadOnly');
			if (report.layout !== 'ilo_tcpr') throw new NotFoundError('report_module_narrative', input.moduleId);
			const module = await trx
				.selectFrom('module')
				.select(['id', 'code'])
				.where('id', '=', input.moduleId)
				.where('programme_id', '=', programme.id)
				.executeTakeFirst();
			if (!module) throw new DomainValidationError({ moduleId: { key: 'validation.unknownRecord' } });

			const records =
				input.narrativeEs.includes('[[') || input.narrativeEn.includes('[[')
					? (await draftSnapshot(trx, programme, reportId, '')).records
					: {};
			const errors: FieldErrors = {};
			for (const field of ['narrativeEs', 'narrativeEn'] as const) {
				const bad = unresolvedCitations(input[field], records);
				if (bad.length) errors[field] = { key: 'reports.unresolvedCitation', params: { citations: bad.join(', ') } };
			}
			if (Object.keys(errors).length) throw new DomainValidationError(errors);

			const before = await trx
				.selectFrom('report_module_narrative')
				.selectAll()
				.where('report_id', '=', reportId)
				.where('module_id', '=', module.id)
				.executeTakeFirst();
			const after = { narrative_es: input.narrativeEs, narrative_en: input.narrativeEn };
			let id: number;
			if (!before) {
				// Someone else wrote the first narrative since this form was opened.
				if (input.version !== 0) throw new ConflictError('report_module_narrative', module.id);
				if (!after.narrative_es && !after.narrative_en) return;
				({ id } = await trx
					.insertInto('report_module_narrative')
					.values({ report_id: reportId, module_id: module.id, ...after, updated_by: actor.id })
					.returning('id')
					.executeTakeFirstOrThrow());
			} else {
				id = before.id;
				const result = await trx
					.updateTable('report_module_narrative')
					.set({ ...after, updated_by: actor.id, updated_at: new Date().toISOString(), version: sql`version + 1` })
					.where('id', '=', before.id)
					.where('version', '=', input.version)
					.executeTakeFirst();
				assertSaved(result, 'report_module_narrative', before.id);
			}
			const changedBefore: Record<string, unknown> = {};
			const changedAfter: Record<string, unknown> = {};
			for (const [k, v] of Object.entries(after)) {
				const old = before ? before[k as keyof typeof after] : '';
				if (old !== v) {
					changedBefore[k] = old;
					changedAfter[k] = v;
				}
			}
			if (Object.keys(changedAfter).length === 0) return;
			await trx.updateTable('report').set({ updated_at: new Date().toISOString() }).where('id', '=', reportId).execute();
			await recordAudit(trx, {
				userId: actor.id,
				programmeId: programme.id,
				entity: 'report_module_narrative',
				entityId: id,
				action: before ? 'update' : 'create',
				before: before ? { module: module.code, ...changedBefore } : null,
				after: { module: module.code, ...changedAfter }
			});
		});
	} catch (error) {
		// Two first saves of the same outcome at once: the second is a conflict, not a 500.
		if (constraintViolation(error) === 'unique') throw new ConflictError('report_module_narrative', input.moduleId);
		throw error;
	}
}
