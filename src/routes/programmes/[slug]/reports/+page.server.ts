import { defaultLayout } from '$lib/reports/outline';
import { getDb } from '$lib/server/db/connection';
import { programmeAction } from '$lib/server/http/actions';
import { requireProgramme } from '$lib/server/http/guards';
import { redirectWithNotice } from '$lib/server/http/notices';
import { listPeriods } from '$lib/server/programmes/programmes';
import { createReport, listReports, reportSchema } from '$lib/server/reports/reports';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const db = getDb();
	const [reports, periods] = await Promise.all([
		listReports(db, access.programme, access.viewer),
		access.can('report.write') ? listPeriods(db, access.programme.id) : Promise.resolve([])
	]);
	return {
		reports,
		periods,
		defaultLayout: defaultLayout(access.programme.fundingModality),
		canWrite: access.can('report.write')
	};
};

export const actions = {
	create: (event) =>
		programmeAction(event, 'report.write', reportSchema, async ({ db, access, data }) => {
			const id = await createReport(db, access.user, access.programme, data);
			redirectWithNotice(`/programmes/${access.programme.slug}/reports/${id}`, 'reportCreated');
		})
} satisfies Actions;
