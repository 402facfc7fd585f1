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
import { idField, translationText, versionField } from '$lib/server/core/validation';
import { writeTranslated } from '$lib/server/http/translations';
import { deleteWithConstituents } from '$lib/server/http/tagged-deletion';
import { parseConstituent, type Constituent } from '$lib/constituents';
import { constituentFormFields, constituentTags, setConstituents } from '$lib/server/dialogue/tags';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'logframe.edit');
	const db = getDb();
	const [logframe, tags] = await Promise.all([getLogframe(db, programme.id), constituentTags(db, programme.id)]);
	// Issue 25: who of the constituents took part in each output and activity, and the filter by one
	// of them (`?constituent=workers`): the activities with it, and the outputs with it or with such an activity.
	const constituent = parseConstituent(event.url.searchParams.get('constituent'));
	const has = (list: readonly string[] | undefined) => !constituent || !!list?.includes(constituent);
	const shown = constituent
		? logframe
				.map((m) => ({
					...m,
					outputs: m.outputs
						.map((o) => ({ ...o, activities: o.activities.filter((a) => has(tags.activity.get(a.id))) }))
						.filter((o) => has(tags.output.get(o.id)) || o.activities.length > 0)
				}))
				.filter((m) => m.outputs.length > 0)
		: logframe;
	return {
		logframe: shown,
		constituent,
		shownActivities: shown.reduce((n, m) => n + m.outputs.reduce((k, o) => k + o.activities.length, 0), 0),
		constituents: {
			output: Object.fromEntries(tags.output) as Record<number, Constituent[]>,
			activity: Object.fromEntries(tags.activity) as Record<number, Constituent[]>
		}
	};
};

const entity = z.enum(['module', 'output', 'activity']);
const withVersion = { id: idField(), version: versionField() };
// Each form posts its texts in the other language beside the originals (BilingualField).
const moduleTexts = { titleTranslation: translationText(300), objectiveTranslation: translationText(2000, true) };
// Outputs and activities also post their constituents (issue 25), set in the same transaction.
const outputTexts = {
	titleTranslation: translationText(300),
	descriptionTranslation: translationText(2000, true),
	...constituentFormFields
};
const activityTexts = {
	titleTranslation: translationText(300),
	// The reason for a deviation prints in the donor reports: in the report's language (issue 21).
	deviationReasonTranslation: translationText(2000, true),
	...constituentFormFields
};

export const actions = {
	createModule: (event) =>
		programmeAction(
			event,
			'logframe.edit',
			moduleSchema.extend(moduleTexts),
			async ({ db, access, data: { titleTranslation, objectiveTranslation, ...input }, redirect }) => {
				const texts = { title: titleTranslation, objective: objectiveTranslation };
				const id = await writeTranslated(db, access.user, access.programme, 'module', texts, (trx) =>
					createModule(trx, access.user, access.programme, input)
				);
				redirect('created', { hash: `module-${id}` });
			}
		),
	updateModule: (event) =>
		programmeAction(
			event,
			'logframe.edit',
			moduleSchema.extend(withVersion).extend(moduleTexts),
			async ({ db, access, data: { id, version, titleTranslation, objectiveTranslation, ...input }, redirect }) => {
				const texts = { title: titleTranslation, objective: objectiveTranslation };
				await writeTranslated(db, access.user, access.programme, 'module', texts, async (trx) => {
					await updateModule(trx, access.user, access.programme, id, version, input);
					return id;
				});
				redirect('saved', { hash: `module-${id}` });
			}
		),
	createOutput: (event) =>
		programmeAction(
			event,
			'logframe.edit',
			outputSchema.extend(outputTexts),
			async ({ db, access, data: { titleTranslation, descriptionTranslation, constituents, constituentsShown, ...input }, redirect }) => {
				const texts = { title: titleTranslation, description: descriptionTranslation };
				const id = await writeTranslated(db, access.user, access.programme, 'output', texts, async (trx) => {
					const id = await createOutput(trx, access.user, access.programme, input);
					if (constituentsShown) await setConstituents(trx, access.user, access.programme, 'output', id, constituents);
					return id;
				});
				redirect('created', { hash: `output-${id}` });
			}
		),
	updateOutput: (event) =>
		programmeAction(
			event,
			'logframe.edit',
			outputSchema.extend(withVersion).extend(outputTexts),
			async ({
				db,
				access,
				data: { id, version, titleTranslation, descriptionTranslation, constituents, constituentsShown, ...input },
				redirect
			}) => {
				const texts = { title: titleTranslation, description: descriptionTranslation };
				await writeTranslated(db, access.user, access.programme, 'output', texts, async (trx) => {
					await updateOutput(trx, access.user, access.programme, id, version, input);
					if (constituentsShown) await setConstituents(trx, access.user, access.programme, 'output', id, constituents);
					return id;
				});
				redirect('saved', { hash: `output-${id}` });
			}
		),
	createActivity: (event) =>
		programmeAction(
			event,
			'logframe.edit',
			activitySchema.extend(activityTexts),
			async ({
				db,
				access,
				data: { titleTranslation, deviationReasonTranslation, constituents, constituentsShown, ...input },
				redirect
			}) => {
				const texts = { title: titleTranslation, deviation_reason: deviationReasonTranslation };
				const id = await writeTranslated(db, access.user, access.programme, 'activity', texts, async (trx) => {
					const id = await createActivity(trx, access.user, access.programme, input);
					if (constituentsShown) await setConstituents(trx, access.user, access.programme, 'activity', id, constituents);
					return id;
				});
				redirect('created', { hash: `activity-${id}` });
			}
		),
	updateActivity: (event) =>
		programmeAction(
			event,
			'logframe.edit',
			activitySchema.extend(withVersion).extend(activityTexts),
			async ({
				db,
				access,
				data: { id, version, titleTranslation, deviationReasonTranslation, constituents, constituentsShown, ...input },
				redirect
			}) => {
				const texts = { title: titleTranslation, deviation_reason: deviationReasonTranslation };
				await writeTranslated(db, access.user, access.programme, 'activity', texts, async (trx) => {
					await updateActivity(trx, access.user, access.programme, id, version, input);
					if (constituentsShown) await setConstituents(trx, access.user, access.programme, 'activity', id, constituents);
					return id;
				});
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
			remove: ({ db, access, data }) =>
				deleteWithConstituents(db, access.user, access.programme, { entity: data.entity, id: data.id }, (trx) =>
					deleteLogframeItem(trx, access.user, access.programme, data.entity, data.id, data.version)
				),
			done: ({ redirect }) => redirect('deleted')
		})
} satisfies Actions;
