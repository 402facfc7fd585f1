import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Programme } from '$lib/model';
import { MAX_ATTEMPTS } from '$lib/reports/job';
import { ConflictError } from '$lib/server/core/errors';
import { openConfigured, type Db } from '$lib/server/db/connection';
import { issueFile, issueOf } from '$lib/server/reports/issue';
import {
	claimJob,
	enqueueIssue,
	failureReason,
	inProcess,
	latestJob,
	recoverInterruptedJobs,
	runJob,
	STALE_MS,
	sweepReportFiles
} from '$lib/server/reports/jobs';
import { ChildOutOfMemoryError } from '$lib/server/core/child-task';
import { renderInChild } from '$lib/server/reports/render-worker';
import { reportRowFor } from '$lib/server/reports/reports';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { fakeRenderers, writtenReport } from '../../helpers/reports';

// Issuing as a render job (issue 18): the action records the job; a runner claims it once,
// whatever the number of processes; a crash or restart resumes it or fails it cleanly; a failure
// leaves no file and no lock and can be retried; the real renderers run in a child process.

let db: Db;
let patss: Awaited<ReturnType<typeof seeded>>;
let programme: Programme;
let evaluator: { id: number; name: string };
let uploads: string;
const origin = 'https://avance.example.org';

const versionOf = async (reportId: number) => (await reportRowFor(db, programme.id, reportId)).version;
const enqueue = async (reportId: number) => enqueueIssue(db, evaluator, programme, reportId, await versionOf(reportId), { origin });
const filesUnder = (dir: string): string[] =>
	existsSync(dir)
		? readdirSync(dir, { recursive: true, withFileTypes: true })
				.filter((e) => e.isFile())
				.map((e) => join(e.parentPath, e.name))
		: [];
const jobRow = (id: number) => db.selectFrom('report_job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const periodLocked = async (periodId: number) =>
	(await db.selectFrom('reporting_period').select('locked').where('id', '=', periodId).executeTakeFirstOrThrow()).locked;

beforeAll(async () => {
	uploads = mkdtempSync(join(tmpdir(), 'avance-report-jobs-'));
	process.env.UPLOADS_PATH = uploads;
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	programme = patss.programme;
	evaluator = { id: await userId(db, 'evaluator@avance.test'), name: 'Elena Evaluadora' };
}, 120_000);

beforeEach(async () => {
	await db.updateTable('reporting_period').set({ locked: 0 }).where('programme_id', '=', programme.id).execute();
});

describe('recording the job', () => {
	it('answers with a queued job and nothing issued; a second issue while it is open is a conflict', async () => {
		const id = await writtenReport(db, evaluator, programme, [patss.periodId('2019-S1')]);
		const jobId = await enqueue(id);
		const job = await jobRow(jobId);
		expect(job).toMatchObject({ state: 'queued', report_id: id, attempts: 0, claimed_by: null, issued_by_name: 'Elena Evaluadora' });
		expect(job.snapshot_sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(await db.selectFrom('report_issue').select('id').where('report_id', '=', id).execute()).toHaveLength(0);
		expect(await periodLocked(patss.periodId('2019-S1'))).toBe(0);
		await expect(enqueue(id)).rejects.toBeInstanceOf(ConflictError);
		expect(await latestJob(db, programme.id, id)).toMatchObject({ id: jobId, state: 'queued', error: null });
		// Another programme's id finds nothing.
		expect(await latestJob(db, programme.id + 1000, id)).toBeNull();
		const claimed = (await claimJob(db, { jobId }))!;
		expect((await runJob(db, claimed, inProcess(fakeRenderers))).ok).toBe(true);
	});
});

describe('several processes', () => {
	it('claim each job exactly once', async () => {
		const ids: number[] = [];
		for (const period of ['2019-S2', '2020-S1', '2020-S2'])
			ids.push(await enqueue(await writtenReport(db, evaluator, programme, [patss.periodId(period)])));
		const processes = [openConfigured(), openConfigured()];
		try {
			const claims = await Promise.all(
				processes.map(async (p, i) => {
					const got: number[] = [];
					for (let job = await claimJob(p, { claimer: `test:${i}` }); job; job = await claimJob(p, { claimer: `test:${i}` }))
						got.push(job.id);
					return got;
				})
			);
			const all = claims.flat().filter((id) => ids.includes(id));
			expect(all.sort()).toEqual([...ids].sort());
			expect(new Set(all).size).toBe(ids.length);
			for (const id of ids) expect((await jobRow(id)).attempts).toBe(1);
		} finally {
			for (const p of processes) await p.destroy();
		}
		// Give them back to a dead claimer's fate: failed, so the reports can be issued again later.
		await db.updateTable('report_job').set({ state: 'failed', error: 'interrupted' }).where('id', 'in', ids).execute();
	});

	it('two processes racing for the same job: one claims it, the other gets nothing', async () => {
		const jobId = await enqueue(await writtenReport(db, evaluator, programme, [patss.periodId('2021-S1')]));
		const processes = [openConfigured(), openConfigured()];
		try {
			const claims = await Promise.all(processes.map((p, i) => claimJob(p, { jobId, claimer: `race:${i}` })));
			expect(claims.filter(Boolean)).toHaveLength(1);
			expect((await jobRow(jobId)).claimed_by).toBe(claims.find(Boolean)!.claimed_by);
		} finally {
			for (const p of processes) await p.destroy();
		}
		await db.updateTable('report_job').set({ state: 'failed', error: 'interrupted' }).where('id', '=', jobId).execute();
	});
});

describe('after a crash or a restart', () => {
	it('a claim whose process stopped is started again, its files removed, and then issues', async () => {
		const id = await writtenReport(db, evaluator, programme, [patss.periodId('2021-S2')]);
		const jobId = await enqueue(id);
		// A process on this machine that no longer exists claimed it and wrote half a file.
		const deadPid = spawnSync('true').pid;
		const ghost = (await claimJob(db, { jobId, claimer: `${hostname()}:${deadPid}:dead` }))!;
		const half = join(uploads, 'reports', ghost.folder!, 'report-es.pdf.part');
		mkdirSync(dirname(half), { recursive: true });
		writeFileSync(half, '%PDF half');
		// A live claim elsewhere is left alone.
		expect(await recoverInterruptedJobs(db, Date.now())).toBe(1);
		expect(existsSync(half)).toBe(false);
		expect(await jobRow(jobId)).toMatchObject({ state: 'queued', claimed_by: null, folder: null, attempts: 1 });

		const again = (await claimJob(db))!;
		expect(again.id).toBe(jobId);
		expect(again.attempts).toBe(2);
		const outcome = await runJob(db, again, inProcess(fakeRenderers));
		expect(outcome.ok).toBe(true);
		expect(await jobRow(jobId)).toMatchObject({ state: 'done', issue_number: 1, step: null });
		expect((await issueOf(db, programme.id, id, 1)).snapshot_sha256).toBe((await jobRow(jobId)).snapshot_sha256);
		expect(filesUnder(join(uploads, 'reports')).some((f) => f.endsWith('.part'))).toBe(false);
	});

	it('a claim of another machine is taken over only once its heartbeat is stale; after MAX_ATTEMPTS it fails as interrupted', async () => {
		const id = await writtenReport(db, evaluator, programme, [patss.periodId('2022-S1')]);
		const jobId = await enqueue(id);
		await claimJob(db, { jobId, claimer: 'elsewhere:1:x' });
		expect(await recoverInterruptedJobs(db, Date.now())).toBe(0);
		expect((await jobRow(jobId)).state).toBe('rendering');
		await db.updateTable('report_job').set({ attempts: MAX_ATTEMPTS }).where('id', '=', jobId).execute();
		expect(await recoverInterruptedJobs(db, Date.now() + STALE_MS + 1000)).toBe(1);
		expect(await jobRow(jobId)).toMatchObject({ state: 'failed', error: 'interrupted' });
		expect(await latestJob(db, programme.id, id)).toMatchObject({ state: 'failed', error: 'interrupted' });
		expect(await db.selectFrom('report_issue').select('id').where('report_id', '=', id).execute()).toHaveLength(0);
		// Retried: a new job, and it issues.
		const retry = (await claimJob(db, { jobId: await enqueue(id) }))!;
		expect((await runJob(db, retry, inProcess(fakeRenderers))).ok).toBe(true);
	});

	it('the start-up sweep moves committed files into place, leaves a live job its files and removes the rest', async () => {
		const root = join(uploads, 'reports');
		// A committed issue whose files never left `.part` (a crash between the commit and the move).
		const committed = await db.selectFrom('report_issue_file').select('path').orderBy('id', 'desc').executeTakeFirstOrThrow();
		const final = join(root, committed.path);
		const bytes = readFileSync(final);
		writeFileSync(final + '.part', bytes);
		const { rmSync } = await import('node:fs');
		rmSync(final);
		// A stray `.part` of a job that is gone, and one of a live job's current attempt.
		const stray = join(root, '9', '9', 'job-999-1-dead', 'report-es.pdf.part');
		mkdirSync(dirname(stray), { recursive: true });
		writeFileSync(stray, 'x');
		const id = await writtenReport(db, evaluator, programme, [patss.periodId('2019-S1')]);
		const live = (await claimJob(db, { jobId: await enqueue(id), claimer: 'elsewhere:2:y' }))!;
		const livePart = join(root, live.folder!, 'report-es.pdf.part');
		mkdirSync(dirname(livePart), { recursive: true });
		writeFileSync(livePart, 'in progress');

		expect(await sweepReportFiles(db)).toEqual({ moved: 1, removed: 1 });
		expect(readFileSync(final)).toEqual(bytes);
		expect(existsSync(final + '.part')).toBe(false);
		expect(existsSync(stray)).toBe(false);
		expect(existsSync(livePart)).toBe(true);
		await db.updateTable('report_job').set({ state: 'failed', error: 'interrupted' }).where('id', '=', live.id).execute();
	});
});

describe('a renderer that fails', () => {
	it('fails the job with its reason, leaves no issue, no lock and no file; issuing again works', async () => {
		const period = patss.periodId('2018-S2');
		const id = await writtenReport(db, evaluator, programme, [period]);
		const before = filesUnder(join(uploads, 'reports')).length;
		const job = (await claimJob(db, { jobId: await enqueue(id) }))!;
		const broken = inProcess({ ...fakeRenderers, docx: async () => Promise.reject(new Error('renderer broke')) });
		const outcome = await runJob(db, job, broken);
		expect(outcome).toMatchObject({ ok: false, reason: 'renderer' });
		expect(await jobRow(job.id)).toMatchObject({ state: 'failed', error: 'renderer', error_detail: 'renderer broke', step: null });
		expect(await latestJob(db, programme.id, id)).toMatchObject({ state: 'failed', error: 'renderer' });
		expect(await db.selectFrom('report_issue').select('id').where('report_id', '=', id).execute()).toHaveLength(0);
		expect(await periodLocked(period)).toBe(0);
		expect((await reportRowFor(db, programme.id, id)).status).toBe('draft');
		expect(filesUnder(join(uploads, 'reports')).length).toBe(before);

		const retry = (await claimJob(db, { jobId: await enqueue(id) }))!;
		const done = await runJob(db, retry, inProcess(fakeRenderers));
		expect(done.ok).toBe(true);
		expect(await periodLocked(period)).toBe(1);
		expect(await latestJob(db, programme.id, id)).toMatchObject({ state: 'done', issueNumber: 1 });
	});

	it('names the reason an evaluator can act on', () => {
		expect(failureReason(Object.assign(new Error('heap'), { code: 'ERR_WORKER_OUT_OF_MEMORY' }))).toBe('memory');
		expect(failureReason(new ChildOutOfMemoryError('the PDF renderer (es)', 64))).toBe('memory');
		expect(failureReason(new ConflictError('report', 1))).toBe('conflict');
		expect(failureReason(new Error('x'))).toBe('renderer');
	});
});

describe('the child process', () => {
	it('renders the real PDF and DOCX of each language outside the app process', async () => {
		const id = await writtenReport(db, evaluator, programme, [patss.periodId('2020-S1')]);
		const job = (await claimJob(db, { jobId: await enqueue(id) }))!;
		const steps: string[] = [];
		const outcome = await runJob(db, job, async (task) => {
			steps.push(`${task.format}-${task.lang}`);
			return renderInChild(task);
		});
		expect(outcome.ok).toBe(true);
		expect(steps).toEqual(['pdf-es', 'docx-es', 'pdf-en', 'docx-en']);
		const number = (await jobRow(job.id)).issue_number!;
		const pdf = await issueFile(db, programme.id, id, number, 'es', 'pdf');
		expect(Buffer.from(pdf.bytes.subarray(0, 4)).toString('latin1')).toBe('%PDF');
		const docx = await issueFile(db, programme.id, id, number, 'en', 'docx');
		expect(Buffer.from(docx.bytes.subarray(0, 4)).toString('latin1')).toBe('PK\u0003\u0004');
	}, 600_000);

	it('a renderer that throws in its child fails the job as "renderer" with its message, and no file', async () => {
		const period = patss.periodId('2021-S1');
		const id = await writtenReport(db, evaluator, programme, [period]);
		const job = (await claimJob(db, { jobId: await enqueue(id) }))!;
		const before = filesUnder(join(uploads, 'reports')).length;
		// Not a snapshot: the renderer fails on it, inside the child.
		const outcome = await runJob(db, job, (task) => renderInChild({ ...task, canonical: '{}' }));
		expect(outcome).toMatchObject({ ok: false, reason: 'renderer' });
		const row = await jobRow(job.id);
		expect(row).toMatchObject({ state: 'failed', error: 'renderer' });
		expect(row.error_detail).not.toBe('');
		expect(await periodLocked(period)).toBe(0);
		expect(filesUnder(join(uploads, 'reports')).length).toBe(before);
		const retry = (await claimJob(db, { jobId: await enqueue(id) }))!;
		expect((await runJob(db, retry, inProcess(fakeRenderers))).ok).toBe(true);
	}, 300_000);

	it('a child that runs out of its memory fails the job as "memory", with no file and no lock; this process goes on and issuing again works', async () => {
		const period = patss.periodId('2020-S2');
		const id = await writtenReport(db, evaluator, programme, [period]);
		const job = (await claimJob(db, { jobId: await enqueue(id) }))!;
		const before = filesUnder(join(uploads, 'reports')).length;
		process.env.REPORT_WORKER_MEMORY_MB = '64';
		// A "snapshot" of 1.5 million small objects (36 MB of JSON): parsed in a child allowed 64 MB
		// of heap it runs out of memory every time; V8's fatal error ends the child, not this process.
		const huge = `[${'{"a":[1,2,3],"b":"xyz"},'.repeat(1_500_000)}0]`;
		try {
			const outcome = await runJob(db, job, (task) => renderInChild({ ...task, canonical: huge }));
			expect(outcome).toMatchObject({ ok: false, reason: 'memory' });
		} finally {
			delete process.env.REPORT_WORKER_MEMORY_MB;
		}
		const row = await jobRow(job.id);
		expect(row).toMatchObject({ state: 'failed', error: 'memory', step: null });
		expect(row.error_detail).toContain('64 MB');
		expect(await latestJob(db, programme.id, id)).toMatchObject({ state: 'failed', error: 'memory' });
		expect(await db.selectFrom('report_issue').select('id').where('report_id', '=', id).execute()).toHaveLength(0);
		expect(await periodLocked(period)).toBe(0);
		expect(filesUnder(join(uploads, 'reports')).length).toBe(before);
		const retry = (await claimJob(db, { jobId: await enqueue(id) }))!;
		expect((await runJob(db, retry, inProcess(fakeRenderers))).ok).toBe(true);
		expect(await periodLocked(period)).toBe(1);
	}, 300_000);
});
