import { loadDashboard, type DashboardLink } from '$lib/server/dashboard/dashboard';
import { parseAsOfQuery } from '$lib/server/dashboard/as-of-query';
import { getDb } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import { iatiBlocker } from '$lib/server/exchange/iati-activity';
import { issueWords, latestIssues } from '$lib/server/reports/issue';
import { formatDate } from '$lib/i18n/format';
import { loadFinance } from '$lib/server/finance/finance-read';
import { assessmentFor, assessProgramme } from '$lib/server/results/assessment';
import type { PageServerLoad } from './$types';
import { titleIn } from '$lib/content-language';

// The programme dashboard: read-only, approved data only, the same for every role that may see
// the programme (a non-member gets 404 from the guard).
export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const db = getDb();
	const { programme } = access;
	const locale = event.locals.locale;
	const base = `/programmes/${programme.slug}`;
	// The header's documents: the latest issued report (when there is one), the IPTT workbook, and
	// the IATI file only when the fact sheet lets it be valid, so no link leads nowhere.
	// "As of" a chosen date, the latest issue made by then: not a document that did not exist yet.
	const asOfQuery = parseAsOfQuery(event.url, programme);
	const cutOff = asOfQuery.asOf;
	const latest = (await latestIssues(db, [programme.id], { through: cutOff ?? undefined })).get(programme.id);
	const links: DashboardLink[] = [
		...(latest
			? [
					{
						kind: 'report' as const,
						// The issue itself, and in words the issue it corrects (that one is marked superseded).
						href: `${base}/reports/${latest.reportId}#issue-${latest.number}`,
						detail: `${titleIn(latest.title, locale)} · ${issueWords(locale, latest)} · ${formatDate(locale, latest.issuedAt.slice(0, 10))}`
					}
				]
			: []),
		{ kind: 'iptt', href: `${base}/export/iptt.xlsx` },
		...(iatiBlocker(programme) ? [] : [{ kind: 'iati' as const, href: `${base}/export/iati.xml` }])
	];
	// "As of" a chosen date (issue 19): judged as a report with that cut-off is (assessment.ts), and
	// every other record rewound by its own module's rule. A bad date keeps today's figures and
	// says why beside the field.
	// One assessment for the dashboard and its money-and-results section (issue 20), whose figures
	// follow the reader: donors count ended periods only.
	const assessment = cutOff ? await assessmentFor(db, programme, { cutOff, rewind: true }) : await assessProgramme(db, programme);
	const [dashboard, finance] = await Promise.all([
		loadDashboard(
			db,
			programme,
			access.viewer,
			cutOff ? { locale, links, asOf: cutOff, cutOff, rewind: true, assessment } : { locale, links, asOf: assessment.asOf, assessment }
		),
		loadFinance(
			db,
			programme,
			access.viewer,
			cutOff ? { asOf: assessment.asOf, assessment, cutOff } : { asOf: assessment.asOf, assessment }
		)
	]);
	return { dashboard, finance: finance.lines.length ? finance : null, asOfQuery };
};
