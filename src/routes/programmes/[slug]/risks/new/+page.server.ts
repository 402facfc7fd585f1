import { programmeAction } from '$lib/server/http/actions';
import { riskTexts, writeTranslated } from '$lib/server/http/translations';
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
		programmeAction(event, 'risk.edit', riskCreateSchema.extend(riskTexts), async ({ db, access, data }) => {
			const { titleTranslation, descriptionTranslation, ...input } = data;
			const texts = { title: titleTranslation, description: descriptionTranslation };
			const id = await writeTranslated(db, access.user, access.programme, 'risk', texts, (trx) =>
				createRisk(trx, access.user, access.programme, input)
			);
			redirectWithNotice(`/programmes/${access.programme.slug}/risks/${id}`, 'created');
		})
} satisfies Actions;
