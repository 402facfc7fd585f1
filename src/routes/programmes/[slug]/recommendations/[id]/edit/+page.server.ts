import { z } from 'zod';
import { recommendationTexts, writeTranslated } from '$lib/server/http/translations';
import { deleteAction, programmeAction } from '$lib/server/http/actions';
import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import { deleteWithConstituents } from '$lib/server/http/tagged-deletion';
import { recommendationFormOptions } from '$lib/server/recommendations/detail';
import { linksOf } from '$lib/server/recommendations/links';
import {
	deleteRecommendation,
	recommendationDeletionImpact,
	recommendationIn,
	recommendationSchema,
	toRecommendation,
	updateRecommendation
} from '$lib/server/recommendations/recommendations';
import { todayIso } from '$lib/server/core/dates';
import { versionField } from '$lib/server/core/validation';
import { constituentFormFields, constituentTags, setConstituents } from '$lib/server/dialogue/tags';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'recommendation.edit');
	const db = getDb();
	const row = await found(recommendationIn(db, programme.id, paramId(event.params.id)));
	const [options, links, tags] = await Promise.all([
		recommendationFormOptions(db, programme.id),
		linksOf(db, row.id),
		constituentTags(db, programme.id)
	]);
	// The status is not edited here (it is the ladder's), so it is not looked up either.
	return { recommendation: toRecommendation(row, 'proposed'), links, options, constituents: tags.recommendation.get(row.id) ?? [] };
};

const detail = (slug: string, id: number) => `/programmes/${slug}/recommendations/${id}`;

export const actions = {
	update: (event) =>
		programmeAction(
			event,
			'recommendation.edit',
			recommendationSchema.extend({ version: versionField() }).extend(recommendationTexts).extend(constituentFormFields),
			async ({ db, access, data: { version, textTranslation, addressedToTranslation, constituents, constituentsShown, ...input } }) => {
				const id = paramId(event.params.id);
				await writeTranslated(
					db,
					access.user,
					access.programme,
					'recommendation',
					{ text: textTranslation, addressedTo: addressedToTranslation },
					async (trx) => {
						await updateRecommendation(trx, access.user, access.programme, id, version, input, todayIso());
						// Who took part (issue 25), in the same transaction, after the version check above.
						if (constituentsShown) await setConstituents(trx, access.user, access.programme, 'recommendation', id, constituents);
						return id;
					}
				);
				redirectWithNotice(detail(access.programme.slug, id), 'saved');
			}
		),
	/** Without `confirm`, answers with what would go; with it, deletes. */
	delete: (event) =>
		deleteAction(event, 'recommendation.edit', z.object({ version: versionField() }), {
			impact: async ({ db, access, data }) => ({
				version: data.version,
				impact: await recommendationDeletionImpact(db, access.programme.id, paramId(event.params.id))
			}),
			remove: ({ db, access, data }) =>
				deleteWithConstituents(db, access.user, access.programme, { entity: 'recommendation', id: paramId(event.params.id) }, (trx) =>
					deleteRecommendation(trx, access.user, access.programme, paramId(event.params.id), data.version)
				),
			done: ({ redirect }) => redirect('deleted', { route: '/programmes/[slug]/recommendations' })
		})
} satisfies Actions;
