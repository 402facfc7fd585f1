import { z } from 'zod';
import { getDb } from '$lib/server/db/connection';
import { versionField } from '$lib/server/core/validation';
import { deleteDialogueEvent, dialogueEventEditSchema, dialogueEventIn, updateDialogueEvent } from '$lib/server/dialogue/events';
import { deleteAction, programmeAction } from '$lib/server/http/actions';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import type { Actions, PageServerLoad } from './$types';
import { createI18n } from '$lib/i18n/context';

// Editing or deleting one social-dialogue event (issue 25): coordinators only, on the version the
// form was read at; a delete is confirmed first.
export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'logframe.edit');
	return { event: await found(dialogueEventIn(getDb(), programme.id, paramId(event.params.id))) };
};

export const actions = {
	update: (event) =>
		programmeAction(event, 'logframe.edit', dialogueEventEditSchema, async ({ db, access, data: { version, ...input }, redirect }) => {
			const id = paramId(event.params.id);
			await updateDialogueEvent(db, access.user, access.programme, id, version, input);
			redirect('saved', { route: '/programmes/[slug]/dialogue', hash: `event-${id}` });
		}),
	/** Without `confirm`, answers with what would go; with it, deletes. */
	delete: (event) =>
		deleteAction(event, 'logframe.edit', z.object({ version: versionField() }), {
			impact: async ({ db, access, data }) => {
				const e = await dialogueEventIn(db, access.programme.id, paramId(event.params.id));
				// The date in the reader's format, as everywhere else.
				const date = createI18n(() => event.locals.locale).date(e.heldOn);
				return { version: data.version, name: `${date} · ${e.body}`, parties: e.parties.length };
			},
			remove: ({ db, access, data }) => deleteDialogueEvent(db, access.user, access.programme, paramId(event.params.id), data.version),
			done: ({ redirect }) => redirect('deleted', { route: '/programmes/[slug]/dialogue', hash: 'events' })
		})
} satisfies Actions;
