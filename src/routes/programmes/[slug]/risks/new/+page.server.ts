import { programmeAction } from '$lib/server/http/actions';
import { getDb } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import { getLogframe } from '$lib/server/programmes/programmes';
import { todayIso } from '$lib/server/core/dates';
import { createRisk, riskCreateSchema } from '$lib/server/risks/risks';
import { listIndicatorChoices } from '$lib/server/results/indicators';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'risk.edit');
	const db = getDb();
	const [logframe, indicators] = await Promise.all([getLogframe(db, programme.id), listIndicatorChoices(db, programme.id)]);
	return { logframe, indicators, today: todayIso() };
};

export const actions = {
	create: (event) =>
		programmeAction(event, 'risk.edit', riskCreateSchema, async ({ db, access, data }) => {
			const id = await createRisk(db, access.user, access.programme, data);
			redirectWithNotice(`/programmes/${access.programme.slug}/risks/${id}`, 'created');
		})
} satisfies Actions;
