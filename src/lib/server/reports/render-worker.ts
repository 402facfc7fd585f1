import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Locale } from '$lib/model';
import type { ReportSnapshot } from '$lib/reports/snapshot';

// Renders one file of a report in a worker thread with its own memory limit, so a render of
// minutes and gigabytes never stalls the web process's requests nor brings it down: a worker
// that runs out of memory ends alone (ERR_WORKER_OUT_OF_MEMORY) and its job fails with a reason.
//
// The worker runs this very module: it is loaded by its own URL (`import.meta.url`), so the same
// code works in the built app (where Vite has bundled it into a chunk of build/server) and under
// Vite/vitest/tsx (where it is TypeScript, registered through tsx first). Loaded in a worker
// marked as ours, the module renders the task it was given; loaded anywhere else, it only exports.

/** One file to render: the snapshot's canonical JSON, and where to write (`path` + '.part'). */
export interface RenderTask {
	canonical: string;
	lang: Locale;
	format: 'pdf' | 'docx';
	sha256: string;
	/** The file's final absolute path; the renderer writes `path + '.part'` and never the final name. */
	path: string;
}

export interface RenderResult {
	sha256: string;
	size: number;
}

const MARK = 'avanceReportRender';
const PART = '.part';

/** The worker's heap limit in MB (REPORT_WORKER_MEMORY_MB; 1,400 by default, under the 1.5 GB budget). */
export function workerMemoryMb(): number {
	const n = Number(process.env.REPORT_WORKER_MEMORY_MB);
	return Number.isFinite(n) && n >= 64 ? Math.floor(n) : 1400;
}

/** Renders the task's file and writes it under its temporary name; the bytes' SHA-256 and size. */
export async function renderTaskFile(task: RenderTask, snapshot: ReportSnapshot = JSON.parse(task.canonical)): Promise<RenderResult> {
	const bytes =
		task.format === 'pdf'
			? await (await import('./render/pdf')).renderPdf(snapshot, task.lang, { sha256: task.sha256 })
			: await (await import('./render/docx')).renderDocx(snapshot, task.lang, { sha256: task.sha256 });
	await writeFile(task.path + PART, bytes, { flag: 'wx' });
	return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength };
}

if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[MARK]) {
	const port = parentPort;
	const task = (workerData as { task: RenderTask }).task;
	renderTaskFile(task).then(
		(result) => port.postMessage({ ok: true, ...result }),
		(error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) })
	);
}

/** A renderer's own failure inside the worker (its message travels; its stack stays there). */
export class RenderFailedError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RenderFailedError';
	}
}

/** Renders one file in a fresh worker thread with its own heap limit. */
export function renderInWorker(task: RenderTask): Promise<RenderResult> {
	const self = import.meta.url;
	// Under Vite, vitest or tsx this module is TypeScript: the worker registers tsx before loading it.
	const code = /\.ts($|\?)/.test(self)
		? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); })`
		: `import(${JSON.stringify(self)})`;
	return new Promise((resolve, reject) => {
		const worker = new Worker(code, {
			eval: true,
			workerData: { [MARK]: true, task },
			resourceLimits: { maxOldGenerationSizeMb: workerMemoryMb() }
		});
		let settled = false;
		worker.once('message', (m: { ok: true; sha256: string; size: number } | { ok: false; message: string }) => {
			settled = true;
			if (m.ok) resolve({ sha256: m.sha256, size: m.size });
			else reject(new RenderFailedError(m.message));
			void worker.terminate();
		});
		worker.once('error', (error) => {
			settled = true;
			reject(error);
		});
		worker.once('exit', (code) => {
			if (!settled) reject(new RenderFailedError(`the render worker stopped (exit code ${code})`));
		});
	});
}
