import { deleteAction, programmeAction } from '$lib/server/http/actions';
import { keyActionTexts, writeTranslated } from '$lib/server/http/translations';
import {
	adoptionEventStep,
	deleteAdoptionEvent,
	eventDeleteSchema,
	eventSchema,
	recordAdoptionEvent
} from '$lib/server/recommendations/adoption-events';
import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import {
	addKeyAction,
	deleteKeyAction,
	keyActionDeleteSchema,
	keyActionEditSchema,
	keyActionName,
	keyActionSchema,
	updateKeyAction
} from '$lib/server/recommendations/key-actions';
import { addRecommendationComment, commentSchema } from '$lib/server/recommendations/comments';
import { loadRecommendationDetail } from '$lib/server/recommendations/detail';
import { responseSchema, setManagementResponse } from '$lib/server/recommendations/management-responses';
import { todayIso } from '$lib/server/core/dates';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const internal = access.can('programme.viewInternal');
	const detail = await found(
		loadRecommendationDetail(getDb(), access.programme, access.viewer, { recommendationId: paramId(event.params.id), asOf: todayIso() })
	);
	return {
		detail,
		can: { internal, edit: access.can('recommendation.edit'), comment: access.can('recommendation.comment') }
	};
};

export const actions = {
	response: (event) =>
		programmeAction(event, 'recommendation.edit', responseSchema, async ({ db, access, data, redirect }) => {
			await setManagementResponse(db, access.user, access.programme, paramId(event.params.id), data);
			redirect('saved', { hash: 'response' });
		}),
	event: (event) =>
		programmeAction(event, 'recommendation.edit', eventSchema, async ({ db, access, data, redirect }) => {
			await recordAdoptionEvent(db, access.user, access.programme, paramId(event.params.id), data, todayIso());
			redirect('saved', { hash: 'timeline' });
		}),
	/** Without `confirm`, asks first; with it, deletes the step. */
	deleteEvent: (event) =>
		deleteAction(event, 'recommendation.edit', eventDeleteSchema, {
			key: 'confirmDeleteEvent',
			impact: async ({ db, access, data }) => ({
				...data,
				...(await adoptionEventStep(db, access.programme.id, paramId(event.params.id), data.eventId))
			}),
			remove: ({ db, access, data }) =>
				deleteAdoptionEvent(db, access.user, access.programme, paramId(event.params.id), data.eventId, data.version),
			done: ({ redirect }) => redirect('deleted', { hash: 'timeline' })
		}),
	addAction: (event) =>
		programmeAction(event, 'recommendation.edit', keyActionSchema.extend(keyActionTexts), async ({ db, access, data, redirect }) => {
			const { actionTranslation, ...input } = data;
			await writeTranslated(db, access.user, access.programme, 'key_action', { action: actionTranslation }, (trx) =>
				addKeyAction(trx, access.user, access.programme, paramId(event.params.id), input)
			);
			redirect('created', { hash: 'key-actions' });
		}),
	updateAction: (event) =>
		programmeAction(
			event,
			'recommendation.edit',
			keyActionEditSchema.extend(keyActionTexts),
			async ({ db, access, data: { keyActionId, version, actionTranslation, ...input }, redirect }) => {
				await writeTranslated(db, access.user, access.programme, 'key_action', { action: actionTranslation }, async (trx) => {
					await updateKeyAction(trx, access.user, access.programme, paramId(event.params.id), keyActionId, version, input);
					return keyActionId;
				});
				redirect('saved', { hash: 'key-actions' });
			}
		),
	deleteAction: (event) =>
		deleteAction(event, 'recommendation.edit', keyActionDeleteSchema, {
			key: 'confirmDeleteAction',
			impact: async ({ db, access, data }) => ({
				...data,
				name: await keyActionName(db, access.programme.id, paramId(event.params.id), data.keyActionId)
			}),
			remove: ({ db, access, data }) =>
				deleteKeyAction(db, access.user, access.programme, paramId(event.params.id), data.keyActionId, data.version),
			done: ({ redirect }) => redirect('deleted', { hash: 'key-actions' })
		}),
	comment: (event) =>
		programmeAction(event, 'recommendation.comment', commentSchema, async ({ db, access, data, redirect }) => {
			await addRecommendationComment(db, access.user, access.programme, paramId(event.params.id), data.body);
			redirect('commented', { hash: 'comments' });
		})
} satisfies Actions;
