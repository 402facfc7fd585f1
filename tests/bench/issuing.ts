// The issuing part of `npm run bench` (issue 18): an evaluator issues a report of the
// 300-indicator programme through the app (the action records a render job and answers at once;
// the app's runner renders it in worker threads), and meanwhile one client reads the results page
// of the 30-indicator programme over and over. Its p95 while the report renders, against its p95
// with nothing rendering, in the same run (goal ≤ 2×).
import { createSession } from '../../src/lib/server/auth/session';
import { createUser } from '../../src/lib/server/auth/users';
import type { Db } from '../../src/lib/server/db/connection';
import { getProgrammeBySlug } from '../../src/lib/server/programmes/programmes';
import { reportBlockers } from '../../src/lib/reports/blockers';
import { draftSnapshot } from '../../src/lib/server/reports/reports';
import { writtenReport } from '../helpers/reports';
import type { Generated } from './generate';

const IDLE_SAMPLES = Number(process.env.BENCH_ISSUE_IDLE ?? 60);
const percentile = (xs: number[], p: number) => {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export interface IssuingBench {
	idle: { samples: number; p50: number; p95: number };
	during: { samples: number; p50: number; p95: number };
	/** The issue action's answer, as the evaluator waits for it. */
	answerMs: number;
	/** From the action's answer to the job's end. */
	renderMs: number;
	state: string;
}

export async function benchIssuing(db: Db, base: string, reader: string, small: Generated, large: Generated): Promise<IssuingBench> {
	const evaluatorId = await createUser(
		db,
		{ email: 'bench-evaluator@avance.test', name: 'Bench Evaluator', password: 'bench-password-3' },
		null
	);
	await db.insertInto('membership').values({ user_id: evaluatorId, programme_id: large.programmeId, role: 'evaluator' }).execute();
	const evaluator = `avance_session=${(await createSession(db, evaluatorId)).token}`;
	const programme = (await getProgrammeBySlug(db, large.slug))!;
	const reportId = await writtenReport(db, { id: evaluatorId }, programme, large.periodIds);
	const blockers = reportBlockers(await draftSnapshot(db, programme, reportId, base));
	if (blockers.length) throw new Error(`the bench report is blocked: ${JSON.stringify(blockers.slice(0, 3))}`);

	const page = `${base}/programmes/${small.slug}/results`;
	const read = async () => {
		const started = performance.now();
		const res = await fetch(page, { headers: { cookie: reader } });
		await res.arrayBuffer();
		if (res.status !== 200) throw new Error(`results page answered ${res.status}`);
		return performance.now() - started;
	};
	for (let i = 0; i < 5; i++) await read();
	const idle: number[] = [];
	for (let i = 0; i < IDLE_SAMPLES; i++) idle.push(await read());

	const { version } = await db.selectFrom('report').select('version').where('id', '=', reportId).executeTakeFirstOrThrow();
	const body = new FormData();
	body.append('_form', 'issue');
	body.append('version', String(version));
	const posted = performance.now();
	const res = await fetch(`${base}/programmes/${large.slug}/reports/${reportId}?/issue`, {
		method: 'POST',
		body,
		headers: { cookie: evaluator, origin: base, accept: 'text/html' },
		redirect: 'manual'
	});
	await res.text();
	const answered = performance.now();
	if (res.status !== 303) throw new Error(`the issue action answered ${res.status}`);

	const during: number[] = [];
	const jobState = async () =>
		(await db.selectFrom('report_job').select('state').where('report_id', '=', reportId).orderBy('id', 'desc').executeTakeFirstOrThrow())
			.state;
	let state = await jobState();
	// Bounded: at most ten minutes of rendering.
	while ((state === 'queued' || state === 'rendering') && performance.now() - answered < 600_000) {
		during.push(await read());
		state = await jobState();
	}
	const summary = (xs: number[]) => ({ samples: xs.length, p50: percentile(xs, 50), p95: percentile(xs, 95) });
	return { idle: summary(idle), during: summary(during), answerMs: answered - posted, renderMs: performance.now() - answered, state };
}

export function printIssuingBench(r: IssuingBench): void {
	console.log(
		`\nissuing a report of the 300-indicator programme (PDF + DOCX, es + en, in worker threads): the action answered in ${r.answerMs.toFixed(0)} ms, the job ended ${r.state} ${(r.renderMs / 1000).toFixed(1)} s later`
	);
	console.log(
		`results page (30 indicators), one client, ms as it sees them: idle p50 ${r.idle.p50.toFixed(1)}, p95 ${r.idle.p95.toFixed(1)} (${r.idle.samples} requests); while the report renders p50 ${r.during.p50.toFixed(1)}, p95 ${r.during.p95.toFixed(1)} (${r.during.samples} requests): ${(r.during.p95 / r.idle.p95).toFixed(2)}× (goal ≤ 2×)`
	);
	if (r.state !== 'done') process.exitCode = 1;
}
