import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { translate } from '$lib/i18n/translate';
import { getDb } from '$lib/server/db/connection';
import { programmeAction } from '$lib/server/http/actions';
import { formValues } from '$lib/server/http/forms';
import { paramId, requireProgramme } from '$lib/server/http/guards';
import { loadPeriodSheet, savePeriodSheet } from '$lib/server/results/period-sheet';
import type { Actions, PageServerLoad } from './$types';

// The period entry sheet (issue 22): thin route over results/period-sheet.ts, which documents
// its transaction (one per sheet for the good rows).

const filtersSchema = z.object({
	mine: z.literal('1').nullable().catch(null),
	key: z.literal('1').nullable().catch(null),
	module: z.coerce.number().int().positive().nullable().catch(null)
});

function filtersOf(url: URL) {
	const q = url.searchParams;
	const f = filtersSchema.parse({ mine: q.get('mine'), key: q.get('key'), module: q.get('module') });
	return { mine: f.mine === '1', key: f.key === '1', moduleId: f.module };
}

function query(filters: ReturnType<typeof filtersOf>) {
	const q = new URLSearchParams();
	if (filters.mine) q.set('mine', '1');
	if (filters.key) q.set('key', '1');
	if (filters.moduleId !== null) q.set('module', String(filters.moduleId));
	return q;
}

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug, 'value.record');
	const filters = filtersOf(event.url);
	const sheet = await loadPeriodSheet(getDb(), access.programme, access.user, paramId(event.params.period), filters);
	if (!sheet) error(404, 'not found');
	return { sheet, filters };
};

export const actions = {
	default: (event) =>
		programmeAction(
			event,
			'value.record',
			z.object({ intent: z.enum(['draft', 'submit']).default('draft') }),
			async ({ db, access, data, form }) => {
				const locale = event.locals.locale;
				const periodId = paramId(event.params.period);
				const outcome = await savePeriodSheet(db, access.user, access.programme, periodId, form, data.intent, locale);
				const refused = new Set(Object.keys(outcome.errors).map((k) => k.split('.')[1])).size;
				if (refused === 0 && outcome.saved.length > 0) {
					const q = query(filtersOf(event.url));
					q.set('notice', data.intent === 'submit' ? 'submitted' : 'draft');
					redirect(303, `/programmes/${access.programme.slug}/entry/${periodId}?${q}`);
				}
				return fail(400, {
					form: 'sheet',
					errors: outcome.errors,
					formError:
						refused === 0
							? translate(locale, 'sheet.nothingTyped')
							: outcome.saved.length === 0
								? translate(locale, 'sheet.noneSaved')
								: translate(locale, 'sheet.partial', { saved: outcome.saved.length, refused }),
					values: formValues(form),
					saved: outcome.saved,
					conflicts: outcome.conflicts
				});
			}
		)
} satisfies Actions;
