import { getDb } from '$lib/server/db/connection';
import { instanceAction } from '$lib/server/http/actions';
import { paramId, requireInstance } from '$lib/server/http/guards';
import { programmeEditSchema, updateProgramme } from '$lib/server/programmes/fact-sheet';
import { toProgramme } from '$lib/server/programmes/programmes';
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireInstance(event, 'admin.manageProgrammes');
	const row = await getDb().selectFrom('programme').selectAll().where('id', '=', paramId(event.params.id)).executeTakeFirst();
	if (!row) error(404, 'not found');
	return { programme: toProgramme(row) };
};

export const actions = {
	update: (event) =>
		instanceAction(event, 'admin.manageProgrammes', programmeEditSchema, async ({ db, user, data, redirect }) => {
			await updateProgramme(db, user, paramId(event.params.id), data);
			redirect('saved');
		})
} satisfies Actions;
