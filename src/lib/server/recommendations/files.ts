import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Executor } from '../db/executor';
import { uploadsDir } from '../core/attachments';

// Evidence files of adoption events. Attachments point at their owner by name and id (no foreign
// key), so deleting an event or a recommendation must drop its files' rows itself; the files on
// disk go only once the transaction has committed, so a rolled-back delete loses nothing.

export const EVENT_FILE_OWNER = 'adoption_event';

/** Deletes the attachment rows of these events and returns the stored names to remove after commit. */
export async function dropEventAttachments(db: Executor, programmeId: number, eventIds: number[]): Promise<string[]> {
	if (eventIds.length === 0) return [];
	const rows = await db
		.selectFrom('attachment')
		.select(['id', 'stored_name'])
		.where('programme_id', '=', programmeId)
		.where('owner_entity', '=', EVENT_FILE_OWNER)
		.where('owner_id', 'in', eventIds)
		.execute();
	if (rows.length)
		await db
			.deleteFrom('attachment')
			.where(
				'id',
				'in',
				rows.map((r) => r.id)
			)
			.execute();
	return rows.map((r) => r.stored_name);
}

export async function removeStoredFiles(storedNames: string[]): Promise<void> {
	await Promise.all(storedNames.map((name) => rm(join(uploadsDir(), name), { force: true })));
}
