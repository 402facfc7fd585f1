import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import { listPeriods } from '$lib/server/programmes/programmes';
import { valuesTemplate } from '$lib/server/exchange/import-values';
import type { RequestHandler } from './$types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The values template: ?period=<id> for one period, ?period=all for every period. */
export const GET: RequestHandler = async (event) => {
	const access = await requireProgramme(event, event.params.slug, 'value.record');
	const db = getDb();
	const raw = event.url.searchParams.get('period') ?? 'all';
	const periods = await listPeriods(db, access.programme.id);
	const period = raw === 'all' ? null : periods.find((p) => String(p.id) === raw);
	if (period === undefined) error(404, 'not found');
	const body = await valuesTemplate(db, access.programme, event.locals.locale, period?.id ?? null);
	const name = `${access.programme.slug}-${period ? period.label : 'all'}.xlsx`.replace(/[^\w.-]+/g, '_');
	return new Response(new Uint8Array(body), {
		headers: { 'content-type': XLSX, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'private, no-store' }
	});
};
