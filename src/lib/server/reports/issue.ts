import { createHash } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import { sql } from 'kysely';
import type { IsoDate, Locale, Programme } from '$lib/model';
import { translate } from '$lib/i18n/translate';
import { reportBlockers } from '$lib/reports/blockers';
import { canonicalJson } from '$lib/reports/canonical-json';
import { sameContent } from '$lib/reports/issue-content';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Actor } from '../core/actor';
import { uploadsDir } from '../core/attachments';
import { recordAudit } from '../core/audit';
import { ConflictError, ForbiddenTransitionError, NotFoundError } from '../core/errors';
import { assertSaved } from '../core/versioning';
import { inTransaction, onCommit, type Executor } from '../db/executor';
import { notifyReportIssued } from '../notifications/events';
import { loadSections, reportRowFor } from './reports';
import { buildSnapshot } from './snapshot';

// Issuing a report (design §5), all or nothing. The issue action freezes the snapshot (built in a
// read transaction; its canonical JSON, RFC 8785, hashed with SHA-256) and records a render job
// (jobs.ts); the job renders the PDF and DOCX of each language from that snapshot under temporary
// names with their own SHA-256, then `writeIssue` builds the snapshot again in one write
// transaction and goes on only if its hash is the one the files were rendered from: it claims the
// report's version, locks the covered periods, inserts the issue row (chained to the programme's
// previous issue hash), its files and the audit entries and marks the job done. The files take
// their names only once that transaction has committed; a renderer that throws, or any refusal,
// leaves no issue, no lock and no file. Of two evaluators issuing at once one issues and the
// other gets a conflict (one open job per report; the report's version; the unique (report,
// number) is the last guard).

/** The file renderers (render/pdf.ts and render/docx.ts); `sha256` is the snapshot's, printed in every footer. */
export interface Renderers {
	pdf(snapshot: ReportSnapshot, lang: Locale, options: { sha256: string }): Promise<Uint8Array>;
	docx(snapshot: ReportSnapshot, lang: Locale, options: { sha256: string }): Promise<Uint8Array>;
}

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export interface IssuedReport {
	number: number;
	sha256: string;
}

export const PART = '.part';

/** The folder of every issued file, under the uploads folder. */
export const reportFilesDir = () => join(uploadsDir(), 'reports');

/** Where an issue's file lives, under the uploads folder. */
export function reportFilePath(relative: string): string {
	const root = reportFilesDir();
	const path = normalize(join(root, relative));
	if (!path.startsWith(root + sep)) throw new Error('report file outside its folder');
	return path;
}
const filePath = reportFilePath;

export interface Frozen {
	report: Awaited<ReturnType<typeof reportRowFor>>;
	snapshot: ReportSnapshot;
	canonical: string;
	hash: string;
	number: number;
}

/** The facts an issue freezes with the data: when, by whom (the actor), from which public address. */
export interface IssueFacts {
	issuedAt: string;
	origin: string;
}

/** Thrown when the data moved between freezing the snapshot and writing the issue. */
export class SnapshotChangedError extends ConflictError {
	constructor(reportId: number) {
		super('report_snapshot', reportId);
	}
}

/** The snapshot the issue would freeze now, its canonical JSON and hash; refused while anything blocks it. */
export async function freeze(
	trx: Executor,
	actor: Actor & { name: string },
	programme: Programme,
	reportId: number,
	version: number,
	facts: IssueFacts
): Promise<Frozen> {
	const report = await reportRowFor(trx, programme.id, reportId);
	// Someone issued (or changed) it since this form was loaded: a conflict, never a second issue.
	if (report.version !== version) throw new ConflictError('report', reportId);
	if (report.status !== 'draft') throw new ForbiddenTransitionError('reports.issuedReadOnly');
	const [sections, lastOfReport, lastOfProgramme] = await Promise.all([
		loadSections(trx, reportId),
		trx
			.selectFrom('report_issue')
			.select(['number', 'snapshot'])
			.where('report_id', '=', reportId)
			.orderBy('number', 'desc')
			.limit(1)
			.executeTakeFirst(),
		trx
			.selectFrom('report_issue')
			.innerJoin('report', 'report.id', 'report_issue.report_id')
			.select(['report_issue.snapshot_sha256'])
			.where('report.programme_id', '=', programme.id)
			.orderBy('report_issue.issued_at', 'desc')
			.orderBy('report_issue.id', 'desc')
			.limit(1)
			.executeTakeFirst()
	]);
	const number = (lastOfReport?.number ?? 0) + 1;
	const snapshot = await buildSnapshot(trx, programme, report, sections, {
		number,
		supersedes: lastOfReport?.number ?? null,
		correctionReason: lastOfReport ? (report.correctionReason ?? null) : null,
		previousHash: lastOfProgramme?.snapshot_sha256 ?? null,
		issuedAt: facts.issuedAt,
		issuedBy: actor.name,
		origin: facts.origin
	});
	if (reportBlockers(snapshot).length > 0) throw new ForbiddenTransitionError('reports.blocked');
	// A correction must correct something: one that would issue what the last issue says is refused.
	if (lastOfReport && unchangedSince(snapshot, lastOfReport.snapshot))
		throw new ForbiddenTransitionError('reports.unchangedCorrection', { n: lastOfReport.number });
	const canonical = canonicalJson(snapshot);
	return { report, snapshot, canonical, hash: sha256Hex(canonical), number };
}

/** True when `snapshot` says what the stored issue `previous` (its canonical JSON) already says. */
export function unchangedSince(snapshot: ReportSnapshot, previous: string): boolean {
	try {
		return sameContent(snapshot, JSON.parse(previous) as Partial<ReportSnapshot>);
	} catch {
		return false;
	}
}

/** A rendered file waiting under its temporary name (`path` relative to the reports folder). */
export interface RenderedFile {
	lang: Locale;
	format: 'pdf' | 'docx';
	path: string;
	sha256: string;
	size: number;
}

/**
 * The issue's write, one transaction: the snapshot built again must hash to `expectedHash` (the
 * one the files were rendered from), else nothing is written. `finish` runs inside the same
 * transaction (the job marks itself done there), so the job and the issue commit together.
 */
export async function writeIssue(
	db: Executor,
	actor: Actor & { name: string },
	programme: Programme,
	reportId: number,
	version: number,
	facts: IssueFacts,
	expectedHash: string,
	files: RenderedFile[],
	finish: (trx: Executor, issued: IssuedReport) => Promise<void>
): Promise<IssuedReport> {
	return inTransaction(db, async (trx) => {
		const { snapshot, canonical, hash, number } = await freeze(trx, actor, programme, reportId, version, facts);
		// The data moved while the files were rendered: they would not match what is stored.
		if (hash !== expectedHash) throw new SnapshotChangedError(reportId);
		const claimed = await trx
			.updateTable('report')
			.set({ status: 'issued', version: sql`version + 1`, updated_at: new Date().toISOString() })
			.where('id', '=', reportId)
			.where('version', '=', version)
			.where('status', '=', 'draft')
			.executeTakeFirst();
		assertSaved(claimed, 'report', reportId);

		const locked = await trx
			.updateTable('reporting_period')
			.set({ locked: 1, version: sql`version + 1` })
			.where('programme_id', '=', programme.id)
			.where('id', 'in', snapshot.report.periods.map((p) => p.id).concat([0]))
			.where('locked', '=', 0)
			.returning(['id', 'label'])
			.execute();
		for (const p of locked) {
			await recordAudit(trx, {
				userId: actor.id,
				programmeId: programme.id,
				entity: 'reporting_period',
				entityId: p.id,
				action: 'lock',
				before: { locked: false },
				after: { locked: true },
				reason: `report ${reportId} issue ${number}`
			});
		}
		const { id: issueId } = await trx
			.insertInto('report_issue')
			.values({
				report_id: reportId,
				number,
				issued_at: facts.issuedAt,
				issued_by: actor.id,
				issued_by_name: actor.name,
				snapshot: canonical,
				snapshot_sha256: hash,
				previous_hash: snapshot.report.previousHash,
				supersedes_number: snapshot.report.supersedes,
				correction_reason: snapshot.report.correctionReason
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('report_issue_file')
			.values(files.map((f) => ({ issue_id: issueId, lang: f.lang, format: f.format, path: f.path, sha256: f.sha256, size_bytes: f.size })))
			.execute();
		await recordAudit(trx, {
			userId: actor.id,
			programmeId: programme.id,
			entity: 'report',
			entityId: reportId,
			action: 'issue',
			before: { status: 'draft' },
			after: {
				status: 'issued',
				issue: number,
				sha256: hash,
				supersedes: snapshot.report.supersedes,
				periods: locked.map((p) => p.label)
			}
		});
		await notifyReportIssued(trx, programme, reportId, { number, supersedes: snapshot.report.supersedes, snapshot: canonical }, actor.id);
		const issued = { number, sha256: hash };
		await finish(trx, issued);
		await onCommit(trx, async () => {
			for (const f of files) {
				const path = filePath(f.path);
				await rename(path + PART, path).catch((e) => console.error(`report file ${f.path} stays as ${PART}:`, e));
			}
		});
		return issued;
	});
}

/** The issue `number` of a report of the programme; NotFound otherwise. */
export async function issueOf(db: Executor, programmeId: number, reportId: number, number: number) {
	const row = await db
		.selectFrom('report_issue')
		.innerJoin('report', 'report.id', 'report_issue.report_id')
		.select(['report_issue.id', 'report_issue.snapshot', 'report_issue.snapshot_sha256', 'report_issue.number'])
		.where('report.programme_id', '=', programmeId)
		.where('report.id', '=', reportId)
		.where('report_issue.number', '=', number)
		.executeTakeFirst();
	if (!row) throw new NotFoundError('report_issue', `${reportId}/${number}`);
	return row;
}

/** The stored bytes of one file of an issue, exactly as issued. */
export async function issueFile(
	db: Executor,
	programmeId: number,
	reportId: number,
	number: number,
	lang: Locale,
	format: 'pdf' | 'docx'
): Promise<{ bytes: Uint8Array; sha256: string }> {
	const issue = await issueOf(db, programmeId, reportId, number);
	const file = await db
		.selectFrom('report_issue_file')
		.select(['path', 'sha256'])
		.where('issue_id', '=', issue.id)
		.where('lang', '=', lang)
		.where('format', '=', format)
		.executeTakeFirst();
	if (!file) throw new NotFoundError('report_issue_file', `${issue.id}/${lang}/${format}`);
	const path = filePath(file.path);
	let bytes: Buffer;
	try {
		bytes = await readFile(path);
	} catch {
		// Committed but not yet moved (a crash between the commit and the move): the row vouches for it.
		bytes = await readFile(path + PART);
	}
	return { bytes: new Uint8Array(bytes), sha256: file.sha256 };
}

/** The latest issue of each programme's reports, for portfolio cards and dashboard headers. */
export interface LatestIssue {
	programmeId: number;
	reportId: number;
	number: number;
	issuedAt: string;
	title: { es: string; en: string };
	/** The issue of the same report this one corrects (the link says so). */
	supersedes: number | null;
}

/** "Issue 2 (corrects issue 1)", or "Issue 1": how a link to the latest issue names it. */
export function issueWords(locale: Locale, issue: Pick<LatestIssue, 'number' | 'supersedes'>): string {
	return issue.supersedes === null
		? translate(locale, 'reports.issueNumber', { n: issue.number })
		: translate(locale, 'reports.issueCorrects', { n: issue.number, previous: issue.supersedes });
}

/**
 * One statement whatever the number of programmes: every issue of theirs, newest first, the first
 * per programme kept. `through`: only issues made on or before that day (the dashboard's "as of").
 */
export async function latestIssues(
	db: Executor,
	programmeIds: readonly number[],
	options: { through?: IsoDate } = {}
): Promise<Map<number, LatestIssue>> {
	const latest = new Map<number, LatestIssue>();
	if (programmeIds.length === 0) return latest;
	const rows = await db
		.selectFrom('report_issue')
		.innerJoin('report', 'report.id', 'report_issue.report_id')
		.select([
			'report.programme_id',
			'report.id as report_id',
			'report_issue.number',
			'report_issue.issued_at',
			'report_issue.supersedes_number',
			'report.title_es',
			'report.title_en'
		])
		.where('report.programme_id', 'in', [...programmeIds])
		.$if(options.through !== undefined, (q) => q.where('report_issue.issued_at', '<=', `${options.through}T23:59:59.999Z`))
		.orderBy('report_issue.issued_at', 'desc')
		.orderBy('report_issue.id', 'desc')
		.execute();
	for (const r of rows) {
		if (latest.has(r.programme_id)) continue;
		latest.set(r.programme_id, {
			programmeId: r.programme_id,
			reportId: r.report_id,
			number: r.number,
			issuedAt: r.issued_at,
			title: { es: r.title_es, en: r.title_en },
			supersedes: r.supersedes_number
		});
	}
	return latest;
}

/** An issue with its files, as the read API lists it (issued reports are public to every reader of the programme). */
export interface IssueListing {
	issueId: number;
	reportId: number;
	number: number;
	issuedAt: string;
	title: { es: string; en: string };
	languages: Locale[];
	snapshotSha256: string;
	/** The issue of the same report this one corrects, the one that corrects it (superseded), the previous hash. */
	supersedes: number | null;
	supersededBy: number | null;
	previousHash: string | null;
	correctionReason: string | null;
	files: { lang: Locale; format: 'pdf' | 'docx'; sha256: string }[];
}

/** Every issue of the programme's reports with its files: two statements whatever their number. */
export async function listIssues(db: Executor, programmeId: number): Promise<IssueListing[]> {
	const issues = await db
		.selectFrom('report_issue')
		.innerJoin('report', 'report.id', 'report_issue.report_id')
		.select([
			'report_issue.id',
			'report_issue.report_id',
			'report_issue.number',
			'report_issue.issued_at',
			'report_issue.snapshot_sha256',
			'report_issue.supersedes_number',
			'report_issue.previous_hash',
			'report_issue.correction_reason',
			'report.title_es',
			'report.title_en',
			'report.languages'
		])
		.where('report.programme_id', '=', programmeId)
		.orderBy('report_issue.id')
		.execute();
	if (issues.length === 0) return [];
	const files = await db
		.selectFrom('report_issue_file')
		.select(['issue_id', 'lang', 'format', 'sha256'])
		.where(
			'issue_id',
			'in',
			issues.map((i) => i.id)
		)
		.orderBy('id')
		.execute();
	return issues.map((i) => ({
		issueId: i.id,
		reportId: i.report_id,
		number: i.number,
		issuedAt: i.issued_at,
		title: { es: i.title_es, en: i.title_en },
		languages: JSON.parse(i.languages) as Locale[],
		snapshotSha256: i.snapshot_sha256,
		supersedes: i.supersedes_number,
		supersededBy: issues.find((x) => x.report_id === i.report_id && x.supersedes_number === i.number)?.number ?? null,
		previousHash: i.previous_hash,
		correctionReason: i.correction_reason,
		files: files.filter((f) => f.issue_id === i.id).map((f) => ({ lang: f.lang, format: f.format, sha256: f.sha256 }))
	}));
}
