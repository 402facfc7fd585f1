import { programmeAction } from '$lib/server/http/actions';
import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import { loadRiskDetail } from '$lib/server/risks/register';
import { assumptionCheckSchema, checkAssumption, reviewRisk, reviewSchema } from '$lib/server/risks/reviews';
import type { Actions, PageServerLoad } from './$types';

// One entry: its assessment, review history and assumption checks; coordinators re-assess it here.
export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const internal = access.can('programme.viewInternal');
	const detail = await found(loadRiskDetail(getDb(), access.programme, access.viewer, { riskId: paramId(event.params.id) }));
	return { detail, canEdit: access.can('risk.edit'), internal };
};

export const actions = {
	review: (event) =>
		programmeAction(event, 'risk.edit', reviewSchema, async ({ db, access, data: { version, ...input }, redirect }) => {
			const id = paramId(event.params.id);
			await reviewRisk(db, access.user, access.programme, id, version, input);
			redirect('saved', { hash: 'history' });
		}),
	check: (event) =>
		programmeAction(event, 'risk.edit', assumptionCheckSchema, async ({ db, access, data: { version, ...input }, redirect }) => {
			const id = paramId(event.params.id);
			await checkAssumption(db, access.user, access.programme, id, version, input);
			redirect('saved', { hash: 'checks' });
		})
} satisfies Actions;
