import { fail, type ActionFailure } from '@sveltejs/kit';
import type { Locale, Programme } from '$lib/model';
import { formatDateTime } from '$lib/i18n/format';
import { translate, translateDynamic } from '$lib/i18n/translate';
import type { Actor } from '../core/actor';
import { inTransaction, type Executor } from '../db/executor';
import { ImportRefusal, type DecimalSeparator, type FileKind } from '../exchange/import-file';
import { findImport, readStaged, recordImport, type PriorImport } from '../exchange/import-staging';
import { checkValueFile } from '../exchange/import-values';
import { checkLogframeFile } from '../exchange/import-logframe';
import { createActivity, createModule, createOutput, updateActivity, updateModule, updateOutput } from '../programmes/logframe';
import { createIndicator, setTargets, updateIndicator } from '../results/indicators';
import { saveValueRows } from '../results/value-batch';
import { libraryCodes, setLibraryLink } from '../library/links';
import { saveTranslations } from '../core/translations';
import { formValues, type FormFailure } from './forms';

// The writes of an import, composed here (the http layer may call every domain's writes; a domain
// may not call another's): the staged file is checked again inside the transaction, its good rows
// saved by their owning domain, and the import's audit row written, all or nothing.

export interface ImportFailure extends FormFailure {
	refused: true;
}

/**
 * The logframe import writes modules, outputs and indicators, so it needs both rights: one check
 * for the page (whether to offer it) and both of its actions.
 */
export function canImportLogframe(access: { can(action: 'logframe.edit' | 'indicator.edit'): boolean }): boolean {
	return access.can('logframe.edit') && access.can('indicator.edit');
}

/** The answer when the role may not import a logframe: the reason in words, never the bare code. */
export function logframeRefused(locale: Locale): ActionFailure<FormFailure> {
	return fail(403, { form: 'logframe', errors: {}, formError: translate(locale, 'error.forbidden'), values: {} });
}

/** A whole-file refusal as the page shows it: a message for the form and next to the file field. */
export function refusalFailure(error: ImportRefusal, form: string, data: FormData, locale: Locale): ActionFailure<ImportFailure> {
	const message = translateDynamic(locale, error.key, error.params);
	return fail(400, { form, errors: { file: [message] }, formError: message, values: formValues(data), refused: true as const });
}

export function alreadyImportedMessage(locale: Locale, prior: PriorImport): string {
	return translate(locale, 'import.alreadyImported', { date: formatDateTime(locale, prior.at), user: prior.userName ?? '—' });
}

export class AlreadyImported extends Error {
	constructor(readonly prior: PriorImport) {
		super('already imported');
	}
}

/** Checks the staged file again and saves its good rows with the import's audit row; returns how many rows were saved. */
export async function confirmValueImport(
	db: Executor,
	actor: Actor,
	programme: Programme,
	locale: Locale,
	staged: { sha256: string; kind: FileKind; fileName: string; decimal: DecimalSeparator; intent: 'draft' | 'submit' }
): Promise<number> {
	const bytes = await readStaged(programme.id, staged.sha256, staged.kind);
	return inTransaction(db, async (trx) => {
		const prior = await findImport(trx, programme.id, 'value_import', staged.sha256);
		if (prior) throw new AlreadyImported(prior);
		const check = await checkValueFile(trx, programme, locale, { bytes, fileName: `x.${staged.kind}` }, staged);
		const source = { sha256: staged.sha256, file: staged.fileName };
		const ids = await saveValueRows(trx, actor, programme, check.batch, source);
		await recordImport(trx, actor, programme.id, 'value_import', staged.sha256, {
			file: staged.fileName,
			kind: staged.kind,
			intent: staged.intent,
			decimal: staged.decimal,
			saved: ids.length,
			unchanged: check.preview.counts.unchanged,
			refused: check.preview.counts.refused,
			valueIds: ids
		});
		return ids.length;
	});
}

/**
 * Checks the staged logframe workbook again and writes it, parents first, through the owning
 * domains' own create and update functions (their rules and audit rows), in one transaction. Any
 * refused row refuses the whole file: a logframe half-imported would leave orphans to clean up.
 */
export async function confirmLogframeImport(
	db: Executor,
	actor: Actor,
	programme: Programme,
	locale: Locale,
	staged: { sha256: string; fileName: string }
): Promise<{ create: number; update: number }> {
	const bytes = await readStaged(programme.id, staged.sha256, 'xlsx');
	return inTransaction(db, async (trx) => {
		const prior = await findImport(trx, programme.id, 'logframe_import', staged.sha256);
		if (prior) throw new AlreadyImported(prior);
		const library = await libraryCodes(trx, programme.id);
		const { preview, plan } = await checkLogframeFile(
			trx,
			programme,
			locale,
			{ bytes, fileName: staged.fileName || 'logframe.xlsx' },
			library
		);
		if (preview.counts.refused > 0) throw new ImportRefusal('import.logframe.refusedRows');
		const key = (code: string) => code.normalize('NFC').trim().toLowerCase();
		const moduleIds = new Map(plan.moduleIds);
		const outputIds = new Map(plan.outputIds);
		for (const op of plan.modules) {
			if (op.id === null) moduleIds.set(key(op.input.code), await createModule(trx, actor, programme, op.input));
			else await updateModule(trx, actor, programme, op.id, op.version!, op.input);
		}
		for (const op of plan.outputs) {
			const input = { ...op.input, moduleId: moduleIds.get(key(op.moduleCode))! };
			if (op.id === null) outputIds.set(key(op.input.code), await createOutput(trx, actor, programme, input));
			else await updateOutput(trx, actor, programme, op.id, op.version!, input);
		}
		for (const op of plan.activities) {
			const input = { ...op.input, outputId: outputIds.get(key(op.outputCode))! };
			if (op.id === null) await createActivity(trx, actor, programme, input);
			else await updateActivity(trx, actor, programme, op.id, op.version!, input);
		}
		for (const op of plan.indicators) {
			const parent = op.outputCode
				? { kind: 'output' as const, id: outputIds.get(key(op.outputCode))! }
				: op.moduleCode
					? { kind: 'module' as const, id: moduleIds.get(key(op.moduleCode))! }
					: { kind: 'programme' as const, id: null };
			const input = { ...op.input, parent };
			let id = op.id;
			if (id === null) id = await createIndicator(trx, actor, programme, input);
			else await updateIndicator(trx, actor, programme, id, op.version!, input);
			if (op.targets.length) {
				const { version } = await trx.selectFrom('indicator').select('version').where('id', '=', id).executeTakeFirstOrThrow();
				await setTargets(trx, actor, programme, id, version, op.targets, op.targetReason);
			}
			// The library link (issue 25), audited by its domain when it changes.
			if (op.libraryIndicatorId !== undefined) await setLibraryLink(trx, actor, programme, id, op.libraryIndicatorId);
			// The other-language texts (issue 22), audited as the indicator form's translations are.
			if (op.translations) {
				const target = { programmeId: programme.id, entity: 'indicator' as const, entityId: id, locale: op.translations.locale };
				await saveTranslations(trx, actor, target, op.translations.texts);
			}
		}
		const counts = { create: preview.counts.create, update: preview.counts.update };
		await recordImport(trx, actor, programme.id, 'logframe_import', staged.sha256, {
			file: staged.fileName,
			...counts,
			unchanged: preview.counts.unchanged
		});
		return counts;
	});
}
