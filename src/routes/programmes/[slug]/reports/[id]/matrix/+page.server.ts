import { getDb } from '$lib/server/db/connection';
import { loadLinkChoices } from '$lib/server/evaluation/choices';
import {
	addQuestion,
	deleteQuestion,
	questionCreateSchema,
	questionDeleteSchema,
	questionEditSchema,
	updateQuestion
} from '$lib/server/evaluation/matrix';
import { loadMatrix } from '$lib/server/evaluation/matrix-read';
import { programmeAction } from '$lib/server/http/actions';
import { found, paramId, requireProgramme, type ProgrammeAccess } from '$lib/server/http/guards';
import { getReport } from '$lib/server/reports/reports';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// The evaluation matrix of a report: the evaluator writes it, the team reads it and sees which
// evidence is missing. Donors never see a draft's matrix (the issued report prints it).
export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug, 'report.viewDraft');
	const db = getDb();
	const report = await found(getReport(db, access.programme, access.viewer, paramId(event.params.id)));
	const [questions, choices] = await Promise.all([loadMatrix(db, access.programme, report), loadLinkChoices(db, access.programme.id)]);
	return {
		report: { id: report.id, title: report.title, status: report.status, windowStart: report.windowStart, cutOff: report.cutOff },
		questions,
		choices: { indicators: choices.indicators, recommendations: choices.recommendations },
		canWrite: access.can('matrix.write') && report.status === 'draft'
	};
};

async function reportOf(event: RequestEvent, access: ProgrammeAccess) {
	return found(getReport(getDb(), access.programme, access.viewer, paramId(event.params.id)));
}

export const actions = {
	add: (event) =>
		programmeAction(event, 'matrix.write', questionCreateSchema, async ({ db, access, data, redirect }) => {
			const report = await reportOf(event, access);
			const id = await addQuestion(db, access.user, access.programme, report, data);
			redirect('created', { hash: `question-${id}` });
		}),
	update: (event) =>
		programmeAction(event, 'matrix.write', questionEditSchema, async ({ db, access, data, redirect }) => {
			const report = await reportOf(event, access);
			const { questionId, version, ...input } = data;
			await updateQuestion(db, access.user, access.programme, report, questionId, version, input);
			redirect('saved', { hash: `question-${questionId}` });
		}),
	delete: (event) =>
		programmeAction(event, 'matrix.write', questionDeleteSchema, async ({ db, access, data, redirect }) => {
			const report = await reportOf(event, access);
			await deleteQuestion(db, access.user, access.programme, report, data.questionId, data.version);
			redirect('deleted');
		})
} satisfies Actions;
