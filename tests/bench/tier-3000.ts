// The 3,000-indicator tier of `npm run bench` (issue 18): a third synthetic programme of 3,000
// indicators × 12 periods is added to the bench database, a fresh app process is started on it
// (so its start-up refreshes the planner's statistics, as a restart would), and the pages,
// exports, API first page and report snapshot are measured at 3,000 against 300, statements
// included (they must not grow). The same process also measures the 30-indicator programme's
// results page with the 3,000 beside it, against its figure from the main table (issue 18 §4:
// a small programme must not pay for a large database).
//
// BENCH_3000=0 skips the tier; BENCH_3000_RENDERS=0 skips its PDF and DOCX renders (minutes and
// gigabytes at 3,000 until they are bounded); BENCH_3000_RUNS (default 5) sets its repetitions.
import { performance } from 'node:perf_hooks';
import type { Db } from '../../src/lib/server/db/connection';
import { createApiToken } from '../../src/lib/server/api/tokens';
import { renderDocx } from '../../src/lib/server/reports/render/docx';
import { renderPdf } from '../../src/lib/server/reports/render/pdf';
import { fixtureSnapshot } from '../helpers/report-snapshot';
import { generateProgramme, type Generated } from './generate';
import { benchFinance, type FinanceBench } from './finance';
import { benchSnapshots } from './reports';

export interface Figure {
	total: number;
	db: number;
	statements: number;
}

interface Sample extends Figure {
	status: number;
}

export interface TierContext {
	db: Db;
	small: Generated;
	large: Generated;
	enteredBy: number;
	reviewedBy: number;
	/** The enterer's session cookie (a coordinator of every bench programme). */
	cookie: string;
	/** Starts one more app process on the bench database; returns its address. */
	startServer: () => Promise<string>;
	/** The main table's rows: name, 30, 300. */
	rows: readonly (readonly [string, Figure, Figure])[];
	openCounting: (onQuery: () => void) => Db;
	readTiming: (res: Response) => Figure;
	/** The finance read model of the 300-indicator programme, from the main finance bench. */
	finance300: FinanceBench;
}

const RUNS = Number(process.env.BENCH_3000_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

export async function benchTier3000(ctx: TierContext): Promise<void> {
	if (process.env.BENCH_3000 === '0') {
		console.log('\n3,000-indicator tier skipped (BENCH_3000=0)');
		return;
	}
	console.log('\ngenerating the 3,000-indicator programme…');
	const huge = await generateProgramme(ctx.db, {
		slug: 'bench-3000',
		indicators: 3000,
		enteredBy: ctx.enteredBy,
		reviewedBy: ctx.reviewedBy
	});
	await ctx.db
		.updateTable('programme')
		.set({ iati_identifier: 'XM-DAC-41302-BENCH-3000', iati_reporting_org: 'XM-DAC-41302' })
		.where('id', '=', huge.programmeId)
		.execute();
	const base = await ctx.startServer();

	// One API token per programme, so the API's 120-a-minute limit is never what is measured.
	const expiresOn = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
	const tokens = new Map<string, string>();
	for (const g of [ctx.small, ctx.large, huge]) {
		const { token } = await createApiToken(
			ctx.db,
			{ id: ctx.enteredBy, isAdmin: false },
			{ name: `bench ${g.slug}`, scopes: ['read:results'], programmeIds: [g.programmeId], expiresOn }
		);
		tokens.set(g.slug, token);
	}

	const get = async (path: string, headers: Record<string, string>): Promise<Sample> => {
		// A pooled socket may have gone stale while this process was busy (the snapshot, the
		// renders): "write EPIPE". Only a failure to send is retried, on a fresh socket.
		let res: Response;
		for (let attempt = 1; ; attempt++) {
			try {
				res = await fetch(base + path, { headers, redirect: 'manual' });
				break;
			} catch (error) {
				if (attempt >= 20) throw error;
			}
		}
		await res.arrayBuffer();
		return { ...ctx.readTiming(res), status: res.status === 200 ? 200 : Math.max(res.status, 400) };
	};
	const measure = async (fn: () => Promise<Sample>): Promise<Figure> => {
		await fn();
		const samples: Sample[] = [];
		for (let i = 0; i < RUNS; i++) samples.push(await fn());
		if (samples.some((s) => s.status >= 400)) throw new Error(`request failed: ${JSON.stringify(samples.find((s) => s.status >= 400))}`);
		return {
			total: median(samples.map((s) => s.total)),
			db: median(samples.map((s) => s.db)),
			statements: Math.max(...samples.map((s) => s.statements))
		};
	};
	const page = (path: string) => (g: Generated) => () => get(path.replaceAll('{slug}', g.slug), { cookie: ctx.cookie });
	const api = (g: Generated) => () =>
		get(`/api/v1/programmes/${g.slug}/results?limit=50`, { authorization: `Bearer ${tokens.get(g.slug)}` });

	const lines: [string, Figure, Figure][] = [];
	const main = (name: string) => ctx.rows.find(([n]) => n === name)?.[2];
	for (const [name, make] of [
		['results page', page('/programmes/{slug}/results')],
		['dashboard', page('/programmes/{slug}/dashboard')],
		['IPTT export (.xlsx)', page('/programmes/{slug}/export/iptt.xlsx')],
		['IATI export + validation', page('/programmes/{slug}/export/iati.xml')]
	] as const) {
		console.log(`  ${name} at 3,000…`);
		lines.push([name, main(name) ?? (await measure(make(ctx.large))), await measure(make(huge))]);
	}
	const api300 = await measure(api(ctx.large));
	const api30 = await measure(api(ctx.small));
	lines.push(['API results, first 50', api300, await measure(api(huge))]);

	const [snap300, snap3000] = await benchSnapshots(ctx.openCounting, [ctx.large, huge], ctx.enteredBy, RUNS);
	lines.push([
		'report snapshot',
		{ total: snap300!.ms, db: 0, statements: snap300!.statements },
		{ total: snap3000!.ms, db: 0, statements: snap3000!.statements }
	]);
	// The finance read model (issue 20 item 6) with the same 200 lines × 12 periods at 3,000.
	const [finance3000] = await benchFinance(ctx.openCounting, [huge], RUNS);
	lines.push([
		'finance read model',
		{ total: ctx.finance300.ms, db: 0, statements: ctx.finance300.statements },
		{ total: finance3000!.ms, db: 0, statements: finance3000!.statements }
	]);

	const num = (n: number) => n.toFixed(1).padStart(9);
	console.log(`\n3,000-indicator tier: median of ${RUNS} requests after 1 warm-up; ms measured by the server (Server-Timing)\n`);
	console.log(
		`${''.padEnd(26)}${'300: total'.padStart(11)}${'SQL'.padStart(9)}${'stmts'.padStart(7)}${'3000: total'.padStart(13)}${'SQL'.padStart(9)}${'stmts'.padStart(7)}   3000/300`
	);
	for (const [name, a, b] of lines)
		console.log(
			`${name.padEnd(26)}${num(a.total).padStart(11)}${num(a.db)}${String(a.statements).padStart(7)}${num(b.total).padStart(13)}${num(b.db)}${String(b.statements).padStart(7)}   ${(b.total / a.total).toFixed(2)}×`
		);
	const flat = lines.every(([, a, b]) => a.statements === b.statements);
	console.log(`statements per request are ${flat ? 'the same' : 'NOT the same'} at 300 and 3,000 indicators`);
	if (!flat) process.exitCode = 1;
	console.log(
		`API results, first 50: 30 indicators ${api30.total.toFixed(1)} ms, 300 ${api300.total.toFixed(1)} ms (${(api300.total / api30.total).toFixed(2)}×), 3,000 ${lines.find(([n]) => n.startsWith('API'))![2].total.toFixed(1)} ms (goal: 3,000 within 2× of 300)`
	);

	// The small programme beside the large one (issue 18 §4): its results page SQL now, with the
	// 3,000-indicator programme in the database, against the main table's (30 and 300 only).
	const before = ctx.rows.find(([n]) => n === 'results page')?.[1];
	const beside = await measure(page('/programmes/{slug}/results')(ctx.small));
	if (before)
		console.log(
			`results page of the 30-indicator programme: SQL ${before.db.toFixed(1)} ms beside 300 indicators, ${beside.db.toFixed(1)} ms beside 3,330 (${(beside.db / before.db).toFixed(2)}×, goal ≤ 2×); total ${before.total.toFixed(1)} → ${beside.total.toFixed(1)} ms`
		);

	if (process.env.BENCH_3000_RENDERS === '0') {
		console.log('report PDF and DOCX at 3,000: skipped (BENCH_3000_RENDERS=0)');
		return;
	}
	// One render each (they take minutes at 3,000 until bounded): CPU time and the process's peak memory.
	for (const [name, render] of [
		['report PDF (es)', renderPdf],
		['report DOCX (es)', renderDocx]
	] as const) {
		const cpu: number[] = [];
		for (const n of [300, 3000]) {
			const snapshot = fixtureSnapshot({ indicators: n });
			const start = cpuMs();
			const wall = performance.now();
			const bytes = (await render(snapshot, 'es', { sha256: '0'.repeat(64) })).byteLength;
			cpu.push(cpuMs() - start);
			console.log(
				`${name} at ${n}: ${cpu.at(-1)!.toFixed(0)} ms CPU, ${(performance.now() - wall).toFixed(0)} ms wall, ${Math.round(bytes / 1024)} kB; bench process peak RSS so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`
			);
		}
		console.log(`${name}: 3000/300 = ${(cpu[1]! / cpu[0]!).toFixed(2)}× CPU`);
	}
}
