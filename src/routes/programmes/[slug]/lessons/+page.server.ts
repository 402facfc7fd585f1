import { getDb } from '$lib/server/db/connection';
import { listLessons } from '$lib/server/evaluation/lesson-read';
import { requireProgramme } from '$lib/server/http/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const lessons = await listLessons(getDb(), access.programme, access.viewer, event.locals.locale);
	return { lessons, canWrite: access.can('lesson.write') };
};
