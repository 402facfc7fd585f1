import { getDb } from '$lib/server/db/connection';
import { loadLinkChoices } from '$lib/server/evaluation/choices';
import { getLesson } from '$lib/server/evaluation/lesson-read';
import { lessonEditSchema, updateLesson } from '$lib/server/evaluation/lessons';
import { programmeAction } from '$lib/server/http/actions';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug, 'lesson.write');
	const db = getDb();
	const [lesson, choices] = await Promise.all([
		found(getLesson(db, access.programme, access.viewer, paramId(event.params.id))),
		loadLinkChoices(db, access.programme.id)
	]);
	return { lesson, choices };
};

export const actions = {
	update: (event) =>
		programmeAction(event, 'lesson.write', lessonEditSchema, async ({ db, access, data }) => {
			const id = paramId(event.params.id);
			const { version, ...input } = data;
			await updateLesson(db, access.user, access.programme, id, version, input);
			redirectWithNotice(`/programmes/${access.programme.slug}/lessons/${id}`, 'saved');
		})
} satisfies Actions;
