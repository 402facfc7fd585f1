import type { Locale } from '$lib/model';
import { composeReport } from '$lib/reports/compose';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import { issueOf } from '$lib/server/reports/issue';
import { getReport } from '$lib/server/reports/reports';
import type { PageServerLoad } from './$types';

// The accessible HTML edition of an issue: the document the issued PDF and DOCX lay out, composed
// from the same frozen snapshot, as a web page (the PDF cannot carry a real structure tree, and
// links here). Whoever may download the issue's files may read it; anything else is 404.
export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const db = getDb();
	const reportId = paramId(event.params.id);
	const number = paramId(event.params.n);
	await found(getReport(db, access.programme, access.viewer, reportId));
	const issue = await found(issueOf(db, access.programme.id, reportId, number));
	const snapshot = JSON.parse(issue.snapshot) as ReportSnapshot;
	const languages = snapshot.report.languages;
	const asked = event.url.searchParams.get('lang') ?? event.locals.locale;
	const lang: Locale = (languages as readonly string[]).includes(asked) ? (asked as Locale) : languages[0]!;
	return {
		report: { id: reportId, number, languages, sha256: issue.snapshot_sha256 },
		lang,
		document: composeReport(snapshot, lang)
	};
};
