import { getDb } from '$lib/server/db/connection';
import { instanceAction } from '$lib/server/http/actions';
import { paramId, requireInstance } from '$lib/server/http/guards';
import { programmeEditSchema, updateProgramme } from '$lib/server/programmes/fact-sheet';
import { toProgramme } from '$lib/server/programmes/programmes';
import { error } from '@sveltejs/kit';
import { recordTranslations } from '$lib/server/core/translations';
import { programmeTexts, translationLocale, writeProgrammeTranslated } from '$lib/server/http/translations';
import { donorFactsSchema, readDonorFacts, updateDonorFacts } from '$lib/server/programmes/donor-facts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireInstance(event, 'admin.manageProgrammes');
	const row = await getDb().selectFrom('programme').selectAll().where('id', '=', paramId(event.params.id)).executeTakeFirst();
	if (!row) error(404, 'not found');
	const programme = toProgramme(row);
	const [translations, donorFacts] = await Promise.all([
		recordTranslations(getDb(), 'programme', programme.id, translationLocale(programme)),
		readDonorFacts(getDb(), programme.id)
	]);
	return { programme, translations, donorFacts };
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
		}),
	// The facts the donors' own formats print (issue 21), with their translations.
	donorFacts: (event) =>
		instanceAction(event, 'admin.manageProgrammes', donorFactsSchema, async ({ db, user, data, redirect }) => {
			const row = await db.selectFrom('programme').selectAll().where('id', '=', paramId(event.params.id)).executeTakeFirst();
			if (!row) error(404, 'not found');
			await updateDonorFacts(db, user, toProgramme(row), data);
			redirect('saved');
		})
} satisfies Actions;
