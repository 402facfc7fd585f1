import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { translate, translateDynamic } from '$lib/i18n/translate';
import { getDb } from '$lib/server/db/connection';
import { programmeAction } from '$lib/server/http/actions';
import { formValues } from '$lib/server/http/forms';
import { requireProgramme } from '$lib/server/http/guards';
import { loadReviewQueue, reviewValues, type ReviewDecision } from '$lib/server/results/bulk-review';
import type { Actions, PageServerLoad } from './$types';

// Bulk review (issue 22): thin route over results/bulk-review.ts (each decision its own
// transaction, the four-eyes rule asked per value by the value workflow itself).

const periodOf = (url: URL) => {
	const n = Number(url.searchParams.get('period'));
	return Number.isSafeInteger(n) && n > 0 ? n : null;
};

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug, 'value.review');
	const periodId = periodOf(event.url);
	const queue = await loadReviewQueue(getDb(), access.programme, access.user.id, periodId);
	return { queue, periodId };
};

/** `pick` = "<valueId>:<version>" for each value chosen; `note.<valueId>` its return note. */
const picked = z
	.union([z.string(), z.array(z.string())])
	.optional()
	.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
	.pipe(
		z
			.array(
				z
					.string()
					.regex(/^\d{1,12}:\d{1,12}$/)
					.transform((s) => s.split(':').map(Number) as [number, number])
			)
			.max(2000)
	);

const schema = z.object({ decision: z.enum(['approve', 'return']), pick: picked });

export const actions = {
	default: (event) =>
		programmeAction(event, 'value.review', schema, async ({ db, access, data, form }) => {
			const locale = event.locals.locale;
			if (data.pick.length === 0)
				return fail(400, { form: 'review', errors: {}, formError: translate(locale, 'review.noneChosen'), values: formValues(form) });
			const decisions: ReviewDecision[] = data.pick.map(([valueId, version]) => {
				const note = form.get(`note.${valueId}`);
				return { valueId, version, decision: data.decision, note: typeof note === 'string' ? note.slice(0, 2000) : '' };
			});
			const results = await reviewValues(db, access.user, access.programme, decisions);
			const refused = results.filter((r) => !r.ok);
			if (refused.length === 0) {
				const q = new URLSearchParams(event.url.search);
				q.set('notice', data.decision === 'approve' ? 'approved' : 'returned');
				// How many, said beside the notice (review of issue 22: "Value approved." for two).
				q.set('n', String(results.length));
				redirect(303, `/programmes/${access.programme.slug}/review?${q}`);
			}
			const errors: Record<string, string[]> = {};
			for (const r of refused) if (!r.ok) errors[`note.${r.valueId}`] = [translateDynamic(locale, r.key)];
			return fail(400, {
				form: 'review',
				errors,
				formError: translate(locale, 'review.partial', { done: results.length - refused.length, refused: refused.length }),
				values: formValues(form)
			});
		})
} satisfies Actions;
