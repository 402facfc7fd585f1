import { z } from 'zod';
import { deleteAction, programmeAction } from '$lib/server/http/actions';
import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import {
	deleteIndicator,
	indicatorDeletionImpact,
	indicatorIn,
	indicatorSchema,
	listTargets,
	setTargets,
	targetsSchema,
	toIndicator,
	toTarget,
	updateIndicator
} from '$lib/server/results/indicators';
import { redirectWithNotice } from '$lib/server/http/notices';
import { indicatorTexts, writeTranslated } from '$lib/server/http/translations';
import { getLogframe, listPeriods } from '$lib/server/programmes/programmes';
import { versionField } from '$lib/server/core/validation';
import { libraryChoices, libraryEntryOf, libraryLinkSchema, setLibraryLink } from '$lib/server/library/links';
import { differencesFromEntry } from '$lib/indicator-library';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'indicator.edit');
	const db = getDb();
	const row = await found(indicatorIn(db, programme.id, paramId(event.params.id)));
	const [logframe, periods, targets] = await Promise.all([
		getLogframe(db, programme.id),
		listPeriods(db, programme.id),
		listTargets(db, row.id)
	]);
	const [library, entry] = await Promise.all([libraryChoices(db, row.id, event.locals.locale), libraryEntryOf(db, row.id)]);
	const indicator = toIndicator(row);
	// Beside the form, where the indicator departs from its library entry (the indicator page's rule).
	const linked = entry && { id: entry.id, code: entry.code, title: entry.title, differences: differencesFromEntry(entry, indicator) };
	return { indicator, logframe, periods, targets: targets.map(toTarget), library, linked };
};

const back = (slug: string, id: number) => `/programmes/${slug}/indicators/${id}`;

export const actions = {
	/** The link to a library entry (issue 25): its own small form, so the indicator form stays as it is. */
	library: (event) =>
		programmeAction(event, 'indicator.edit', libraryLinkSchema, async ({ db, access, data }) => {
			const id = paramId(event.params.id);
			await setLibraryLink(db, access.user, access.programme, id, data.libraryIndicatorId);
			redirectWithNotice(back(access.programme.slug, id), 'saved');
		}),
	update: (event) =>
		programmeAction(
			event,
			'indicator.edit',
			z.intersection(indicatorSchema, indicatorTexts.extend({ version: versionField() })),
			async ({ db, access, data }) => {
				const id = paramId(event.params.id);
				const { titleTranslation, definitionTranslation, unitTranslation, ...input } = data;
				const texts = { title: titleTranslation, definition: definitionTranslation, unit: unitTranslation };
				await writeTranslated(db, access.user, access.programme, 'indicator', texts, async (trx) => {
					await updateIndicator(trx, access.user, access.programme, id, input.version, input);
					return id;
				});
				redirectWithNotice(back(access.programme.slug, id), 'saved');
			}
		),
	/** The targets form has one field trio per period, so its schema is built from the periods. */
	targets: (event) =>
		programmeAction(
			event,
			'indicator.edit',
			async ({ db, access }) => {
				const indicator = toIndicator(await indicatorIn(db, access.programme.id, paramId(event.params.id)));
				return targetsSchema(await listPeriods(db, access.programme.id), indicator.measure);
			},
			async ({ db, access, data, redirect }) => {
				await setTargets(db, access.user, access.programme, paramId(event.params.id), data.version, data.rows, data.reason, {
					checkFalling: true,
					confirmFalling: data.confirmFalling
				});
				redirect('targets', { route: '/programmes/[slug]/indicators/[id]' });
			}
		),
	delete: (event) =>
		deleteAction(event, 'indicator.edit', z.object({ version: versionField() }), {
			impact: async ({ db, access, data }) => ({
				version: data.version,
				impact: await indicatorDeletionImpact(db, access.programme.id, paramId(event.params.id))
			}),
			remove: ({ db, access, data }) => deleteIndicator(db, access.user, access.programme, paramId(event.params.id), data.version),
			done: ({ redirect }) => redirect('deleted', { route: '/programmes/[slug]/results' })
		})
} satisfies Actions;
