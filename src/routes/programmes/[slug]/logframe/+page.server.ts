import { z } from 'zod';
import { getDb } from '$lib/server/db/connection';
import { deleteAction, programmeAction } from '$lib/server/http/actions';
import { requireProgramme } from '$lib/server/http/guards';
import {
	activitySchema,
	createActivity,
	createModule,
	createOutput,
	deleteLogframeItem,
	deletionImpact,
	moduleSchema,
	moveLogframeItem,
	outputSchema,
	updateActivity,
	updateModule,
	updateOutput
} from '$lib/server/programmes/logframe';
import { getLogframe } from '$lib/server/programmes/programmes';
import { idField, versionField } from '$lib/server/core/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'logframe.edit');
	return { logframe: await getLogframe(getDb(), programme.id) };
};

const entity = z.enum(['module', 'output', 'activity']);
const withVersion = { id: idField(), version: versionField() };

export const actions = {
	createModule: (event) =>
		programmeAction(event, 'logframe.edit', moduleSchema, async ({ db, access, data, redirect }) => {
			const id = await createModule(db, access.user, access.programme, data);
			redirect('created', { hash: `module-${id}` });
		}),
	updateModule: (event) =>
		programmeAction(
			event,
			'logframe.edit',
			moduleSchema.extend(withVersion),
			async ({ db, access, data: { id, version, ...input }, redirect }) => {
				await updateModule(db, access.user, access.programme, id, version, input);
				redirect('saved', { hash: `module-${id}` });
			}
		),
	createOutput: (event) =>
		programmeAction(event, 'logframe.edit', outputSchema, async ({ db, access, data, redirect }) => {
			const id = await createOutput(db, access.user, access.programme, data);
			redirect('created', { hash: `output-${id}` });
		}),
	updateOutput: (event) =>
		programmeAction(
			event,
			'logframe.edit',
			outputSchema.extend(withVersion),
			async ({ db, access, data: { id, version, ...input }, redirect }) => {
				await updateOutput(db, access.user, access.programme, id, version, input);
				redirect('saved', { hash: `output-${id}` });
			}
		),
	createActivity: (event) =>
		programmeAction(event, 'logframe.edit', activitySchema, async ({ db, access, data, redirect }) => {
			const id = await createActivity(db, access.user, access.programme, data);
			redirect('created', { hash: `activity-${id}` });
		}),
	updateActivity: (event) =>
		programmeAction(
			event,
			'logframe.edit',
			activitySchema.extend(withVersion),
			async ({ db, access, data: { id, version, ...input }, redirect }) => {
				await updateActivity(db, access.user, access.programme, id, version, input);
				redirect('saved', { hash: `activity-${id}` });
			}
		),
	move: (event) =>
		programmeAction(
			event,
			'logframe.edit',
			z.object({ entity, id: idField(), direction: z.enum(['up', 'down']) }),
			async ({ db, access, data, redirect }) => {
				await moveLogframeItem(db, access.user, access.programme, data.entity, data.id, data.direction);
				redirect('moved', { hash: `${data.entity}-${data.id}` });
			}
		),
	/** Without `confirm`, answers with what would go; with it, deletes. */
	delete: (event) =>
		deleteAction(event, 'logframe.edit', z.object({ entity, ...withVersion, name: z.string().max(400).default('') }), {
			impact: async ({ db, access, data }) => ({ ...data, impact: await deletionImpact(db, access.programme.id, data.entity, data.id) }),
			remove: ({ db, access, data }) => deleteLogframeItem(db, access.user, access.programme, data.entity, data.id, data.version),
			done: ({ redirect }) => redirect('deleted')
		})
} satisfies Actions;
