import { getDb } from '$lib/server/db';
import { requireProgramme } from '$lib/server/guards';
import { getLogframe, listPeriods } from '$lib/server/programmes';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug);
	const db = getDb();
	const [logframe, periods] = await Promise.all([getLogframe(db, programme.id), listPeriods(db, programme.id)]);
	return { logframe, periods };
};
