import { getDb } from '$lib/server/db/connection';
import { exportIptt } from '$lib/server/exchange/export-files';
import { requireProgramme } from '$lib/server/http/guards';
import { download, exportRequest } from '../download';
import type { RequestHandler } from './$types';

// The IPTT workbook: every member may download it; donors get approved values only.
export const GET: RequestHandler = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const file = await exportIptt(getDb(), access.programme, access.viewer, exportRequest(event, access));
	return download(
		file,
		`${access.programme.slug}-iptt-${file.asOf}.xlsx`,
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	);
};
