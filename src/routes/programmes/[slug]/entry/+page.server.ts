import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/connection';
import { todayIso } from '$lib/server/core/dates';
import { requireProgramme } from '$lib/server/http/guards';
import { listPeriods } from '$lib/server/programmes/programmes';
import { defaultValuePeriod } from '$lib/value-period';
import type { PageServerLoad } from './$types';

// The entry sheet opens on the period now due (the value form's own default), filters kept.
export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug, 'value.record');
	const periods = await listPeriods(getDb(), access.programme.id);
	const id = defaultValuePeriod(periods, todayIso());
	if (id === null) redirect(303, `/programmes/${access.programme.slug}/periods`);
	redirect(303, `/programmes/${access.programme.slug}/entry/${id}${event.url.search}`);
};
