import { fail, type ActionFailure } from '@sveltejs/kit';
import type { Locale, Programme } from '$lib/model';
import { formatDateTime } from '$lib/i18n/format';
import { translate, translateDynamic } from '$lib/i18n/translate';
import type { Actor } from '../core/actor';
import { inTransaction, type Executor } from '../db/executor';
import { ImportRefusal, type DecimalSeparator, type FileKind } from '../exchange/import-file';
import { findImport, readStaged, recordImport, type PriorImport } from '../exchange/import-staging';
import { checkValueFile } from '../exchange/import-values';
import { saveValueRows } from '../results/value-batch';
import { formValues, type FormFailure } from './forms';

// The writes of an import, composed here (the http layer may call every domain's writes; a domain
// may not call another's): the staged file is checked again inside the transaction, its good rows
// saved by their owning domain, and the import's audit row written, all or nothing.

export interface ImportFailure extends FormFailure {
	refused: true;
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
