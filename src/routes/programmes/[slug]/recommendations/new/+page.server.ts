import { programmeAction } from '$lib/server/actions';
import { getDb } from '$lib/server/db';
import { requireProgramme } from '$lib/server/guards';
import { redirectWithNotice } from '$lib/server/notices';
import { recommendationFormOptions } from '$lib/server/recommendation-detail';
import { createRecommendation, recommendationSchema } from '$lib/server/recommendations';
import { todayIso } from '$lib/server/results';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'recommendation.edit');
	return { options: await recommendationFormOptions(getDb(), programme.id) };
};

export const actions = {
	default: (event) =>
		programmeAction(event, 'recommendation.edit', recommendationSchema, async ({ db, access, data }) => {
			const id = await createRecommendation(db, access.user, access.programme, data, todayIso());
			redirectWithNotice(`/programmes/${access.programme.slug}/recommendations/${id}`, 'created');
		})
} satisfies Actions;
