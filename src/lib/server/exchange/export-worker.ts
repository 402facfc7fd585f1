import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { createI18n } from '$lib/i18n/context';
import type { Locale } from '$lib/model';
import type { ExportData } from './export-data';

// Builds a large export file (the IPTT workbook, the IATI file; its schema validation already runs
// in xmllint-wasm's own worker thread, in iati-validate.ts) in a
// worker thread, so that seconds of CPU at thousands of indicators never stall the web process's
// other requests. The worker runs this very module, loaded by its own URL (see
// reports/render-worker.ts for why: the same code in the built app and under Vite/vitest/tsx).
// Small programmes are built in the request's thread: starting a worker would cost more.

export type ExportTask =
	{ kind: 'iptt'; data: ExportData; locale: Locale; fileBase: string } | { kind: 'iati'; data: ExportData; fileBase: string };

export type ExportTaskResult = { kind: 'iptt'; bytes: Uint8Array; hash: string } | { kind: 'iati'; xml: string };

const MARK = 'avanceExportBuild';

/** From this many indicators on, an export is built in a worker (EXPORT_WORKER_MIN_INDICATORS; 500 by default). */
export function exportInWorker(indicators: number): boolean {
	const raw = process.env.EXPORT_WORKER_MIN_INDICATORS;
	const min = raw !== undefined && raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : 500;
	return indicators >= min;
}

/** Builds the task's file (in whichever thread calls it). */
export async function buildExport(task: ExportTask): Promise<ExportTaskResult> {
	const fileUrl = (id: number) => `${task.fileBase}/${id}`;
	if (task.kind === 'iptt') {
		const { ipttWorkbook } = await import('./iptt-workbook');
		const locale = task.locale;
		const file = await ipttWorkbook(
			task.data,
			createI18n(() => locale),
			{ fileUrl }
		);
		return { kind: 'iptt', bytes: new Uint8Array(file.bytes), hash: file.hash };
	}
	const { iatiActivityXml } = await import('./iati-activity');
	return { kind: 'iati', xml: iatiActivityXml(task.data, { fileUrl }) };
}

if (!isMainThread && parentPort && (workerData as Record<string, unknown> | null)?.[MARK]) {
	const port = parentPort;
	buildExport((workerData as { task: ExportTask }).task).then(
		(result) => port.postMessage({ ok: true, result }),
		(error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) })
	);
}

/** Builds the task's file in a fresh worker thread with its own heap limit. */
export function buildExportInWorker(task: ExportTask): Promise<ExportTaskResult> {
	const self = import.meta.url;
	const code = /\.ts($|\?)/.test(self)
		? `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); })`
		: `import(${JSON.stringify(self)})`;
	return new Promise((resolve, reject) => {
		const worker = new Worker(code, { eval: true, workerData: { [MARK]: true, task }, resourceLimits: { maxOldGenerationSizeMb: 1400 } });
		let settled = false;
		worker.once('message', (m: { ok: true; result: ExportTaskResult } | { ok: false; message: string }) => {
			settled = true;
			if (m.ok) resolve(m.result);
			else reject(new Error(m.message));
			void worker.terminate();
		});
		worker.once('error', (error) => {
			settled = true;
			reject(error);
		});
		worker.once('exit', (code) => {
			if (!settled) reject(new Error(`the export worker stopped (exit code ${code})`));
		});
	});
}
