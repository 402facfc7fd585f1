import { getDb } from '$lib/server/db/connection';
import { instanceAction } from '$lib/server/http/actions';
import { paramId, requireInstance } from '$lib/server/http/guards';
import { programmeEditSchema, updateProgramme } from '$lib/server/programmes/fact-sheet';
import { toProgramme } from '$lib/server/programmes/programmes';
import { error } from '@sveltejs/kit';
import { recordTranslations } from '$lib/server/core/translations';
import { programmeTexts, translationLocale, writeProgrammeTranslated } from '$lib/server/http/translations';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireInstance(event, 'admin.manageProgrammes');
	const row = await getDb().selectFrom('programme').selectAll().where('id', '=', paramId(event.params.id)).executeTakeFirst();
	if (!row) error(404, 'not found');
	const programme = toProgramme(row);
	return { programme, translations: await recordTranslations(getDb(), 'programme', programme.id, translationLocale(programme)) };
};

export const actions = {
	update: (event) =>
		instanceAction(event, 'admin.manageProgrammes', programmeEditSchema.extend(programmeTexts), async ({ db, user, data, redirect }) => {
			const { titleTranslation, summaryTranslation, donorTranslation, partnersTranslation, ...input } = data;
			const id = paramId(event.params.id);
			await writeProgrammeTranslated(
				db,
				user,
				input.contentLanguage,
				{ title: titleTranslation, summary: summaryTranslation, donor: donorTranslation, partners: partnersTranslation },
				async (trx) => {
					await updateProgramme(trx, user, id, input);
					return id;
				}
			);
			redirect('saved');
		})
} satisfies Actions;
