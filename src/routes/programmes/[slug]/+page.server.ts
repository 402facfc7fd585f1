import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/connection';
import { loadGenderCheck } from '$lib/server/gender/strategy';
import { requireProgramme } from '$lib/server/http/guards';
import { getLogframe, listPeriods } from '$lib/server/programmes/programmes';
import { listRisksNeedingReview } from '$lib/server/risks/register';
import { todayIso } from '$lib/server/core/dates';
import { budgetTotals } from '$lib/server/finance/budget-totals';
import { programmeBudgetMinor } from '$lib/finance-rules';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const { programme } = access;
	// A reader outside the team (a donor) lands on the dashboard, as design §4 says: the overview is
	// the team's working page (reviews due, gender check), built from drafts a donor never sees.
	if (!access.can('programme.viewInternal')) redirect(303, `/programmes/${programme.slug}/dashboard`);
	const db = getDb();
	const [logframe, periods, reviewNeeded, genderCheck, budgets] = await Promise.all([
		getLogframe(db, programme.id),
		listPeriods(db, programme.id),
		listRisksNeedingReview(db, programme, access.viewer),
		loadGenderCheck(db, programme, access.viewer),
		budgetTotals(db, [programme.id], todayIso())
	]);
	// The overview needs only what the flags say, not each entry's whole record.
	return {
		logframe,
		periods,
		reviewNeeded: reviewNeeded.map((r) => ({
			id: r.id,
			code: r.code,
			title: r.title,
			kind: r.kind,
			band: r.band,
			score: r.score,
			nextReviewDate: r.nextReviewDate,
			flag: r.reviewNeeded!
		})),
		genderCheck,
		// The budget by the one rule the dashboard, the portfolio and the reports use.
		budgetMinor: programmeBudgetMinor(programme.budgetCents, budgets.get(programme.id))
	};
};
