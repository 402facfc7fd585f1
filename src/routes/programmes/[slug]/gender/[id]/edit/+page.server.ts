import { z } from 'zod';
import { genderActionTexts, writeTranslated } from '$lib/server/http/translations';
import { deleteAction, programmeAction } from '$lib/server/http/actions';
import { getDb } from '$lib/server/db/connection';
import { deleteGenderAction, genderActionEditSchema, genderActionIn, updateGenderAction } from '$lib/server/gender/actions';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import { listModules } from '$lib/server/programmes/programmes';
import { listIndicatorChoices } from '$lib/server/results/indicators';
import { versionField } from '$lib/server/core/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'gender.edit');
	const db = getDb();
	const [action, modules, indicators] = await Promise.all([
		found(genderActionIn(db, programme.id, paramId(event.params.id))),
		listModules(db, programme.id),
		listIndicatorChoices(db, programme.id, { disaggregatedOnly: true })
	]);
	return { action, modules: modules.map((m) => ({ id: m.id, code: m.code, title: m.title })), indicators };
};

const back = (slug: string) => `/programmes/${slug}/gender`;

export const actions = {
	update: (event) =>
		programmeAction(event, 'gender.edit', genderActionEditSchema.extend(genderActionTexts), async ({ db, access, data }) => {
			const { version, titleTranslation, descriptionTranslation, ...input } = data;
			const id = paramId(event.params.id);
			const texts = { title: titleTranslation, description: descriptionTranslation };
			await writeTranslated(db, access.user, access.programme, 'gender_action', texts, async (trx) => {
				await updateGenderAction(trx, access.user, access.programme, id, version, input);
				return id;
			});
			redirectWithNotice(back(access.programme.slug), 'saved');
		}),
	/** Without `confirm`, answers with what would go; with it, deletes. */
	delete: (event) =>
		deleteAction(event, 'gender.edit', z.object({ version: versionField() }), {
			impact: async ({ db, access, data }) => ({
				version: data.version,
				links: (await genderActionIn(db, access.programme.id, paramId(event.params.id))).indicatorIds.length
			}),
			remove: ({ db, access, data }) => deleteGenderAction(db, access.user, access.programme, paramId(event.params.id), data.version),
			done: ({ redirect }) => redirect('deleted', { route: '/programmes/[slug]/gender' })
		})
} satisfies Actions;
