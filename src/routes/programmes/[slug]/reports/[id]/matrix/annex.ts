import type { RequestEvent } from '@sveltejs/kit';
import type { Locale, Programme } from '$lib/model';
import type { AnnexReport } from '$lib/server/evaluation/matrix-annex';
import type { MatrixQuestion } from '$lib/server/evaluation/matrix-read';
import { getDb } from '$lib/server/db/connection';
import { loadMatrix } from '$lib/server/evaluation/matrix-read';
import { found, paramId, requireProgramme } from '$lib/server/http/guards';
import { getReport } from '$lib/server/reports/reports';

// What the two annex downloads share: the team's right to see the draft, the matrix, the file.
export async function annexOf(
	event: Pick<RequestEvent, 'locals' | 'url' | 'params'>,
	build: (programme: Programme, report: AnnexReport, questions: MatrixQuestion[], locale: Locale) => Promise<Buffer>,
	extension: 'xlsx' | 'docx',
	contentType: string
): Promise<Response> {
	const access = await requireProgramme(event, event.params.slug ?? '', 'report.viewDraft');
	const db = getDb();
	const report = await found(getReport(db, access.programme, access.viewer, paramId(event.params.id)));
	const questions = await loadMatrix(db, access.programme, report);
	const bytes = await build(access.programme, report, questions, event.locals.locale);
	return new Response(new Uint8Array(bytes), {
		headers: {
			'Content-Type': contentType,
			'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${access.programme.slug}-evaluation-matrix-${report.id}.${extension}`)}`,
			'Cache-Control': 'private, no-store'
		}
	});
}
