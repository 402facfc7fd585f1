import type { Locale, Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { inTransaction, type Executor } from '../db/executor';
import { checkExpenditureFile } from '../exchange/import-expenditure';
import { ImportRefusal, type FileKind } from '../exchange/import-file';
import { findImport, readStaged, recordImport } from '../exchange/import-staging';
import { saveImportedExpenditure } from '../finance/expenditure';
import { AlreadyImported } from './imports';

// The writes of an expenditure import, composed here as the values import's are (http/imports.ts):
// the staged copy is checked again inside the transaction (a period locked or a line deleted since
// the preview refuses it now), then every row is written by the finance domain and the import's
// audit row, named by the file's SHA-256, in the same transaction: all or nothing. The same bytes
// imported twice are refused (AlreadyImported), so a re-upload never counts money twice.

export async function confirmExpenditureImport(
	db: Executor,
	actor: Actor,
	programme: Programme,
	locale: Locale,
	staged: { sha256: string; kind: FileKind; fileName: string }
): Promise<number> {
	const bytes = await readStaged(programme.id, staged.sha256, staged.kind);
	return inTransaction(db, async (trx) => {
		const prior = await findImport(trx, programme.id, 'expenditure_import', staged.sha256);
		if (prior) throw new AlreadyImported(prior);
		const check = await checkExpenditureFile(trx, programme, locale, { bytes, fileName: `x.${staged.kind}` });
		if (check.preview.counts.refused > 0 || check.rows.length === 0) throw new ImportRefusal('finance.import.refusedRows');
		const saved = await saveImportedExpenditure(trx, actor, programme, staged.sha256, check.rows);
		await recordImport(trx, actor, programme.id, 'expenditure_import', staged.sha256, {
			file: staged.fileName,
			kind: staged.kind,
			saved,
			refunds: check.preview.counts.refunds,
			totalMinor: check.preview.totalMinor,
			byLine: check.preview.byLine
		});
		return saved;
	});
}
