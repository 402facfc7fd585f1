import { z } from 'zod';
import { riskTexts, writeTranslated } from '$lib/server/http/translations';
import { deleteAction, programmeAction } from '$lib/server/http/actions';
import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import { getLogframe } from '$lib/server/programmes/programmes';
import { loadRiskDetail } from '$lib/server/risks/register';
import { deleteRisk, riskDeletionImpact, riskEditSchema, updateRisk } from '$lib/server/risks/risks';
import { listIndicatorChoices } from '$lib/server/results/indicators';
import { versionField } from '$lib/server/core/validation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { programme } = await requireProgramme(event, event.params.slug, 'risk.edit');
	const db = getDb();
	const [detail, logframe, indicators] = await Promise.all([
		found(loadRiskDetail(db, programme, { internal: true }, { riskId: paramId(event.params.id) })),
		getLogframe(db, programme.id),
		listIndicatorChoices(db, programme.id)
	]);
	return { risk: detail.entry, logframe, indicators, today: detail.asOf };
};

export const actions = {
	update: (event) =>
		programmeAction(event, 'risk.edit', riskEditSchema.extend(riskTexts), async ({ db, access, data }) => {
			const { version, titleTranslation, descriptionTranslation, ...input } = data;
			const id = paramId(event.params.id);
			const texts = { title: titleTranslation, description: descriptionTranslation };
			await writeTranslated(db, access.user, access.programme, 'risk', texts, async (trx) => {
				await updateRisk(trx, access.user, access.programme, id, version, input);
				return id;
			});
			redirectWithNotice(`/programmes/${access.programme.slug}/risks/${id}`, 'saved');
		}),
	/** Without `confirm`, answers with what would go; with it, deletes. */
	delete: (event) =>
		deleteAction(event, 'risk.edit', z.object({ version: versionField() }), {
			impact: async ({ db, access, data }) => ({
				version: data.version,
				impact: await riskDeletionImpact(db, access.programme.id, paramId(event.params.id))
			}),
			remove: ({ db, access, data }) => deleteRisk(db, access.user, access.programme, paramId(event.params.id), data.version),
			done: ({ redirect }) => redirect('deleted', { route: '/programmes/[slug]/risks' })
		})
} satisfies Actions;
