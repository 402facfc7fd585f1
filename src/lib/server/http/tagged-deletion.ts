import type { Programme } from '$lib/model';
import type { Actor } from '../core/actor';
import { inTransaction, type Executor } from '../db/executor';
import { dropConstituentTags, type TaggedDeletion } from '../dialogue/tags';

// A record's deletion and the removal of the constituents tagged on it (issue 25) commit together:
// the dialogue domain owns the tags, the record's domain its deletion, and neither may call the
// other's writes, so the two meet here, in one transaction. A refused deletion (a stale version,
// data in an issued report) keeps the tags as well.

export async function deleteWithConstituents(
	db: Executor,
	actor: Actor,
	programme: Programme,
	record: TaggedDeletion,
	remove: (trx: Executor) => Promise<void>
): Promise<void> {
	await inTransaction(db, async (trx) => {
		// First: the tags of the records under it are found through the rows the deletion removes.
		await dropConstituentTags(trx, actor, programme, record);
		await remove(trx);
	});
}
