import { getDb } from '$lib/server/db/connection';
import { loadLinkChoices } from '$lib/server/evaluation/choices';
import { createLesson, lessonCreateSchema } from '$lib/server/evaluation/lessons';
import { programmeAction } from '$lib/server/http/actions';
import { requireProgramme } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'lesson.write');
	const kind = event.url.searchParams.get('kind') === 'practice' ? ('practice' as const) : ('lesson' as const);
	return { kind, choices: await loadLinkChoices(getDb(), programme.id) };
};

export const actions = {
	create: (event) =>
		programmeAction(event, 'lesson.write', lessonCreateSchema, async ({ db, access, data }) => {
			const id = await createLesson(db, access.user, access.programme, data);
			redirectWithNotice(`/programmes/${access.programme.slug}/lessons/${id}`, 'created');
		})
} satisfies Actions;
