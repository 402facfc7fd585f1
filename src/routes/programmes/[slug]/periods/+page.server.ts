import { z } from 'zod';
import { deleteAction, programmeAction } from '$lib/server/http/actions';
import { getDb } from '$lib/server/db/connection';
import { requireProgramme } from '$lib/server/http/guards';
import { createPeriod, deletePeriod, periodDeletionImpact, periodSchema, updatePeriod } from '$lib/server/programmes/periods';
import { listPeriods } from '$lib/server/programmes/programmes';
import { idField, versionField } from '$lib/server/core/validation';
import { generatePeriods } from '$lib/server/programmes/period-generate';
import { PERIOD_PLANS } from '$lib/period-plan';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'logframe.edit');
	return { periods: await listPeriods(getDb(), programme.id) };
};

export const actions = {
	/** Half-years, quarters or years from the programme's dates, in one step (issue 22). */
	generate: (event) =>
		programmeAction(event, 'logframe.edit', z.object({ plan: z.enum(PERIOD_PLANS) }), async ({ db, access, data, redirect }) => {
			await generatePeriods(db, access.user, access.programme, data.plan);
			redirect('created');
		}),
	create: (event) =>
		programmeAction(event, 'logframe.edit', periodSchema, async ({ db, access, data, redirect }) => {
			await createPeriod(db, access.user, access.programme, data);
			redirect('created');
		}),
	update: (event) =>
		programmeAction(
			event,
			'logframe.edit',
			periodSchema.extend({ id: idField(), version: versionField() }),
			async ({ db, access, data: { id, version, ...input }, redirect }) => {
				await updatePeriod(db, access.user, access.programme, id, version, input);
				redirect('saved');
			}
		),
	delete: (event) =>
		deleteAction(event, 'logframe.edit', z.object({ id: idField(), version: versionField(), name: z.string().max(100).default('') }), {
			impact: async ({ db, access, data }) => ({ ...data, impact: await periodDeletionImpact(db, access.programme.id, data.id) }),
			remove: ({ db, access, data }) => deletePeriod(db, access.user, access.programme, data.id, data.version),
			done: ({ redirect }) => redirect('deleted')
		})
} satisfies Actions;
