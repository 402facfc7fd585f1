import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import { originSettings } from '$lib/server/http/origin';
import { getReport } from '$lib/server/reports/reports';
import { citableFor, searchCitable, searchSchema } from '$lib/server/reports/screen-data';
import type { RequestHandler } from './$types';

// The citation search of the report editor (issue 18 §3): the records of the draft whose code or
// label holds every word of `q`, at most a screenful, instead of every record in the page. Only
// those who may read the draft may search it; a bad query is read as no query.
export const GET: RequestHandler = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	if (!access.can('report.viewDraft')) error(404, 'not found');
	const db = getDb();
	const id = paramId(event.params.id);
	await found(getReport(db, access.programme, access.viewer, id));
	const query = searchSchema.parse(event.url.searchParams.get('q') ?? '');
	const lang = event.locals.locale;
	const records = await citableFor(db, access.programme, id, lang, originSettings().configured ?? event.url.origin);
	return json({ query, ...searchCitable(records, query) }, { headers: { 'Cache-Control': 'private, no-store' } });
};
