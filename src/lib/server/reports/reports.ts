import { otherLocale } from '$lib/content-language';
import { sql } from 'kysely';
import { z } from 'zod';
import { LOCALES, type IsoDate, type Locale, type Programme } from '$lib/model';
import {
	MAX_JUSTIFICATION_LENGTH,
	MAX_NARRATIVE_LENGTH,
	OUTLINES,
	REPORT_LAYOUTS,
	SECTION_KEYS,
	type ReportLayout,
	type SectionKey
} from '$lib/reports/outline';
import { unresolvedCitations } from '$lib/reports/blockers';
import { NOT_RATED, RATING_CHOICES, readRating } from '$lib/reports/not-rated';
import { citationsIn } from '$lib/reports/narrative';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Actor } from '../core/actor';
import { recordAudit } from '../core/audit';
import { ConflictError, DomainValidationError, ForbiddenTransitionError, NotFoundError, type FieldErrors } from '../core/errors';
import {
	enumField,
	idListField,
	optionalDateField,
	multilineText,
	optionalMultilineText,
	optionalText,
	translationText,
	versionField
} from '../core/validation';
import { saveTranslations } from '../core/translations';
import type { Viewer } from '../core/viewer';
import { assertSaved } from '../core/versioning';
import { inTransaction, type Executor } from '../db/executor';
import { notifyReportComment } from '../notifications/events';
import { draftLessonIds } from '../evaluation/lesson-read';
import { buildSnapshot, type ReportRow, type SnapshotSection } from './snapshot';

// Reports of a programme (design §2, §4): drafts an evaluator writes section by section, and
// their issues. Donors see only reports with at least one issue, and of those only the issues:
// a draft, its sections and comments do not exist for them (404).

export interface ReportSummary {
	id: number;
	layout: ReportLayout;
	title: Record<Locale, string>;
	languages: Locale[];
	windowStart: IsoDate;
	cutOff: IsoDate;
	dueDate: IsoDate | null;
	periodLabels: string[];
	status: 'draft' | 'issued';
	createdByName: string | null;
	createdAt: string;
	updatedAt: string;
	version: number;
	issues: IssueSummary[];
}

export interface IssueSummary {
	number: number;
	issuedAt: string;
	issuedBy: string;
	sha256: string;
	supersedes: number | null;
	/** The later issue of the same report that corrects this one; null while this one stands. */
	supersededBy: number | null;
	files: { lang: Locale; format: 'pdf' | 'docx'; sha256: string; size: number }[];
	/** Why this issue corrects the one before (as typed, in the content language); null for a first issue. */
	correctionReason: string | null;
}

export interface SectionRow extends SnapshotSection {
	version: number;
	updatedAt: string;
	updatedByName: string | null;
}

export interface ReportComment {
	id: number;
	sectionKey: SectionKey | null;
	authorName: string | null;
	body: string;
	createdAt: string;
}

const parseLanguages = (raw: string): Locale[] => {
	try {
		const list = JSON.parse(raw) as unknown;
		return Array.isArray(list) ? LOCALES.filter((l) => list.includes(l)) : [];
	} catch {
		return [];
	}
};

/** The programme's reports a viewer may see, newest first: four statements. */
export async function listReports(db: Executor, programme: Programme, viewer: Viewer): Promise<ReportSummary[]> {
	const rows = await db
		.selectFrom('report')
		.leftJoin('user', 'user.id', 'report.created_by')
		.selectAll('report')
		.select('user.name as created_by_name')
		.where('report.programme_id', '=', programme.id)
		.orderBy('report.cut_off', 'desc')
		.orderBy('report.id', 'desc')
		.execute();
	const ids = rows.map((r) => r.id);
	const [periods, issues] = await Promise.all([
		ids.length
			? db
					.selectFrom('report_period')
					.innerJoin('reporting_period', 'reporting_period.id', 'report_period.period_id')
					.select(['report_period.report_id', 'reporting_period.label'])
					.where('report_period.report_id', 'in', ids)
					.orderBy('reporting_period.start_date')
					.execute()
			: [],
		issuesOf(db, ids)
	]);
	return (
		rows
			.map((r) => ({
				id: r.id,
				layout: r.layout,
				title: { es: r.title_es, en: r.title_en },
				languages: parseLanguages(r.languages),
				windowStart: r.window_start,
				cutOff: r.cut_off,
				dueDate: r.due_date,
				periodLabels: periods.filter((p) => p.report_id === r.id).map((p) => p.label),
				status: r.status,
				createdByName: r.created_by_name,
				createdAt: r.created_at,
				updatedAt: r.updated_at,
				version: r.version,
				issues: issues.get(r.id) ?? []
			}))
			.filter((r) => viewer.internal || r.issues.length > 0)
			// A correction being written is internal: donors see the report as issued.
			.map((r) => (viewer.internal ? r : { ...r, status: 'issued' as const }))
	);
}

async function issuesOf(db: Executor, reportIds: number[]): Promise<Map<number, IssueSummary[]>> {
	const map = new Map<number, IssueSummary[]>();
	if (reportIds.length === 0) return map;
	const [issueRows, fileRows] = await Promise.all([
		db
			.selectFrom('report_issue')
			.select(['id', 'report_id', 'number', 'issued_at', 'issued_by_name', 'snapshot_sha256', 'supersedes_number', 'correction_reason'])
			.where('report_id', 'in', reportIds)
			.orderBy('number')
			.execute(),
		db
			.selectFrom('report_issue_file')
			.innerJoin('report_issue', 'report_issue.id', 'report_issue_file.issue_id')
			.select(['report_issue_file.issue_id', 'lang', 'format', 'sha256', 'size_bytes'])
			.where('report_issue.report_id', 'in', reportIds)
			.orderBy('lang')
			.orderBy('format')
			.execute()
	]);
	for (const i of issueRows) {
		let list = map.get(i.report_id);
		if (!list) map.set(i.report_id, (list = []));
		list.push({
			number: i.number,
			issuedAt: i.issued_at,
			issuedBy: i.issued_by_name,
			sha256: i.snapshot_sha256,
			supersedes: i.supersedes_number,
			supersededBy: issueRows.find((x) => x.report_id === i.report_id && x.supersedes_number === i.number)?.number ?? null,
			files: fileRows
				.filter((f) => f.issue_id === i.id)
				.map((f) => ({ lang: f.lang, format: f.format, sha256: f.sha256, size: f.size_bytes })),
			correctionReason: i.correction_reason
		});
	}
	return map;
}

/** One report of the programme as `viewer` may see it; a donor asking for a never-issued one gets NotFound. */
export async function getReport(
	db: Executor,
	programme: Programme,
	viewer: Viewer,
	id: number
): Promise<ReportSummary & { periodIds: number[] }> {
	const row = await db
		.selectFrom('report')
		.leftJoin('user', 'user.id', 'report.created_by')
		.selectAll('report')
		.select('user.name as created_by_name')
		.where('report.id', '=', id)
		.where('report.programme_id', '=', programme.id)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('report', id);
	const [periods, issues] = await Promise.all([
		db
			.selectFrom('report_period')
			.innerJoin('reporting_period', 'reporting_period.id', 'report_period.period_id')
			.select(['reporting_period.id', 'reporting_period.label'])
			.where('report_period.report_id', '=', id)
			.orderBy('reporting_period.start_date')
			.execute(),
		issuesOf(db, [id])
	]);
	const summary = {
		id: row.id,
		layout: row.layout,
		title: { es: row.title_es, en: row.title_en },
		languages: parseLanguages(row.languages),
		windowStart: row.window_start,
		cutOff: row.cut_off,
		dueDate: row.due_date,
		periodLabels: periods.map((p) => p.label),
		periodIds: periods.map((p) => p.id),
		status: row.status,
		createdByName: row.created_by_name,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		version: row.version,
		issues: issues.get(id) ?? []
	};
	if (!viewer.internal && summary.issues.length === 0) throw new NotFoundError('report', id);
	return viewer.internal ? summary : { ...summary, status: 'issued' as const };
}

export async function loadSections(db: Executor, reportId: number): Promise<SectionRow[]> {
	const rows = await db
		.selectFrom('report_section')
		.leftJoin('user', 'user.id', 'report_section.updated_by')
		.selectAll('report_section')
		.select('user.name as updated_by_name')
		.where('report_id', '=', reportId)
		.execute();
	return rows.map((r) => ({
		key: r.key as SectionKey,
		...readRating(r.rating),
		narrativeEs: r.narrative_es,
		narrativeEn: r.narrative_en,
		justificationEs: r.justification_es,
		justificationEn: r.justification_en,
		version: r.version,
		updatedAt: r.updated_at,
		updatedByName: r.updated_by_name
	}));
}

export async function loadComments(db: Executor, reportId: number): Promise<ReportComment[]> {
	const rows = await db
		.selectFrom('report_comment')
		.leftJoin('user', 'user.id', 'report_comment.author_id')
		.select(['report_comment.id', 'section_key', 'body', 'report_comment.created_at', 'user.name as author_name'])
		.where('report_id', '=', reportId)
		.orderBy('report_comment.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		sectionKey: (r.section_key as SectionKey | null) ?? null,
		authorName: r.author_name,
		body: r.body,
		createdAt: r.created_at
	}));
}

/** The report row as the snapshot builder takes it. */
export async function reportRowFor(
	db: Executor,
	programmeId: number,
	id: number
): Promise<ReportRow & { status: 'draft' | 'issued'; version: number }> {
	const [row, periods] = await Promise.all([
		db.selectFrom('report').selectAll().where('id', '=', id).where('programme_id', '=', programmeId).executeTakeFirst(),
		db.selectFrom('report_period').select('period_id').where('report_id', '=', id).execute()
	]);
	if (!row) throw new NotFoundError('report', id);
	return {
		id: row.id,
		programmeId: row.programme_id,
		layout: row.layout,
		titleEs: row.title_es,
		titleEn: row.title_en,
		windowStart: row.window_start,
		cutOff: row.cut_off,
		languages: parseLanguages(row.languages),
		periodIds: periods.map((p) => p.period_id),
		status: row.status,
		version: row.version,
		correctionReason: row.correction_reason
	};
}

/**
 * The snapshot the report would freeze if issued now (the editor's evidence and the preview):
 * the same builder as the issue, marked as issue 0 by nobody.
 */
export async function draftSnapshot(
	db: Executor,
	programme: Programme,
	reportId: number,
	origin: string,
	options: { issuedBy?: string } = {}
): Promise<ReportSnapshot> {
	return inTransaction(db, async (trx) => {
		const [report, sections, last] = await Promise.all([
			reportRowFor(trx, programme.id, reportId),
			loadSections(trx, reportId),
			trx
				.selectFrom('report_issue')
				.select('number')
				.where('report_id', '=', reportId)
				.orderBy('number', 'desc')
				.limit(1)
				.executeTakeFirst()
		]);
		// As the next issue would be (its hash, and the previous one's, are known only when issued).
		return buildSnapshot(trx, programme, report, sections, {
			number: (last?.number ?? 0) + 1,
			supersedes: last?.number ?? null,
			correctionReason: last ? (report.correctionReason ?? null) : null,
			previousHash: null,
			issuedAt: new Date().toISOString(),
			issuedBy: options.issuedBy ?? '',
			origin
		});
	});
}

// ---- writes ------------------------------------------------------------------------------------

const languagesField = () =>
	z.preprocess(
		(v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
		z
			.array(z.enum(LOCALES, { error: 'validation.choice' }))
			.min(1, { error: 'reports.languagesRequired' })
			.max(2)
	);

export const reportSchema = z.object({
	layout: enumField(REPORT_LAYOUTS),
	titleEs: optionalText(200),
	titleEn: optionalText(200),
	window: enumField(['periods', 'dates'] as const),
	periodIds: idListField(100),
	windowStart: optionalDateField(),
	cutOff: optionalDateField(),
	dueDate: optionalDateField(),
	languages: languagesField()
});
/** The due date is optional for callers that have none to give (the seed). */
export type ReportInput = Omit<z.output<typeof reportSchema>, 'dueDate'> & { dueDate?: string | null };

/** Creates a draft with one empty section per part of its layout. */
export async function createReport(db: Executor, actor: Actor, programme: Programme, input: ReportInput): Promise<number> {
	return inTransaction(db, async (trx) => {
		const languages = LOCALES.filter((l) => input.languages.includes(l));
		const errors: Record<
			string,
			{
				key:
					| 'reports.titleRequired'
					| 'reports.periodsRequired'
					| 'reports.periodNotInProgramme'
					| 'reports.datesRequired'
					| 'reports.windowOrder'
					| 'reports.dueBeforeCutOff'
					| 'validation.required';
			}
		> = {};
		if (languages.includes('es') && !input.titleEs) errors.titleEs = { key: 'reports.titleRequired' };
		if (languages.includes('en') && !input.titleEn) errors.titleEn = { key: 'reports.titleRequired' };
		let windowStart: IsoDate;
		let cutOff: IsoDate;
		let periodIds: number[] = [];
		if (input.window === 'periods') {
			periodIds = [...new Set(input.periodIds)];
			const periods = periodIds.length
				? await trx
						.selectFrom('reporting_period')
						.select(['id', 'start_date', 'end_date'])
						.where('id', 'in', periodIds)
						.where('programme_id', '=', programme.id)
						.execute()
				: [];
			if (periodIds.length === 0) errors.periodIds = { key: 'reports.periodsRequired' };
			else if (periods.length !== periodIds.length) errors.periodIds = { key: 'reports.periodNotInProgramme' };
			windowStart = periods.map((p) => p.start_date).sort()[0] ?? programme.startDate;
			cutOff =
				periods
					.map((p) => p.end_date)
					.sort()
					.at(-1) ?? programme.startDate;
		} else {
			if (!input.cutOff) errors.cutOff = { key: 'reports.datesRequired' };
			windowStart = input.windowStart ?? programme.startDate;
			cutOff = input.cutOff ?? programme.startDate;
			if (input.cutOff && windowStart > cutOff) errors.cutOff = { key: 'reports.windowOrder' };
		}
		if (input.dueDate && input.dueDate < cutOff) errors.dueDate = { key: 'reports.dueBeforeCutOff' };
		if (Object.keys(errors).length) throw new DomainValidationError(errors);
		const { id } = await trx
			.insertInto('report')
			.values({
				programme_id: programme.id,
				layout: input.layout,
				title_es: input.titleEs,
				title_en: input.titleEn,
				window_start: windowStart,
				cut_off: cutOff,
				languages: JSON.stringify(languages),
				due_date: input.dueDate ?? null,
				created_by: actor.id
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		if (periodIds.length)
			await trx
				.insertInto('report_period')
				.values(periodIds.map((p) => ({ report_id: id, period_id: p })))
				.execute();
		await trx
			.insertInto('report_section')
			.values(OUTLINES[input.layout].map((s) => ({ report_id: id, key: s.key, updated_by: actor.id })))
			.execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'report',
			entityId: id,
			action: 'create',
			after: {
				layout: input.layout,
				title_es: input.titleEs,
				title_en: input.titleEn,
				window_start: windowStart,
				cut_off: cutOff,
				due_date: input.dueDate ?? null,
				languages
			}
		});
		return id;
	});
}

export const sectionSchema = z.object({
	key: enumField(SECTION_KEYS),
	version: versionField(),
	rating: z.preprocess((v) => (v === '' ? undefined : v), z.enum(RATING_CHOICES, { error: 'reports.unknownRating' }).optional()),
	narrativeEs: optionalMultilineText(MAX_NARRATIVE_LENGTH),
	narrativeEn: optionalMultilineText(MAX_NARRATIVE_LENGTH),
	justificationEs: optionalMultilineText(MAX_JUSTIFICATION_LENGTH),
	justificationEn: optionalMultilineText(MAX_JUSTIFICATION_LENGTH)
});
export type SectionInput = z.output<typeof sectionSchema>;

async function draftIn(db: Executor, programmeId: number, reportId: number) {
	const row = await db
		.selectFrom('report')
		.select(['id', 'status', 'layout', 'version', 'languages'])
		.where('id', '=', reportId)
		.where('programme_id', '=', programmeId)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('report', reportId);
	if (row.status !== 'draft') throw new ForbiddenTransitionError('reports.issuedReadOnly');
	return row;
}

/** The entry a raw `[[lesson:12]]` names, or null for any other citation. */
function lessonCitedId(raw: string): number | null {
	const citation = citationsIn(raw)[0]?.citation;
	return citation?.kind === 'lesson' && /^\d{1,9}$/.test(citation.ref) ? Number(citation.ref) : null;
}

/**
 * Saves one section (version-checked: a second evaluator saving the same version gets a conflict,
 * never a silent overwrite). Citations must name records of this programme's snapshot.
 */
export async function saveSection(db: Executor, actor: Actor, programme: Programme, reportId: number, input: SectionInput): Promise<void> {
	await inTransaction(db, async (trx) => {
		const report = await draftIn(trx, programme.id, reportId);
		const outline = OUTLINES[report.layout].find((s) => s.key === input.key);
		if (!outline) throw new NotFoundError('report_section', input.key);
		const texts = [input.narrativeEs, input.narrativeEn, input.justificationEs, input.justificationEn];
		// Citations must name records of this programme as the report would print them.
		const records = texts.some((t) => t.includes('[[')) ? (await draftSnapshot(trx, programme, reportId, '')).records : {};
		const errors: FieldErrors = {};
		const unresolved = Object.fromEntries(
			(['narrativeEs', 'narrativeEn', 'justificationEs', 'justificationEn'] as const).map((f) => [
				f,
				unresolvedCitations(input[f], records)
			])
		);
		// A draft lesson of this programme is no record of the report yet: say so, not "no record".
		const drafts = await draftLessonIds(
			trx,
			programme.id,
			Object.values(unresolved)
				.flat()
				.map(lessonCitedId)
				.filter((id) => id !== null)
		);
		for (const [field, bad] of Object.entries(unresolved)) {
			const unknown = bad.filter((raw) => !drafts.has(lessonCitedId(raw) ?? 0));
			if (unknown.length) errors[field] = { key: 'reports.unresolvedCitation', params: { citations: unknown.join(', ') } };
			else if (bad.length) errors[field] = { key: 'evaluation.citation.draft', params: { citations: bad.join(', ') } };
		}
		// Left unrated only with its reason, in every language the report is issued in.
		if (outline.rated && input.rating === NOT_RATED)
			for (const lang of parseLanguages(report.languages)) {
				const field = lang === 'es' ? 'justificationEs' : 'justificationEn';
				if (input[field].trim() === '') errors[field] ??= { key: 'reports.notRatedReasonRequired' };
			}
		if (Object.keys(errors).length) throw new DomainValidationError(errors);
		const before = await trx
			.selectFrom('report_section')
			.selectAll()
			.where('report_id', '=', reportId)
			.where('key', '=', input.key)
			.executeTakeFirst();
		if (!before) throw new NotFoundError('report_section', input.key);
		const after = {
			rating: outline.rated ? (input.rating ?? null) : null,
			narrative_es: input.narrativeEs,
			narrative_en: input.narrativeEn,
			justification_es: outline.rated ? input.justificationEs : '',
			justification_en: outline.rated ? input.justificationEn : ''
		};
		const result = await trx
			.updateTable('report_section')
			.set({ ...after, updated_by: actor.id, updated_at: new Date().toISOString(), version: sql`version + 1` })
			.where('id', '=', before.id)
			.where('version', '=', input.version)
			.executeTakeFirst();
		assertSaved(result, 'report_section', before.id);
		const changedBefore: Record<string, unknown> = {};
		const changedAfter: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(after)) {
			if (before[k as keyof typeof before] !== v) {
				changedBefore[k] = before[k as keyof typeof before];
				changedAfter[k] = v;
			}
		}
		if (Object.keys(changedAfter).length === 0) return;
		await trx.updateTable('report').set({ updated_at: new Date().toISOString() }).where('id', '=', reportId).execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'report_section',
			entityId: before.id,
			action: 'update',
			before: { section: input.key, ...changedBefore },
			after: { section: input.key, ...changedAfter }
		});
	});
}

export const commentSchema = z.object({
	sectionKey: z.preprocess((v) => (v === '' ? undefined : v), z.enum(SECTION_KEYS, { error: 'validation.choice' }).optional()),
	body: optionalMultilineText(4000).pipe(z.string().min(1, { error: 'validation.required' }))
});

export async function addComment(
	db: Executor,
	actor: Actor,
	programme: Programme,
	reportId: number,
	input: z.output<typeof commentSchema>
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await draftIn(trx, programme.id, reportId);
		const { id } = await trx
			.insertInto('report_comment')
			.values({ report_id: reportId, section_key: input.sectionKey ?? null, author_id: actor.id, body: input.body })
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'report_comment',
			entityId: id,
			action: 'create',
			after: { report_id: reportId, section: input.sectionKey ?? null, body: input.body }
		});
		await notifyReportComment(trx, actor, programme, reportId, input.body);
	});
}

/** A correction says why: the reason is printed on the new issue's cover and in the issue list. */
export const reopenSchema = z.object({
	version: versionField(),
	reason: multilineText(2000),
	// The reason in the programme's other language (review 4, F12): printed to readers of it.
	reasonTranslation: translationText(2000, true)
});

/** Opens an issued report for a correction: its issues stay as they are; the next issue supersedes the last. */
export async function reopenReport(
	db: Executor,
	actor: Actor,
	programme: Programme,
	reportId: number,
	version: number,
	reason: string,
	reasonTranslation = ''
): Promise<void> {
	if (reason.trim() === '') throw new DomainValidationError({ reason: { key: 'validation.required' } });
	await inTransaction(db, async (trx) => {
		const row = await trx
			.selectFrom('report')
			.select(['status', 'version'])
			.where('id', '=', reportId)
			.where('programme_id', '=', programme.id)
			.executeTakeFirst();
		if (!row) throw new NotFoundError('report', reportId);
		if (row.status !== 'issued') throw new ConflictError('report', reportId);
		const result = await trx
			.updateTable('report')
			.set({ status: 'draft', correction_reason: reason, version: sql`version + 1`, updated_at: new Date().toISOString() })
			.where('id', '=', reportId)
			.where('version', '=', version)
			.executeTakeFirst();
		assertSaved(result, 'report', reportId);
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'report',
			entityId: reportId,
			action: 'reopen',
			before: { status: 'issued' },
			after: { status: 'draft' },
			reason
		});
		// A content translation like every text's other language (audited); an empty one removes the last reason's.
		const locale = otherLocale(programme.contentLanguage);
		await saveTranslations(
			trx,
			actor,
			{ programmeId: programme.id, entity: 'report', entityId: reportId, locale },
			{ correction_reason: reasonTranslation }
		);
	});
}

/** A draft report still to write or issue, for the inbox of the evaluators who may issue it. */
export interface DraftToIssue {
	id: number;
	programmeId: number;
	title: { es: string; en: string };
	cutOff: IsoDate;
}

/** Every draft report of these programmes, in one statement. */
export async function draftsToIssue(db: Executor, programmeIds: readonly number[]): Promise<DraftToIssue[]> {
	if (programmeIds.length === 0) return [];
	const rows = await db
		.selectFrom('report')
		.select(['id', 'programme_id', 'title_es', 'title_en', 'cut_off'])
		.where('programme_id', 'in', [...programmeIds])
		.where('status', '=', 'draft')
		.orderBy('cut_off')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ id: r.id, programmeId: r.programme_id, title: { es: r.title_es, en: r.title_en }, cutOff: r.cut_off }));
}
