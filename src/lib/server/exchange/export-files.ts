import type { I18n } from '$lib/i18n/context';
import type { IsoDate, Programme } from '$lib/model';
import type { Executor } from '../db/executor';
import type { Viewer } from '../core/viewer';
import { resultsCsv } from './csv-results';
import { loadExportData, type ExportData } from './export-data';
import { exportHash } from './export-hash';
import { iatiActivityXml, iatiBlocker, type IatiBlocker } from './iati-activity';
import { validateIati } from './iati-validate';
import { ipttWorkbook } from './iptt-workbook';
import { buildExportInWorker, exportInWorker } from './export-worker';

// The three export files, each read in a fixed number of statements: what the export routes call.

export interface ExportRequest {
	i18n: I18n;
	asOf?: IsoDate;
	/** Team members may add the values still in the workflow (ignored for donors). */
	includeOpen?: boolean;
	/** Absolute address of an evidence file. */
	fileUrl: (id: number) => string;
	/** The same as a prefix (`fileBase/id`): given, a large export is built in a child process (export-worker.ts). */
	fileBase?: string;
}

const indicatorCount = (data: ExportData) => data.groups.reduce((n, g) => n + g.indicators.length, 0);

export interface ExportFile {
	bytes: Buffer | string;
	hash: string;
	asOf: IsoDate;
}

export async function exportIptt(db: Executor, programme: Programme, viewer: Viewer, request: ExportRequest): Promise<ExportFile> {
	const data = await loadExportData(db, programme, viewer, { asOf: request.asOf, includeOpen: request.includeOpen, changeLog: true });
	if (request.fileBase !== undefined && exportInWorker(indicatorCount(data))) {
		const built = await buildExportInWorker({ kind: 'iptt', data, locale: request.i18n.locale, fileBase: request.fileBase });
		if (built.kind !== 'iptt') throw new Error('the export worker built another file');
		return { bytes: Buffer.from(built.bytes), hash: built.hash, asOf: data.asOf };
	}
	const file = await ipttWorkbook(data, request.i18n, { fileUrl: request.fileUrl });
	return { bytes: file.bytes, hash: file.hash, asOf: data.asOf };
}

export async function exportResultsCsv(db: Executor, programme: Programme, viewer: Viewer, request: ExportRequest): Promise<ExportFile> {
	const data = await loadExportData(db, programme, viewer, { asOf: request.asOf, includeOpen: request.includeOpen });
	return { bytes: resultsCsv(data, request.i18n), hash: exportHash(data), asOf: data.asOf };
}

export type IatiExport = ({ kind: 'ok' } & ExportFile) | { kind: 'blocked'; reason: IatiBlocker } | { kind: 'invalid'; errors: string[] };

/**
 * The IATI file, approved values only whoever asks, validated against the 2.03 schema: an
 * invalid file is never returned (its errors are, for the log).
 */
export async function exportIati(
	db: Executor,
	programme: Programme,
	request: Omit<ExportRequest, 'i18n' | 'includeOpen'>
): Promise<IatiExport> {
	const blocker = iatiBlocker(programme);
	if (blocker) return { kind: 'blocked', reason: blocker };
	const publicViewer: Viewer = { id: 0, internal: false, canReview: false };
	const data = await loadExportData(db, programme, publicViewer, { asOf: request.asOf });
	let xml: string;
	if (request.fileBase !== undefined && exportInWorker(indicatorCount(data))) {
		const built = await buildExportInWorker({ kind: 'iati', data, fileBase: request.fileBase });
		if (built.kind !== 'iati') throw new Error('the export worker built another file');
		xml = built.xml;
	} else {
		xml = iatiActivityXml(data, { fileUrl: request.fileUrl });
	}
	// libxml runs in a worker thread of its own (iati-validate.ts).
	const validation = await validateIati(xml);
	if (!validation.valid) return { kind: 'invalid', errors: validation.errors };
	return { kind: 'ok', bytes: xml, hash: exportHash(data), asOf: data.asOf };
}
