import type { z } from 'zod';
import type { Executor } from '../db/executor';
import type { ApiProgrammeAccess } from './access';
import { enc, listLinks, type AnswerContext } from './answer';
import type { PageRequest } from './cursor';
import type { reportListSchema } from './schemas';

/**
 * Issued reports (metadata and file links). Reports are not stored by this version of Avance:
 * there is no report table yet, so every programme answers an empty list in the final shape,
 * and clients written against it keep working once reports are issued.
 */
export async function readReports(
	_db: Executor,
	access: ApiProgrammeAccess,
	ctx: AnswerContext,
	page: PageRequest
): Promise<z.output<typeof reportListSchema>> {
	return {
		data: [],
		pagination: { limit: page.limit, nextCursor: null },
		links: listLinks(ctx, `/programmes/${enc(access.programme.slug)}`, null)
	};
}
