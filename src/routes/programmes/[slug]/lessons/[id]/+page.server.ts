import { getDb } from '$lib/server/db/connection';
import { getLesson } from '$lib/server/evaluation/lesson-read';
import { lessonValidateSchema, validateLesson } from '$lib/server/evaluation/lessons';
import { programmeAction } from '$lib/server/http/actions';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const lesson = await found(getLesson(getDb(), access.programme, access.viewer, paramId(event.params.id)));
	return { lesson, canWrite: access.can('lesson.write'), canValidate: access.can('lesson.validate') };
};

export const actions = {
	validate: (event) =>
		programmeAction(event, 'lesson.validate', lessonValidateSchema, async ({ db, access, data, redirect }) => {
			await validateLesson(db, access.user, access.programme, paramId(event.params.id), data.version);
			redirect('saved');
		})
} satisfies Actions;
