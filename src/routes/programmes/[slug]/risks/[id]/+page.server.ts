import { programmeAction } from '$lib/server/http/actions';
import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
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

const here = (slug: string, id: number) => `/programmes/${slug}/risks/${id}`;

export const actions = {
	review: (event) =>
		programmeAction(event, 'risk.edit', reviewSchema, async ({ db, access, data: { version, ...input } }) => {
			const id = paramId(event.params.id);
			await reviewRisk(db, access.user, access.programme, id, version, input);
			redirectWithNotice(here(access.programme.slug, id), 'saved', 'history');
		}),
	check: (event) =>
		programmeAction(event, 'risk.edit', assumptionCheckSchema, async ({ db, access, data: { version, ...input } }) => {
			const id = paramId(event.params.id);
			await checkAssumption(db, access.user, access.programme, id, version, input);
			redirectWithNotice(here(access.programme.slug, id), 'saved', 'checks');
		})
} satisfies Actions;
