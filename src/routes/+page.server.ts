import { getDb } from '$lib/server/db/connection';
import { requireUser } from '$lib/server/http/guards';
import { listPortfolio } from '$lib/server/programmes/programmes';
import { portfolioFigures } from '$lib/server/portfolio/portfolio';
import { portfolioTexts } from '$lib/server/portfolio/portfolio-texts';
import { assessProgrammes, countStatuses, countUpdatesOverdue } from '$lib/server/results/assessment';
import { todayIso } from '$lib/server/core/dates';
import { budgetTotals } from '$lib/server/finance/budget-totals';
import { programmeBudgetMinor } from '$lib/finance-rules';
import { loadInbox } from '$lib/server/inbox/inbox';
import { issueWords, latestIssues, type LatestIssue } from '$lib/server/reports/issue';
import type { Locale } from '$lib/model';
import { formatDate } from '$lib/i18n/format';
import type { PageServerLoad } from './$types';
import { titleIn } from '$lib/content-language';

function lastReportOf(issue: LatestIssue | undefined, slug: string, locale: Locale): { href: string; label: string } | null {
	if (!issue) return null;
	const title = titleIn(issue.title, locale);
	return {
		href: `/programmes/${slug}/reports/${issue.reportId}#issue-${issue.number}`,
		label: `${title} · ${issueWords(locale, issue)} · ${formatDate(locale, issue.issuedAt.slice(0, 10))}`
	};
}

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	const portfolio = await listPortfolio(db, user, event.locals.locale);
	// One assessment for all programmes at once: the portfolio costs the same few statements
	// whether the user sees one programme or forty.
	const asOf = todayIso();
	const [assessed, figures, issues, texts, budgets] = await Promise.all([
		assessProgrammes(
			db,
			portfolio.map((e) => e.programme),
			asOf
		),
		portfolioFigures(
			db,
			portfolio.map((e) => e.programme.id),
			asOf
		),
		latestIssues(
			db,
			portfolio.map((e) => e.programme.id)
		),
		portfolioTexts(
			db,
			portfolio.map((e) => e.programme),
			event.locals.locale
		),
		budgetTotals(
			db,
			portfolio.map((e) => e.programme.id),
			asOf
		)
	]);
	const locale = event.locals.locale;
	// The same assessment feeds "needs my action", so the cards' counts cost no second one.
	const inbox = await loadInbox(db, user, portfolio, asOf, assessed);
	const waiting = new Map(inbox.programmes.map((p) => [p.programme.id, p.items.length]));
	return {
		inboxTotal: inbox.total,
		portfolio: portfolio.map((entry) => ({
			...entry,
			needsAction: waiting.get(entry.programme.id) ?? 0,
			statusCounts: countStatuses(assessed.get(entry.programme.id)?.assessments.values() ?? []),
			updatesOverdue: countUpdatesOverdue(assessed.get(entry.programme.id)?.assessments.values() ?? []),
			...figures.get(entry.programme.id)!,
			// The last issued report of each programme, read for all programmes at once.
			lastReport: lastReportOf(issues.get(entry.programme.id), entry.programme.slug, locale),
			texts: texts.get(entry.programme.id)!,
			// The budget by the one rule the dashboard and the reports use (finance-rules.ts).
			budgetMinor: programmeBudgetMinor(entry.programme.budgetCents, budgets.get(entry.programme.id))
		}))
	};
};
