import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { Locale } from '$lib/model';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import { runInChild, serveChildTask } from '../core/child-task';

// Renders one file of a report in a child process with its own memory limit, so a render of
// minutes and gigabytes never stalls the web process's requests nor brings it down: a child that
// runs out of memory ends alone, and its job fails with a reason (core/child-task.ts says why not
// a worker thread, and how the child loads this module both in the built app and under Vite).

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

/** The renderer's heap limit in MB (REPORT_WORKER_MEMORY_MB; 1,400 by default, under the 1.5 GB budget). */
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

serveChildTask<RenderTask, RenderResult>(MARK, (task) => renderTaskFile(task));

/** Renders one file in a fresh child process with its own heap limit; the file is left under `path + '.part'`. */
export function renderInChild(task: RenderTask): Promise<RenderResult> {
	return runInChild({
		moduleUrl: import.meta.url,
		mark: MARK,
		task,
		memoryMb: workerMemoryMb(),
		label: `the ${task.format.toUpperCase()} renderer (${task.lang})`
	});
}
