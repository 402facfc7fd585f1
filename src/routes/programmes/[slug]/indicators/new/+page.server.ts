import { z } from 'zod';
import { programmeAction } from '$lib/server/http/actions';
import { getDb } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import { indicatorTexts, writeTranslated } from '$lib/server/http/translations';
import { createIndicator, indicatorSchema } from '$lib/server/results/indicators';
import { redirectWithNotice } from '$lib/server/http/notices';
import { getLogframe } from '$lib/server/programmes/programmes';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'indicator.edit');
	return { logframe: await getLogframe(getDb(), programme.id) };
};

export const actions = {
	default: (event) =>
		programmeAction(event, 'indicator.edit', z.intersection(indicatorSchema, indicatorTexts), async ({ db, access, data }) => {
			const { titleTranslation, definitionTranslation, unitTranslation, ...input } = data;
			const texts = { title: titleTranslation, definition: definitionTranslation, unit: unitTranslation };
			const id = await writeTranslated(db, access.user, access.programme, 'indicator', texts, (trx) =>
				createIndicator(trx, access.user, access.programme, input)
			);
			redirectWithNotice(`/programmes/${access.programme.slug}/indicators/${id}/edit`, 'created', 'targets');
		})
} satisfies Actions;
