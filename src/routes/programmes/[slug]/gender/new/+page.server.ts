import { programmeAction } from '$lib/server/http/actions';
import { genderActionTexts, writeTranslated } from '$lib/server/http/translations';
import { getDb } from '$lib/server/db/connection';
import { createGenderAction, genderActionSchema } from '$lib/server/gender/actions';
import { requireProgramme } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import { listModules } from '$lib/server/programmes/programmes';
import { listIndicatorChoices } from '$lib/server/results/indicators';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'gender.edit');
	const db = getDb();
	const [modules, indicators] = await Promise.all([
		listModules(db, programme.id),
		listIndicatorChoices(db, programme.id, { disaggregatedOnly: true })
	]);
	// A module chosen on the strategy page (?module=<id>) starts selected.
	const chosen = Number(event.url.searchParams.get('module'));
	return {
		modules: modules.map((m) => ({ id: m.id, code: m.code, title: m.title })),
		indicators,
		moduleId: modules.some((m) => m.id === chosen) ? chosen : null
	};
};

export const actions = {
	create: (event) =>
		programmeAction(event, 'gender.edit', genderActionSchema.extend(genderActionTexts), async ({ db, access, data }) => {
			const { titleTranslation, descriptionTranslation, ...input } = data;
			const texts = { title: titleTranslation, description: descriptionTranslation };
			await writeTranslated(db, access.user, access.programme, 'gender_action', texts, (trx) =>
				createGenderAction(trx, access.user, access.programme, input)
			);
			redirectWithNotice(`/programmes/${access.programme.slug}/gender`, 'created');
		})
} satisfies Actions;
