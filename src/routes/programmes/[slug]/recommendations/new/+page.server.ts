import { programmeAction } from '$lib/server/http/actions';
import { recommendationTexts, writeTranslated } from '$lib/server/http/translations';
import { getDb } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import { recommendationFormOptions } from '$lib/server/recommendations/detail';
import { createRecommendation, recommendationSchema } from '$lib/server/recommendations/recommendations';
import { todayIso } from '$lib/server/core/dates';
import { constituentFormFields, setConstituents } from '$lib/server/dialogue/tags';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'recommendation.edit');
	return { options: await recommendationFormOptions(getDb(), programme.id) };
};

export const actions = {
	default: (event) =>
		programmeAction(
			event,
			'recommendation.edit',
			recommendationSchema.extend(recommendationTexts).extend(constituentFormFields),
			async ({ db, access, data }) => {
				const { textTranslation, addressedToTranslation, constituents, constituentsShown, ...input } = data;
				const id = await writeTranslated(
					db,
					access.user,
					access.programme,
					'recommendation',
					{ text: textTranslation, addressedTo: addressedToTranslation },
					async (trx) => {
						const id = await createRecommendation(trx, access.user, access.programme, input, todayIso());
						// Who took part (issue 25), in the same transaction.
						if (constituentsShown) await setConstituents(trx, access.user, access.programme, 'recommendation', id, constituents);
						return id;
					}
				);
				redirectWithNotice(`/programmes/${access.programme.slug}/recommendations/${id}`, 'created');
			}
		)
} satisfies Actions;
