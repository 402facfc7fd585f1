import type { z } from 'zod';
import type { Executor } from '../db/executor';
import { listIssues } from '../reports/issue';
import type { ApiProgrammeAccess } from './access';
import { at, enc, listLinks, type AnswerContext } from './answer';
import { paginate, type PageRequest } from './cursor';
import type { reportListSchema } from './schemas';
import { titleIn } from '$lib/content-language';

/**
 * Issued reports: one entry per issue (a correction is a new issue), with its snapshot hash and
 * its files. Only issues are listed, never a draft, so every reader of the programme sees the
 * same list. The file links are the API's own download addresses: the same token downloads them.
 */
export async function readReports(
	db: Executor,
	access: ApiProgrammeAccess,
	ctx: AnswerContext,
	page: PageRequest
): Promise<z.output<typeof reportListSchema>> {
	const base = `/programmes/${enc(access.programme.slug)}`;
	const issues = (await listIssues(db, access.programme.id)).map((issue) => ({ ...issue, id: issue.issueId }));
	const { items, nextCursor } = paginate('reports', issues, page);
	return {
		data: items.map((issue) => {
			const report = `${base}/reports/${issue.reportId}`;
			return {
				id: issue.reportId,
				title: titleIn(issue.title, ctx.lang),
				number: issue.number,
				issuedAt: issue.issuedAt,
				languages: issue.languages,
				snapshotSha256: issue.snapshotSha256,
				supersedes: issue.supersedes,
				supersededBy: issue.supersededBy,
				previousHash: issue.previousHash,
				correctionReason: issue.correctionReason,
				files: issue.files.map((f) => ({
					kind: f.format,
					locale: f.lang,
					sha256: f.sha256,
					url: at(ctx, `/api/v1${report}/issues/${issue.number}/report-${f.lang}.${f.format}`)
				})),
				links: { self: at(ctx, `/api/v1${base}/reports`), page: at(ctx, report) }
			};
		}),
		pagination: { limit: page.limit, nextCursor },
		links: listLinks(ctx, `${base}/reports`, nextCursor)
	};
}
