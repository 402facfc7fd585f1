// The report renders at scale (issue 18 §2), alone: `npx tsx tests/bench/render-scale.ts [sizes…]`.
// Builds, with the bench's generator, a programme of each size (300 and 3,000 indicators × 12
// periods by default) in a fresh SQLite file, takes the snapshot of a report over all its periods
// (what an issue freezes), then renders its Spanish PDF and DOCX each in a fresh child process,
// as the app does (with the app's heap limit, REPORT_WORKER_MEMORY_MB), and prints each child's CPU
// time and peak RSS (its own `process.resourceUsage()`), with the 3,000/300 ratio. Goal: peak
// under 1.5 GB at 3,000, CPU growing at most 10× from 300 to 3,000.
//
// RENDER_SCALE_DIR=<folder> keeps the snapshots there and reuses them on the next run;
// RENDER_SCALE_FORMATS=pdf (or docx) renders only that format.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { workerMemoryMb } from '../../src/lib/server/reports/render-worker';

const SHA = '0'.repeat(64);
const FORMATS = (['pdf', 'docx'] as const).filter((f) => !process.env.RENDER_SCALE_FORMATS || process.env.RENDER_SCALE_FORMATS.includes(f));
const self = fileURLToPath(import.meta.url);

interface Measure {
	cpuMs: number;
	wallMs: number;
	peakMb: number;
	bytes: number;
}

/** In the child: renders one snapshot file and prints what it cost, as JSON on its last line. */
async function renderOne(file: string, format: 'pdf' | 'docx'): Promise<void> {
	const canonical = readFileSync(file, 'utf8');
	const started = performance.now();
	const cpu0 = process.cpuUsage();
	const snapshot = JSON.parse(canonical);
	const bytes =
		format === 'pdf'
			? await (await import('../../src/lib/server/reports/render/pdf')).renderPdf(snapshot, 'es', { sha256: SHA })
			: await (await import('../../src/lib/server/reports/render/docx')).renderDocx(snapshot, 'es', { sha256: SHA });
	const cpu = process.cpuUsage(cpu0);
	const usage = process.resourceUsage();
	const out: Measure = {
		cpuMs: (cpu.user + cpu.system) / 1000,
		wallMs: performance.now() - started,
		peakMb: usage.maxRSS / 1024,
		bytes: bytes.byteLength
	};
	if (process.env.RENDER_SCALE_OUT) writeFileSync(`${process.env.RENDER_SCALE_OUT}.${format}`, bytes);
	console.log(JSON.stringify(out));
}

async function snapshotFile(dir: string, indicators: number): Promise<string> {
	const file = join(dir, `snapshot-${indicators}.json`);
	if (existsSync(file)) return file;
	const { openDatabase } = await import('../../src/lib/server/db/connection');
	const { loadMigrationFolder } = await import('../../src/lib/server/db/cli-migrate');
	const { runMigrations } = await import('../../src/lib/server/db/migrate');
	const { createUser } = await import('../../src/lib/server/auth/users');
	const { getProgrammeBySlug } = await import('../../src/lib/server/programmes/programmes');
	const { createReport, draftSnapshot } = await import('../../src/lib/server/reports/reports');
	const { generateProgramme } = await import('./generate');
	const db = openDatabase(join(dir, `scale-${indicators}.db`));
	try {
		await runMigrations(db, await loadMigrationFolder());
		const enteredBy = await createUser(db, { email: 'bench1@avance.test', name: 'Bench One', password: 'bench-password-1' }, null);
		const reviewedBy = await createUser(db, { email: 'bench2@avance.test', name: 'Bench Two', password: 'bench-password-2' }, null);
		const g = await generateProgramme(db, { slug: `bench-${indicators}`, indicators, enteredBy, reviewedBy });
		const programme = (await getProgrammeBySlug(db, g.slug))!;
		const reportId = await createReport(db, { id: enteredBy }, programme, {
			layout: 'oecd_dac',
			titleEs: 'Informe de prueba',
			titleEn: 'Bench report',
			window: 'periods',
			periodIds: g.periodIds,
			windowStart: null,
			cutOff: null,
			languages: ['es', 'en']
		});
		const snapshot = await draftSnapshot(db, programme, reportId, 'http://bench');
		writeFileSync(file, JSON.stringify(snapshot));
		return file;
	} finally {
		await db.destroy();
	}
}

async function main(): Promise<void> {
	const sizes = process.argv.slice(2).map(Number).filter(Number.isFinite);
	if (sizes.length === 0) sizes.push(300, 3000);
	const dir = process.env.RENDER_SCALE_DIR ?? mkdtempSync(join(tmpdir(), 'avance-render-scale-'));
	mkdirSync(dir, { recursive: true });
	const results = new Map<string, Measure>();
	for (const n of sizes) {
		const file = await snapshotFile(dir, n);
		console.log(`snapshot of ${n} indicators × 12 periods: ${Math.round(readFileSync(file).length / 1024)} kB`);
		for (const format of FORMATS) {
			const child = spawnSync(
				process.execPath,
				[`--max-old-space-size=${workerMemoryMb()}`, ...process.execArgv, self, '--render', file, format],
				{
					encoding: 'utf8',
					stdio: ['ignore', 'pipe', 'inherit'],
					env: { ...process.env, RENDER_SCALE_OUT: join(dir, `report-${n}`) }
				}
			);
			const last = child.stdout.trim().split('\n').at(-1) ?? '';
			if (child.status !== 0 || !last.startsWith('{')) {
				console.log(
					`  ${format.toUpperCase().padEnd(4)} ${String(n).padStart(5)}: FAILED (exit ${child.status} ${child.signal ?? ''}; heap limit ${workerMemoryMb()} MB)`
				);
				continue;
			}
			const m = JSON.parse(last) as Measure;
			results.set(`${format}:${n}`, m);
			console.log(
				`  ${format.toUpperCase().padEnd(4)} ${String(n).padStart(5)}: ${m.cpuMs.toFixed(0).padStart(7)} ms CPU ${m.wallMs.toFixed(0).padStart(7)} ms wall  peak ${m.peakMb.toFixed(0).padStart(5)} MB  ${Math.round(m.bytes / 1024)} kB`
			);
		}
	}
	if (sizes.length >= 2) {
		const [a, b] = [sizes[0]!, sizes.at(-1)!];
		for (const format of FORMATS)
			if (results.has(`${format}:${b}`) && results.has(`${format}:${a}`))
				console.log(
					`${format.toUpperCase()} ${b}/${a}: ${(results.get(`${format}:${b}`)!.cpuMs / results.get(`${format}:${a}`)!.cpuMs).toFixed(2)}× CPU (goal ≤ 10×), peak at ${b}: ${results.get(`${format}:${b}`)!.peakMb.toFixed(0)} MB (goal < 1536)`
				);
	}
	console.log(`snapshots and files in ${dir}`);
}

if (process.argv[2] === '--render') {
	renderOne(process.argv[3]!, process.argv[4] as 'pdf' | 'docx').catch((e) => {
		console.error(e);
		process.exit(1);
	});
} else {
	main().catch((e) => {
		console.error(e);
		process.exit(1);
	});
}
