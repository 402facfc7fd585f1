import type { UpdateResult } from 'kysely';
import { ConflictError } from './errors';

/**
 * Every versioned update is written `where id = ? and version = ?` and bumps the version. When no
 * row matched, the record exists (the caller loaded it just before) but someone saved first.
 */
export function assertSaved(result: UpdateResult, entity: string, id: number): void {
	if (Number(result.numUpdatedRows) === 0) throw new ConflictError(entity, id);
}
