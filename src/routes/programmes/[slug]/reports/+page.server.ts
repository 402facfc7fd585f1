import { z } from 'zod';
import { defaultLayout, REPORT_LAYOUTS } from '$lib/reports/outline';
import { enumField } from '$lib/server/core/validation';
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
		// What "by the report's purpose" resolves to for this programme (issue 21).
		purposeLayouts: Object.fromEntries(REPORT_PURPOSES.map((p) => [p, defaultLayout(access.programme.fundingModality, p)])),
		canWrite: access.can('report.write')
	};
};

const REPORT_PURPOSES = ['progress', 'evaluation'] as const;
// The form says what the report is for; its layout is the purpose's default for the programme's
// funding modality unless one is chosen (any layout stays selectable).
const newReportSchema = reportSchema.extend({
	// A form or client that does not say is writing a progress report, as before.
	purpose: z.preprocess((v) => (v === undefined || v === '' ? 'progress' : v), enumField(REPORT_PURPOSES)),
	layout: z.preprocess((v) => (v === '' ? undefined : v), enumField(REPORT_LAYOUTS).optional())
});

export const actions = {
	create: (event) =>
		programmeAction(event, 'report.write', newReportSchema, async ({ db, access, data: { purpose, ...data } }) => {
			const layout = data.layout ?? defaultLayout(access.programme.fundingModality, purpose);
			const id = await createReport(db, access.user, access.programme, { ...data, layout });
			redirectWithNotice(`/programmes/${access.programme.slug}/reports/${id}`, 'reportCreated');
		})
} satisfies Actions;
