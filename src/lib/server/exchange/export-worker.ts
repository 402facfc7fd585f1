import { createI18n } from '$lib/i18n/context';
import type { Locale } from '$lib/model';
import type { ExportData } from './export-data';
import { runInChild, serveChildTask } from '../core/child-task';

// Builds a large export file (the IPTT workbook, the IATI file; its schema validation already runs
// in xmllint-wasm's own worker thread, in iati-validate.ts) in a child process with its own heap
// limit, so that seconds of CPU and hundreds of MB at thousands of indicators never stall the web
// process's other requests nor bring it down (core/child-task.ts: how the child loads this
// module, and why not a worker thread). Small programmes are built in the request's process:
// starting a child would cost more.

export type ExportTask =
	{ kind: 'iptt'; data: ExportData; locale: Locale; fileBase: string } | { kind: 'iati'; data: ExportData; fileBase: string };

export type ExportTaskResult = { kind: 'iptt'; bytes: Uint8Array; hash: string } | { kind: 'iati'; xml: string };

const MARK = 'avanceExportBuild';

/** From this many indicators on, an export is built in a child process (EXPORT_WORKER_MIN_INDICATORS; 500 by default). */
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

serveChildTask<ExportTask, ExportTaskResult>(MARK, buildExport);

/** The heap limit of an export's child in MB (EXPORT_WORKER_MEMORY_MB; 1,400 by default). */
function exportMemoryMb(): number {
	const n = Number(process.env.EXPORT_WORKER_MEMORY_MB);
	return Number.isFinite(n) && n >= 64 ? Math.floor(n) : 1400;
}

/** Builds the task's file in a fresh child process with its own heap limit. */
export function buildExportInWorker(task: ExportTask): Promise<ExportTaskResult> {
	return runInChild({
		moduleUrl: import.meta.url,
		mark: MARK,
		task,
		memoryMb: exportMemoryMb(),
		label: task.kind === 'iptt' ? 'the IPTT export' : 'the IATI export'
	});
}
