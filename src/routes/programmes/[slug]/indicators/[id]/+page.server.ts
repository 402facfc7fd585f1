import { programmeAction } from '$lib/server/http/actions';
import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import {
	addValueComment,
	approveValue,
	commentSchema,
	returnSchema,
	returnValue,
	reviewSchema,
	saveValue,
	submitValue,
	valueSchema
} from '$lib/server/results/values';
import { indicatorIn, toIndicator } from '$lib/server/results/indicators';
import { loadIndicatorDetail } from '$lib/server/results/indicator-page';
import { defaultValuePeriod } from '$lib/value-period';
import { libraryEntryOf } from '$lib/server/library/links';
import { indicatorCost } from '$lib/server/finance/indicator-cost';
import { differencesFromEntry } from '$lib/indicator-library';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const internal = access.can('programme.viewInternal');
	const detail = await found(loadIndicatorDetail(getDb(), access.programme, access.viewer, { indicatorId: paramId(event.params.id) }));
	const chosen = Number(event.url.searchParams.get('period'));
	const periodId = detail.rows.some((r) => r.period.id === chosen)
		? chosen
		: defaultValuePeriod(
				detail.rows.map((r) => r.period),
				detail.asOf
			);
	// The library entry it links to (issue 25), with where the indicator departs from it.
	const [entry, cost] = await Promise.all([
		libraryEntryOf(getDb(), detail.indicator.id),
		// Cost per unit of result where it applies (issue 20): the Finance tab's figure for this indicator.
		indicatorCost(getDb(), access.programme, access.viewer, detail.indicator)
	]);
	const library = entry && {
		id: entry.id,
		code: entry.code,
		title: entry.title,
		differences: differencesFromEntry(entry, detail.indicator)
	};
	return {
		detail,
		library,
		cost,
		selectedPeriodId: periodId,
		can: {
			internal,
			edit: access.can('indicator.edit'),
			record: access.can('value.record'),
			review: access.can('value.review'),
			comment: access.can('value.comment')
		}
	};
};

export const actions = {
	/** The value form depends on the indicator's measure, so its schema is built once the indicator is known. */
	save: (event) =>
		programmeAction(
			event,
			'value.record',
			async ({ db, access }) => valueSchema(toIndicator(await indicatorIn(db, access.programme.id, paramId(event.params.id)))),
			async ({ db, access, data, redirect }) => {
				await saveValue(db, access.user, access.programme, paramId(event.params.id), data);
				redirect(data.intent === 'submit' ? 'submitted' : 'draft', { hash: 'periods' });
			}
		),
	submit: (event) =>
		programmeAction(event, 'value.record', reviewSchema, async ({ db, access, data, redirect }) => {
			await submitValue(db, access.user, access.programme, data.valueId, data.valueVersion);
			redirect('submitted', { hash: 'periods' });
		}),
	approve: (event) =>
		programmeAction(event, 'value.review', reviewSchema, async ({ db, access, data, redirect }) => {
			await approveValue(db, access.user, access.programme, data.valueId, data.valueVersion);
			redirect('approved', { hash: 'periods' });
		}),
	return: (event) =>
		programmeAction(event, 'value.review', returnSchema, async ({ db, access, data, redirect }) => {
			await returnValue(db, access.user, access.programme, data.valueId, data.valueVersion, data.note);
			redirect('returned', { hash: 'periods' });
		}),
	comment: (event) =>
		programmeAction(event, 'value.comment', commentSchema, async ({ db, access, data, redirect }) => {
			await addValueComment(db, access.user, access.programme, data.valueId, data.body);
			redirect('commented', { hash: 'comments' });
		})
} satisfies Actions;
