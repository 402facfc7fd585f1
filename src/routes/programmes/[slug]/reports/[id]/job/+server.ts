import { error, json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db/connection';
import { paramId, requireProgramme } from '$lib/server/http/guards';
import { latestJob } from '$lib/server/reports/jobs';
import type { RequestHandler } from './$types';

// The state of the report's latest render job, for the report page to follow without a reload
// (it polls this while a job is open). Only those who may read the draft see its jobs.
export const GET: RequestHandler = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	if (!access.can('report.viewDraft')) error(404, 'not found');
	const job = await latestJob(getDb(), access.programme.id, paramId(event.params.id));
	return json({ job }, { headers: { 'Cache-Control': 'private, no-store' } });
};
