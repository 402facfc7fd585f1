import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { programmeAction } from '$lib/server/http/actions';
import { getDb } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import { listPeriods } from '$lib/server/programmes/programmes';
import { generatePeriods } from '$lib/server/programmes/period-generate';
import { listTeam } from '$lib/server/auth/team';
import { countIndicators } from '$lib/server/results/indicator-count';
import { PERIOD_PLANS } from '$lib/period-plan';
import { can } from '$lib/permissions';
import type { Actions, PageServerLoad } from './$types';

// The set-up checklist an administrator lands on after creating a programme (issue 22): periods,
// team, logframe, each saying whether it is done. Three statements whatever the programme's size.

export const load: PageServerLoad = async (event) => {
	const { programme, user } = await requireProgramme(event, event.params.slug, 'logframe.edit');
	const db = getDb();
	const [periods, team, indicators] = await Promise.all([
		listPeriods(db, programme.id),
		listTeam(db, programme.id, event.locals.locale),
		countIndicators(db, programme.id)
	]);
	return {
		periods: periods.map((p) => p.label),
		members: team.length,
		indicators,
		manageTeam: can({ isAdmin: user.isAdmin, roles: {} }, 'admin.manageUsers')
	};
};

export const actions = {
	/** The periods step: the periods page's own generation, answered here so the checklist stays in view. */
	generate: (event) =>
		programmeAction(event, 'logframe.edit', z.object({ plan: z.enum(PERIOD_PLANS) }), async ({ db, access, data }) => {
			const { created, skipped } = await generatePeriods(db, access.user, access.programme, data.plan);
			// Say what was generated (review of issue 22: the old "Created." stayed and said nothing).
			redirect(303, `/programmes/${access.programme.slug}/setup?notice=saved&generated=${created}&skipped=${skipped}`);
		})
} satisfies Actions;
