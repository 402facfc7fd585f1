// Report rendering in the bench: the PDF and the DOCX of one language for snapshots of the 30- and
// 300-indicator programmes (the fixture generator's, shaped as the snapshot builder's output),
// median of BENCH_REPORT_RUNS renders after one warm-up. Pure functions of the snapshot: no server.
import { performance } from 'node:perf_hooks';
import { renderDocx } from '../../src/lib/server/reports/render/docx';
import { renderPdf } from '../../src/lib/server/reports/render/pdf';
import type { ReportSnapshot } from '../../src/lib/reports/snapshot';
import { fixtureSnapshot } from '../helpers/report-snapshot';

const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 3);
const SHA = '0'.repeat(64);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const cpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

/** Wall-clock and CPU time of one render: on a shared machine the CPU time is the steadier figure. */
async function time(render: () => Promise<Uint8Array>): Promise<Timing> {
	let bytes = (await render()).byteLength;
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		const startCpu = cpuMs();
		bytes = (await render()).byteLength;
		wall.push(performance.now() - start);
		cpu.push(cpuMs() - startCpu);
	}
	return { ms: median(wall), cpu: median(cpu), bytes };
}

interface Timing {
	ms: number;
	cpu: number;
	bytes: number;
}

export interface ReportBenchRow {
	name: string;
	small: Timing;
	large: Timing;
}

export async function benchReports(snapshots?: { small: ReportSnapshot; large: ReportSnapshot }): Promise<ReportBenchRow[]> {
	const small = snapshots?.small ?? fixtureSnapshot({ indicators: 30 });
	const large = snapshots?.large ?? fixtureSnapshot({ indicators: 300 });
	const rows: ReportBenchRow[] = [];
	for (const [name, render] of [
		['render PDF (es)', (s: ReportSnapshot) => () => renderPdf(s, 'es', { sha256: SHA })],
		['render DOCX (es)', (s: ReportSnapshot) => () => renderDocx(s, 'es', { sha256: SHA })]
	] as const)
		rows.push({ name, small: await time(render(small)), large: await time(render(large)) });
	return rows;
}

export function printReportBench(rows: ReportBenchRow[]): void {
	const num = (n: number) => n.toFixed(0).padStart(8);
	const kb = (n: number) => `${Math.round(n / 1024)} kB`.padStart(9);
	console.log(`\nreport files: median of ${RUNS} renders after 1 warm-up; wall-clock and CPU ms (goal for 300: PDF < 3000, DOCX < 1500)\n`);
	console.log(
		`${''.padEnd(20)}${'30: wall'.padStart(9)}${'cpu'.padStart(8)}${'size'.padStart(9)}${'300: wall'.padStart(11)}${'cpu'.padStart(8)}${'size'.padStart(9)}   300/30 (cpu)`
	);
	for (const r of rows)
		console.log(
			`${r.name.padEnd(20)}${num(r.small.ms).padStart(9)}${num(r.small.cpu)}${kb(r.small.bytes)}${num(r.large.ms).padStart(11)}${num(r.large.cpu)}${kb(r.large.bytes)}   ${(r.large.cpu / r.small.cpu).toFixed(2)}×`
		);
}

// `npx tsx tests/bench/reports.ts` runs this part alone.
if (import.meta.url === `file://${process.argv[1]}`) {
	benchReports()
		.then(printReportBench)
		.catch((e) => {
			console.error(e);
			process.exit(1);
		});
}
