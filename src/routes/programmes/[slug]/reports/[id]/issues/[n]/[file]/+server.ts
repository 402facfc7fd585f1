import { error } from '@sveltejs/kit';
import type { Locale } from '$lib/model';
import { getDb } from '$lib/server/db/connection';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import { issueFile, issueOf } from '$lib/server/reports/issue';
import { getReport } from '$lib/server/reports/reports';
import type { RequestHandler } from './$types';

// The stored files of an issue, byte for byte as issued, and the snapshot JSON that was hashed.
// Every member may download an issue (donors too: it was issued); anything else is 404.
const FILE = /^report-(es|en)\.(pdf|docx)$/;
const TYPES = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
} as const;

export const GET: RequestHandler = async (event) => {
	const access = await requireProgramme(event, event.params.slug);
	const db = getDb();
	const reportId = paramId(event.params.id);
	const number = paramId(event.params.n);
	await found(getReport(db, access.programme, access.viewer, reportId));
	const headers = (type: string, name: string, size: number, sha: string) => ({
		'Content-Type': type,
		'Content-Disposition': `attachment; filename="${name}"`,
		'Content-Length': String(size),
		'Cache-Control': 'private, no-store',
		'X-Content-SHA256': sha,
		'Content-Security-Policy': "default-src 'none'; sandbox"
	});
	const prefix = `${access.programme.slug}-report-${reportId}-issue-${number}`;
	if (event.params.file === 'snapshot.json') {
		const issue = await found(issueOf(db, access.programme.id, reportId, number));
		const bytes = new TextEncoder().encode(issue.snapshot);
		return new Response(bytes, {
			headers: headers('application/json; charset=utf-8', `${prefix}-snapshot.json`, bytes.byteLength, issue.snapshot_sha256)
		});
	}
	const m = FILE.exec(event.params.file);
	if (!m) error(404, 'not found');
	const [, lang, format] = m as unknown as [string, Locale, 'pdf' | 'docx'];
	const file = await found(issueFile(db, access.programme.id, reportId, number, lang, format));
	return new Response(new Uint8Array(file.bytes), {
		headers: headers(TYPES[format], `${prefix}-${lang}.${format}`, file.bytes.byteLength, file.sha256)
	});
};
