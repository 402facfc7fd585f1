import { error } from '@sveltejs/kit';
import { LOCALES, type Locale } from '$lib/model';
import { composeReport } from '$lib/reports/compose';
import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import { originSettings } from '$lib/server/http/origin';
import { draftSnapshot, getReport } from '$lib/server/reports/reports';
import { hasPagedTables, pageDocument } from '$lib/reports/paging';
import { partChoiceFrom } from '$lib/server/reports/screen-data';
import type { PageServerLoad } from './$types';

// The whole draft as it would be issued now, in either language. Drafts are internal: a donor
// (or anyone without the right) gets 404, as if there were no such page. `?table=…&part=…` shows
// another part of a long table.
export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	if (!access.can('report.viewDraft')) error(404, 'not found');
	const db = getDb();
	const id = paramId(event.params.id);
	const report = await found(getReport(db, access.programme, access.viewer, id));
	const asked = event.url.searchParams.get('lang');
	const lang: Locale = (LOCALES as readonly string[]).includes(asked ?? '') ? (asked as Locale) : event.locals.locale;
	const snapshot = await draftSnapshot(db, access.programme, id, originSettings().configured ?? event.url.origin, {
		issuedBy: access.user.name
	});
	// Long tables one part at a time, and only the records the shown rows cite (issue 18 §3).
	const choice = partChoiceFrom(event.url);
	const document = pageDocument(composeReport(snapshot, lang), choice);
	return { report: { id: report.id, languages: report.languages }, lang, choice, document, paged: hasPagedTables(document) };
};
