import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { Programme } from '$lib/model';
import { isOpenJob, jobError, nextJobState, type JobError, type ReportJobView } from '$lib/reports/job';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import type { Actor } from '../core/actor';
import { ConflictError, domainErrorFor, ForbiddenTransitionError } from '../core/errors';
import { assertSaved } from '../core/versioning';
import type { Db } from '../db/connection';
import { inTransaction, type Executor } from '../db/executor';
import type { ReportJobTable } from '../db/schema';
import type { Selectable } from 'kysely';
import { toProgramme } from '../programmes/programmes';
import {
	freeze,
	PART,
	reportFilePath,
	reportFilesDir,
	sha256Hex,
	SnapshotChangedError,
	writeIssue,
	type IssuedReport,
	type RenderedFile,
	type Renderers
} from './issue';
import type { RenderResult, RenderTask } from './render-worker';

// Render jobs (design §2, §5): the issue action records one and answers at once; a runner in each
// app process claims queued jobs one at a time (compare-and-set on `state`, so of several
// processes exactly one renders a job), renders each file (in a child process in the app: see
// render-worker.ts), and records the issue (issue.ts `writeIssue`) in the transaction that marks
// the job done. While it works it renews the job's heartbeat; a job whose claimer stopped (a crash,
// a restart, a kill) is started again by whichever process notices, or failed after MAX_ATTEMPTS.
// At start the reports folder is swept: a committed file still under `.part` is moved into place,
// any other `.part` not belonging to a live job's current attempt is removed.

export type ReportJobRow = Selectable<ReportJobTable>;

/** Renders one file of a job: in a child process in the app, in process where a test gives its renderers. */
export type RenderFile = (task: RenderTask, snapshot: ReportSnapshot) => Promise<RenderResult>;

/** The given renderers, run in this process, writing under the temporary name as the child does. */
export function inProcess(renderers: Renderers): RenderFile {
	return async (task, snapshot) => {
		const bytes = await renderers[task.format](snapshot, task.lang, { sha256: task.sha256 });
		await writeFile(task.path + PART, bytes, { flag: 'wx' });
		return { sha256: sha256Hex(bytes), size: bytes.byteLength };
	};
}

/** A claim without a heartbeat for this long belongs to a process that stopped. */
export const STALE_MS = 2 * 60 * 1000;
const HEARTBEAT_MS = 20 * 1000;
const HOST = hostname();
/** This process as a claimer: host, pid and a random part (a restarted process may get the same pid). */
export const PROCESS_ID = `${HOST}:${process.pid}:${randomBytes(4).toString('hex')}`;

const nowIso = () => new Date().toISOString();

/**
 * Freezes the report's snapshot (as the issue will store it) and records its render job. Refused,
 * writing nothing, while anything blocks the issue, when the report changed since the form was
 * loaded, or while another job of the report is unfinished (a conflict: someone is issuing it).
 */
export async function enqueueIssue(
	db: Executor,
	actor: Actor & { name: string },
	programme: Programme,
	reportId: number,
	version: number,
	options: { origin: string; now?: Date }
): Promise<number> {
	const facts = { issuedAt: (options.now ?? new Date()).toISOString(), origin: options.origin };
	// Built in a read transaction: the snapshot of a large programme takes a while, and the write
	// lock is held only for the short insert below.
	const frozen = await inTransaction(db, (trx) => freeze(trx, actor, programme, reportId, version, facts));
	try {
		return await inTransaction(db, async (trx) => {
			const report = await trx.selectFrom('report').select(['version', 'status']).where('id', '=', reportId).executeTakeFirst();
			if (!report || report.version !== version || report.status !== 'draft') throw new ConflictError('report', reportId);
			const open = await trx
				.selectFrom('report_job')
				.select('id')
				.where('report_id', '=', reportId)
				.where('state', 'in', ['queued', 'rendering'])
				.executeTakeFirst();
			if (open) throw new ConflictError('report', reportId);
			const { id } = await trx
				.insertInto('report_job')
				.values({
					report_id: reportId,
					programme_id: programme.id,
					report_version: version,
					snapshot_sha256: frozen.hash,
					issued_at: facts.issuedAt,
					issued_by: actor.id,
					issued_by_name: actor.name,
					origin: facts.origin
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			return id;
		});
	} catch (error) {
		// Two processes inserting at once: the partial unique index refuses the second.
		throw domainErrorFor(error) instanceof ConflictError ? new ConflictError('report', reportId) : error;
	}
}

/**
 * Claims a queued job (the given one, or the oldest) for this process: compare-and-set on state,
 * so when several processes try, one gets it and the others get nothing. Each attempt renders into
 * a folder of its own.
 */
export async function claimJob(db: Executor, options: { jobId?: number; claimer?: string } = {}): Promise<ReportJobRow | undefined> {
	const candidates = options.jobId
		? [{ id: options.jobId }]
		: await db.selectFrom('report_job').select('id').where('state', '=', 'queued').orderBy('id').limit(5).execute();
	for (const { id } of candidates) {
		const now = nowIso();
		const claimed = await db
			.updateTable('report_job')
			.set((eb) => ({
				state: nextJobState('queued', 'claim')!,
				claimed_by: options.claimer ?? PROCESS_ID,
				claimed_at: now,
				heartbeat_at: now,
				attempts: eb('attempts', '+', 1),
				step: null,
				folder: null
			}))
			.where('id', '=', id)
			.where('state', '=', 'queued')
			.returningAll()
			.executeTakeFirst();
		if (claimed) {
			const folder = `${claimed.programme_id}/${claimed.report_id}/job-${claimed.id}-${claimed.attempts}-${randomBytes(4).toString('hex')}`;
			await db.updateTable('report_job').set({ folder }).where('id', '=', id).where('claimed_by', '=', claimed.claimed_by).execute();
			return { ...claimed, folder };
		}
	}
	return undefined;
}

async function setStep(db: Executor, job: ReportJobRow, step: string) {
	await db
		.updateTable('report_job')
		.set({ step, heartbeat_at: nowIso() })
		.where('id', '=', job.id)
		.where('state', '=', 'rendering')
		.where('claimed_by', '=', job.claimed_by)
		.execute();
}

/** The reason a job failed, from the error that stopped it. */
export function failureReason(error: unknown): JobError {
	if (error instanceof SnapshotChangedError) return 'changed';
	if (error instanceof ForbiddenTransitionError) return error.key === 'reports.blocked' ? 'blocked' : 'conflict';
	if (error instanceof ConflictError) return 'conflict';
	const code = (error as { code?: string } | null)?.code;
	if (code === 'ERR_CHILD_OUT_OF_MEMORY' || code === 'ERR_WORKER_OUT_OF_MEMORY') return 'memory';
	return 'renderer';
}

export type JobOutcome = { ok: true; issued: IssuedReport } | { ok: false; reason: JobError; error: unknown };

/**
 * Runs a job this process has claimed: checks that the data still hashes to the frozen snapshot,
 * renders every file into the attempt's folder, and records the issue with the job done, in one
 * transaction. Any failure removes the attempt's files and marks the job failed with its reason.
 */
export async function runJob(db: Db, job: ReportJobRow, render: RenderFile): Promise<JobOutcome> {
	const heartbeat = setInterval(() => {
		db.updateTable('report_job')
			.set({ heartbeat_at: nowIso() })
			.where('id', '=', job.id)
			.where('claimed_by', '=', job.claimed_by)
			.execute()
			.catch((e) => console.error(`report job ${job.id}: heartbeat`, e));
	}, HEARTBEAT_MS);
	heartbeat.unref?.();
	const folder = job.folder!;
	try {
		const row = await db.selectFrom('programme').selectAll().where('id', '=', job.programme_id).executeTakeFirstOrThrow();
		const programme = toProgramme(row);
		if (job.issued_by === null) throw new ConflictError('user', 'deleted');
		const actor = { id: job.issued_by, name: job.issued_by_name };
		const facts = { issuedAt: job.issued_at, origin: job.origin };
		const frozen = await inTransaction(db, (trx) => freeze(trx, actor, programme, job.report_id, job.report_version, facts));
		if (frozen.hash !== job.snapshot_sha256) throw new SnapshotChangedError(job.report_id);

		const files: RenderedFile[] = [];
		await mkdir(reportFilePath(folder), { recursive: true });
		for (const lang of frozen.report.languages) {
			for (const format of ['pdf', 'docx'] as const) {
				await setStep(db, job, `${format}-${lang}`);
				const path = `${folder}/report-${lang}.${format}`;
				const result = await render(
					{ canonical: frozen.canonical, lang, format, sha256: frozen.hash, path: reportFilePath(path) },
					frozen.snapshot
				);
				files.push({ lang, format, path, ...result });
			}
		}
		await setStep(db, job, 'writing');
		const issued = await writeIssue(
			db,
			actor,
			programme,
			job.report_id,
			job.report_version,
			facts,
			frozen.hash,
			files,
			async (trx, done) => {
				const finished = await trx
					.updateTable('report_job')
					.set({ state: nextJobState('rendering', 'finish')!, step: null, issue_number: done.number, finished_at: nowIso() })
					.where('id', '=', job.id)
					.where('state', '=', 'rendering')
					.where('claimed_by', '=', job.claimed_by)
					.executeTakeFirst();
				// Taken over by another process meanwhile (this one was thought dead): its issue, not ours.
				assertSaved(finished, 'report_job', job.id);
			}
		);
		return { ok: true, issued };
	} catch (error) {
		await rm(reportFilePath(folder), { recursive: true, force: true });
		const reason = failureReason(error);
		if (reason === 'renderer' || reason === 'memory') console.error(`report job ${job.id} failed:`, error);
		await db
			.updateTable('report_job')
			.set({
				state: nextJobState('rendering', 'fail')!,
				step: null,
				error: reason,
				error_detail: (error instanceof Error ? error.message : String(error)).slice(0, 500),
				finished_at: nowIso()
			})
			.where('id', '=', job.id)
			.where('state', '=', 'rendering')
			.where('claimed_by', '=', job.claimed_by)
			.execute();
		return { ok: false, reason, error };
	} finally {
		clearInterval(heartbeat);
	}
}

/**
 * Issues the report at once in this process: records the job, claims it and runs it with the
 * given renderers (scripts and tests; the app's action only records the job). The job's failure
 * is thrown as the error that caused it.
 */
export async function issueReport(
	db: Db,
	actor: Actor & { name: string },
	programme: Programme,
	reportId: number,
	version: number,
	renderers: Renderers,
	options: { origin: string; now?: Date }
): Promise<IssuedReport> {
	const jobId = await enqueueIssue(db, actor, programme, reportId, version, options);
	const job = await claimJob(db, { jobId });
	if (!job) throw new ConflictError('report_job', jobId);
	const outcome = await runJob(db, job, inProcess(renderers));
	if (!outcome.ok) throw outcome.error;
	return outcome.issued;
}

/** Whether the process that made this claim has stopped (as far as this process can tell). */
function claimerGone(claimedBy: string | null, heartbeatAt: string | null, now: number): boolean {
	if (!claimedBy || !heartbeatAt || now - Date.parse(heartbeatAt) >= STALE_MS) return true;
	if (claimedBy === PROCESS_ID) return false;
	const [host, pid] = claimedBy.split(':');
	if (host !== HOST) return false;
	// The same machine: a claim by this pid under another random part is an earlier life of this process.
	if (Number(pid) === process.pid) return true;
	try {
		process.kill(Number(pid), 0);
		return false;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ESRCH';
	}
}

/**
 * Jobs whose claimer stopped: started again (their attempt's files removed) or, after
 * MAX_ATTEMPTS, failed as interrupted. Returns how many were recovered.
 */
export async function recoverInterruptedJobs(db: Executor, now = Date.now()): Promise<number> {
	const rendering = await db
		.selectFrom('report_job')
		.select(['id', 'attempts', 'claimed_by', 'heartbeat_at', 'folder'])
		.where('state', '=', 'rendering')
		.execute();
	let recovered = 0;
	for (const job of rendering) {
		if (!claimerGone(job.claimed_by, job.heartbeat_at, now)) continue;
		if (job.folder) await rm(reportFilePath(job.folder), { recursive: true, force: true });
		const next = nextJobState('rendering', 'interrupt', job.attempts)!;
		const done = await db
			.updateTable('report_job')
			.set(
				next === 'failed'
					? {
							state: next,
							step: null,
							error: 'interrupted',
							error_detail: `stopped during ${job.attempts} attempts`,
							finished_at: nowIso()
						}
					: { state: next, step: null, claimed_by: null, claimed_at: null, heartbeat_at: null, folder: null }
			)
			.where('id', '=', job.id)
			.where('state', '=', 'rendering')
			.where((eb) => (job.claimed_by === null ? eb('claimed_by', 'is', null) : eb('claimed_by', '=', job.claimed_by)))
			.executeTakeFirst();
		if (Number(done.numUpdatedRows) > 0) recovered++;
	}
	return recovered;
}

async function partFiles(dir: string): Promise<string[]> {
	try {
		const entries = await readdir(dir, { recursive: true, withFileTypes: true });
		return entries.filter((e) => e.isFile() && e.name.endsWith(PART)).map((e) => join(e.parentPath, e.name));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
		throw error;
	}
}

/**
 * Makes the reports folder agree with the database (run at start, after recovering interrupted
 * jobs): a `.part` file an issue row names is moved into place (its transaction committed before
 * a crash), a `.part` in the folder of an open job's current attempt is left to that job, and any
 * other `.part` is removed.
 */
export async function sweepReportFiles(db: Executor): Promise<{ moved: number; removed: number }> {
	const root = reportFilesDir();
	const parts = await partFiles(root);
	const done = { moved: 0, removed: 0 };
	if (parts.length === 0) return done;
	const rel = (p: string) => relative(root, p).split(sep).join('/');
	const names = parts.map((p) => rel(p).slice(0, -PART.length));
	const issued = new Set<string>();
	for (let i = 0; i < names.length; i += 500) {
		const rows = await db
			.selectFrom('report_issue_file')
			.select('path')
			.where('path', 'in', names.slice(i, i + 500))
			.execute();
		for (const r of rows) issued.add(r.path);
	}
	const open = await db.selectFrom('report_job').select(['folder', 'state']).where('state', 'in', ['queued', 'rendering']).execute();
	const live = new Set(open.filter((j) => isOpenJob(j.state) && j.folder).map((j) => j.folder!));
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i]!;
		const name = names[i]!;
		try {
			if (issued.has(name)) {
				const target = reportFilePath(name);
				if (
					await stat(target).then(
						() => true,
						() => false
					)
				)
					await rm(part, { force: true });
				else await rename(part, target);
				done.moved++;
			} else if (!live.has(dirname(name))) {
				await rm(part, { force: true });
				done.removed++;
			}
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
		}
	}
	return done;
}

/** The latest job of a report of the programme, as the report page shows it; null when it never had one. */
export async function latestJob(db: Executor, programmeId: number, reportId: number): Promise<ReportJobView | null> {
	const row = await db
		.selectFrom('report_job')
		.select(['id', 'state', 'step', 'error', 'issue_number', 'created_at'])
		.where('report_id', '=', reportId)
		.where('programme_id', '=', programmeId)
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		state: row.state,
		step: row.step,
		error: row.state === 'failed' ? jobError(row.error) : null,
		issueNumber: row.issue_number,
		createdAt: row.created_at
	};
}

// The runner of this process: one job at a time, polling for queued jobs (another process may
// have recorded them) and woken at once when this process records one.
const POLL_MS = 2000;
const RECOVER_EVERY_MS = 30 * 1000;
let runner: { db: Db; render: RenderFile; busy: boolean; lastRecovery: number } | null = null;

async function tick(): Promise<void> {
	const r = runner;
	if (!r || r.busy) return;
	r.busy = true;
	try {
		if (Date.now() - r.lastRecovery >= RECOVER_EVERY_MS) {
			r.lastRecovery = Date.now();
			await recoverInterruptedJobs(r.db);
		}
		for (let job = await claimJob(r.db); job; job = await claimJob(r.db)) await runJob(r.db, job, r.render);
	} catch (error) {
		console.error('report jobs:', error);
	} finally {
		r.busy = false;
	}
}

/** Starts this process's job runner (at server start): recovers interrupted jobs, sweeps, then polls. */
export async function startReportJobs(db: Db, render: RenderFile): Promise<void> {
	if (runner) return;
	await recoverInterruptedJobs(db);
	const swept = await sweepReportFiles(db);
	if (swept.moved + swept.removed > 0) console.log(`report files: ${swept.moved} moved into place, ${swept.removed} unfinished removed`);
	runner = { db, render, busy: false, lastRecovery: Date.now() };
	setInterval(() => void tick(), POLL_MS).unref();
	void tick();
}

/** Tells this process's runner a job was recorded (no-op where no runner was started, as in tests). */
export function wakeReportJobs(): void {
	void tick();
}
