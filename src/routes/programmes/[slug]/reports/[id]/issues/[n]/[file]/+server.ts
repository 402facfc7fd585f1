import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import { issueDownload } from '$lib/server/reports/downloads';
import { getReport } from '$lib/server/reports/reports';
import type { RequestHandler } from './$types';

// The stored files of an issue, byte for byte as issued, and the snapshot JSON that was hashed.
// Every member may download an issue (donors too: it was issued); anything else is 404. The read
// API serves the same files to a token (api/v1/…/reports/[id]/issues/[n]/[file]).
export const GET: RequestHandler = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const db = getDb();
	const reportId = paramId(event.params.id);
	const number = paramId(event.params.n);
	await found(getReport(db, access.programme, access.viewer, reportId));
	return found(issueDownload(db, access.programme, reportId, number, event.params.file));
};
