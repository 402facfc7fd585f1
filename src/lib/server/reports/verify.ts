import type { Locale } from '$lib/model';
import type { Executor } from '../db/executor';

// /verify (design §4): given a SHA-256 (pasted, or of an uploaded file), which issue it belongs
// to — programme, report, issue number, who issued it and when — and nothing more. A hash that
// matches nothing says only that.

export interface Verification {
	programme: string;
	programmeCode: string;
	reportTitle: Record<Locale, string>;
	issueNumber: number;
	issuedAt: string;
	issuedBy: string;
	/** What matched: the snapshot itself, or one of the rendered files. */
	matched: { kind: 'snapshot' } | { kind: 'file'; lang: Locale; format: 'pdf' | 'docx' };
	/** The snapshot hash of the issue (printed in every footer). */
	snapshotSha256: string;
	/** A later issue of the same report corrects this one. */
	supersededBy: number | null;
	/** That later issue's snapshot hash, and the page of this report's issues (for members). */
	supersededByHash: string | null;
	reportPath: string;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export async function verifyHash(db: Executor, hash: string): Promise<Verification | null> {
	const sha = hash.trim().toLowerCase();
	if (!SHA256_HEX.test(sha)) return null;
	const base = db
		.selectFrom('report_issue')
		.innerJoin('report', 'report.id', 'report_issue.report_id')
		.innerJoin('programme', 'programme.id', 'report.programme_id')
		.select([
			'report_issue.id',
			'report_issue.report_id',
			'report_issue.number',
			'report_issue.issued_at',
			'report_issue.issued_by_name',
			'report_issue.snapshot_sha256',
			'report.title_es',
			'report.title_en',
			'programme.short_name',
			'programme.code',
			'programme.slug'
		]);
	const [bySnapshot, byFile] = await Promise.all([
		base.where('report_issue.snapshot_sha256', '=', sha).executeTakeFirst(),
		db.selectFrom('report_issue_file').select(['issue_id', 'lang', 'format']).where('sha256', '=', sha).orderBy('id').executeTakeFirst()
	]);
	const issue = bySnapshot ?? (byFile ? await base.where('report_issue.id', '=', byFile.issue_id).executeTakeFirst() : undefined);
	if (!issue) return null;
	const later = await db
		.selectFrom('report_issue')
		.select(['number', 'snapshot_sha256'])
		.where('report_id', '=', issue.report_id)
		.where('supersedes_number', '=', issue.number)
		.executeTakeFirst();
	return {
		programme: issue.short_name,
		programmeCode: issue.code,
		reportTitle: { es: issue.title_es, en: issue.title_en },
		issueNumber: issue.number,
		issuedAt: issue.issued_at,
		issuedBy: issue.issued_by_name,
		matched: bySnapshot ? { kind: 'snapshot' } : { kind: 'file', lang: byFile!.lang, format: byFile!.format },
		snapshotSha256: issue.snapshot_sha256,
		supersededBy: later?.number ?? null,
		supersededByHash: later?.snapshot_sha256 ?? null,
		reportPath: `/programmes/${issue.slug}/reports/${issue.report_id}`
	};
}

/** Largest file /verify reads (the server reads 12 MB bodies at most). */
export const MAX_VERIFY_BYTES = 10 * 1024 * 1024;

/**
 * A small per-address limit for the public /verify page (in memory: a restart forgets it, which
 * is fine for a page that reveals nothing but whether a hash was issued).
 */
export class VerifyLimiter {
	private readonly hits = new Map<string, number[]>();
	constructor(
		readonly perWindow = 30,
		readonly windowMs = 60_000
	) {}
	allow(address: string, now = Date.now()): boolean {
		const recent = (this.hits.get(address) ?? []).filter((t) => now - t < this.windowMs);
		if (recent.length >= this.perWindow) {
			this.hits.set(address, recent);
			return false;
		}
		recent.push(now);
		this.hits.set(address, recent);
		if (this.hits.size > 10_000) for (const [k, v] of this.hits) if (v.every((t) => now - t >= this.windowMs)) this.hits.delete(k);
		return true;
	}
}
