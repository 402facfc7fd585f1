import { z } from 'zod';
import type { Locale } from '$lib/model';
import { composeReport, missingTranslations } from '$lib/reports/compose';
import type { DocEvidence } from '$lib/reports/document';
import { reportBlockers } from '$lib/reports/blockers';
import type { SectionKey } from '$lib/reports/outline';
import { versionField } from '$lib/server/core/validation';
import { getDb } from '$lib/server/db/connection';
import { programmeAction } from '$lib/server/http/actions';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import { originSettings } from '$lib/server/http/origin';
import { issueOf, unchangedSince } from '$lib/server/reports/issue';
import { enqueueIssue, latestJob, wakeReportJobs } from '$lib/server/reports/jobs';
import { pageEvidence, referencedKeys } from '$lib/reports/paging';
import {
	MISSING_PAGE,
	citableRecords,
	pageNumberFrom,
	pageOf,
	partChoiceFrom,
	rememberCitable,
	searchCitable,
	searchSchema
} from '$lib/server/reports/screen-data';
import {
	addComment,
	commentSchema,
	draftSnapshot,
	getReport,
	loadComments,
	loadSections,
	reopenReport,
	reopenSchema,
	saveSection,
	sectionSchema
} from '$lib/server/reports/reports';
import { loadModuleNarratives, moduleNarrativeSchema, saveModuleNarrative } from '$lib/server/reports/module-narratives';
import { outcomeEditorParts } from '$lib/reports/outcome-editor';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const originOf = (event: { url: URL }) => originSettings().configured ?? event.url.origin;

export const load: PageServerLoad = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const db = getDb();
	const id = paramId(event.params.id);
	const report = await found(getReport(db, access.programme, access.viewer, id));
	const rights = {
		canWrite: access.can('report.write'),
		canIssue: access.can('report.issue'),
		canComment: access.can('report.comment')
	};
	// Donors see the issues of an issued report and nothing of its draft (nor its render jobs).
	if (!access.can('report.viewDraft')) return { report, ...rights, draft: null, job: null };
	const job = await latestJob(db, access.programme.id, id);

	const lang: Locale = event.locals.locale;
	const [sections, comments, snapshot, outcomeRows] = await Promise.all([
		loadSections(db, id),
		loadComments(db, id),
		draftSnapshot(db, access.programme, id, originOf(event)),
		report.layout === 'ilo_tcpr' ? loadModuleNarratives(db, id) : Promise.resolve([])
	]);
	// A correction that so far says what the last issue says: the issue card warns before the refusal.
	const last = report.issues.at(-1);
	const unchangedFrom =
		last && report.status === 'draft' && unchangedSince(snapshot, (await issueOf(db, access.programme.id, id, last.number)).snapshot)
			? last.number
			: null;
	const document = composeReport(snapshot, lang);
	// What is sent stays the size of a screen however large the programme (issue 18 §3): one part
	// of each long evidence table (`?table=…&part=…`), a page of the missing translations
	// (`?missing=…`), the records that match the citation search (`?cite=…`, or the records
	// endpoint as the person types), and the record links of just those.
	const choice = partChoiceFrom(event.url);
	const evidence = Object.fromEntries(document.sections.map((s) => [s.key, pageEvidence(s.evidence, choice)])) as Partial<
		Record<SectionKey, DocEvidence[]>
	>;
	const other = (l: Locale) => l !== access.programme.contentLanguage;
	const missing = pageOf(
		report.languages
			.filter(other)
			.flatMap((l) => (l === lang ? document.missingTranslations : missingTranslations(snapshot, l)).map((m) => ({ ...m, target: l }))),
		pageNumberFrom(event.url, 'missing'),
		MISSING_PAGE
	);
	const records = citableRecords(snapshot, access.programme, lang);
	rememberCitable(access.programme.id, id, lang, records);
	const citeQuery = searchSchema.parse(event.url.searchParams.get('cite') ?? '');
	const linked = new Set(missing.items.map((m) => m.key));
	// The TCPR's outcomes, each with its narrative's form and what the report prints for it (issue 21).
	const outcomes =
		report.layout === 'ilo_tcpr'
			? outcomeEditorParts(snapshot, lang, outcomeRows).map((o) => ({ ...o, evidence: pageEvidence(o.evidence, choice) }))
			: [];
	for (const list of [...Object.values(evidence), ...outcomes.map((o) => o.evidence)])
		for (const e of list ?? []) referencedKeys(e.blocks, linked);
	return {
		report,
		...rights,
		job,
		draft: {
			sections,
			outcomes,
			comments,
			evidence,
			blockers: reportBlockers(snapshot),
			missing,
			cite: { query: citeQuery, ...searchCitable(records, citeQuery) },
			paths: {
				...Object.fromEntries([...linked].filter((k) => snapshot.records[k]).map((k) => [k, snapshot.records[k]!.path])),
				// An untranslated matrix question is translated on the matrix page.
				...Object.fromEntries(
					[...linked]
						.filter((k) => k.startsWith('question:'))
						.map((k) => [k, `/programmes/${access.programme.slug}/reports/${id}/matrix#${k.replace(':', '-')}`])
				)
			},
			cutOff: snapshot.report.cutOff,
			unchangedFrom
		}
	};
};

const reportId = (event: RequestEvent) => paramId(event.params.id);

export const actions = {
	save: (event) =>
		programmeAction(event, 'report.write', sectionSchema, async ({ db, access, data, redirect }) => {
			await saveSection(db, access.user, access.programme, reportId(event), data);
			redirect('sectionSaved', { hash: `section-${data.key}` });
		}),
	saveOutcome: (event) =>
		programmeAction(event, 'report.write', moduleNarrativeSchema, async ({ db, access, data, redirect }) => {
			await saveModuleNarrative(db, access.user, access.programme, reportId(event), data);
			redirect('sectionSaved', { hash: `outcome-${data.moduleId}` });
		}),
	comment: (event) =>
		programmeAction(event, 'report.comment', commentSchema, async ({ db, access, data, redirect }) => {
			await addComment(db, access.user, access.programme, reportId(event), data);
			redirect('reportCommented', { hash: 'comments' });
		}),
	issue: (event) =>
		programmeAction(event, 'report.issue', z.object({ version: versionField() }), async ({ db, access, data, redirect }) => {
			// Records the render job and answers at once; the page shows the job until the issue is recorded.
			await enqueueIssue(db, access.user, access.programme, reportId(event), data.version, { origin: originOf(event) });
			wakeReportJobs();
			redirect('reportQueued', { hash: 'issue-job' });
		}),
	reopen: (event) =>
		programmeAction(event, 'report.write', reopenSchema, async ({ db, access, data, redirect }) => {
			await reopenReport(db, access.user, access.programme, reportId(event), data.version, data.reason, data.reasonTranslation);
			redirect('reportReopened');
		})
} satisfies Actions;
