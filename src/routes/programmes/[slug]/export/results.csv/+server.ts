import { getDb } from '$lib/server/db/connection';
import { exportResultsCsv } from '$lib/server/exchange/export-files';
import { requireProgramme } from '$lib/server/http/guards';
import { download, exportRequest } from '../download';
import type { RequestHandler } from './$types';

// The results as CSV, one row per indicator × period; donors get approved values only.
export const GET: RequestHandler = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const file = await exportResultsCsv(getDb(), access.programme, access.viewer, exportRequest(event, access));
	return download(file, `${access.programme.slug}-results-${file.asOf}.csv`, 'text/csv; charset=utf-8');
};
