import { instanceAction } from '$lib/server/http/actions';
import { requireInstance } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import { createProgramme, programmeCreateSchema } from '$lib/server/programmes/fact-sheet';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireInstance(event, 'admin.manageProgrammes');
	return {};
};

export const actions = {
	default: (event) =>
		instanceAction(event, 'admin.manageProgrammes', programmeCreateSchema, async ({ db, user, data }) => {
			const programme = await createProgramme(db, user, data);
			redirectWithNotice(`/admin/programmes/${programme.id}`, 'created');
		})
} satisfies Actions;
