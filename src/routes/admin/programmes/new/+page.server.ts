import { instanceAction } from '$lib/server/http/actions';
import { requireInstance } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import { programmeTexts, writeProgrammeTranslated } from '$lib/server/http/translations';
import { createProgramme, programmeCreateSchema } from '$lib/server/programmes/fact-sheet';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireInstance(event, 'admin.manageProgrammes');
	return {};
};

export const actions = {
	default: (event) =>
		instanceAction(event, 'admin.manageProgrammes', programmeCreateSchema.extend(programmeTexts), async ({ db, user, data }) => {
			const { titleTranslation, summaryTranslation, donorTranslation, partnersTranslation, ...input } = data;
			const texts = { title: titleTranslation, summary: summaryTranslation, donor: donorTranslation, partners: partnersTranslation };
			await writeProgrammeTranslated(db, user, input.contentLanguage, texts, async (trx) => (await createProgramme(trx, user, input)).id);
			// Next steps first: the programme's set-up checklist (periods, team, logframe; issue 22).
			redirectWithNotice(`/programmes/${encodeURIComponent(input.slug)}/setup`, 'created');
		})
} satisfies Actions;
