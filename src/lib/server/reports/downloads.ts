import type { Locale, Programme } from '$lib/model';
import { NotFoundError } from '../core/errors';
import type { Executor } from '../db/executor';
import { issueFile, issueOf } from './issue';

// The stored files of an issue, byte for byte as issued, and the snapshot JSON that was hashed:
// one answer for the app's download links (a signed-in member) and the read API's (a token with
// the reports scope), so both serve the same bytes with the same headers.

const FILE = /^report-(es|en)\.(pdf|docx)$/;
const TYPES = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
} as const;

const headers = (type: string, name: string, size: number, sha: string) => ({
	'Content-Type': type,
	'Content-Disposition': `attachment; filename="${name}"`,
	'Content-Length': String(size),
	'Cache-Control': 'private, no-store',
	'X-Content-SHA256': sha,
	'Content-Security-Policy': "default-src 'none'; sandbox"
});

/** The download `file` ("report-es.pdf", "snapshot.json") of issue `number`; NotFound for anything else. */
export async function issueDownload(
	db: Executor,
	programme: Pick<Programme, 'id' | 'slug'>,
	reportId: number,
	number: number,
	file: string
): Promise<Response> {
	const prefix = `${programme.slug}-report-${reportId}-issue-${number}`;
	if (file === 'snapshot.json') {
		const issue = await issueOf(db, programme.id, reportId, number);
		const bytes = new TextEncoder().encode(issue.snapshot);
		return new Response(bytes, {
			headers: headers('application/json; charset=utf-8', `${prefix}-snapshot.json`, bytes.byteLength, issue.snapshot_sha256)
		});
	}
	const m = FILE.exec(file);
	if (!m) throw new NotFoundError('report_issue_file', file);
	const [, lang, format] = m as unknown as [string, Locale, 'pdf' | 'docx'];
	const stored = await issueFile(db, programme.id, reportId, number, lang, format);
	return new Response(new Uint8Array(stored.bytes), {
		headers: headers(TYPES[format], `${prefix}-${lang}.${format}`, stored.bytes.byteLength, stored.sha256)
	});
}
