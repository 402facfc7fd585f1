import { getDb } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import { logframeTemplate } from '$lib/server/exchange/import-logframe';
import { libraryCodes } from '$lib/server/library/links';
import type { RequestHandler } from './$types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The logframe workbook as it stands, with the programme's periods as milestone columns. */
export const GET: RequestHandler = async (event) => {
	const access = await requireProgramme(event, event.params.slug, 'logframe.edit');
	await requireProgramme(event, event.params.slug, 'indicator.edit');
	const db = getDb();
	const body = await logframeTemplate(db, access.programme, event.locals.locale, await libraryCodes(db, access.programme.id));
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': XLSX,
			'content-disposition': `attachment; filename="${access.programme.slug}-logframe.xlsx"`,
			'cache-control': 'private, no-store'
		}
	});
};
