import { canonicalJson } from './canonical-json';
import type { ReportSnapshot } from './snapshot';

// What an issue says, apart from the facts of issuing it (issue 19: "a correction can be issued
// with no change"). Two issues of a report say the same when their snapshots agree once the issue
// metadata is set aside: the number, the issue it corrects, the reason (in both languages), the chain hash, when, by
// whom and from which address — and what is measured against the previous issue (the "what
// changed" block, a risk's score at the previous issue), which moves with the issue by definition.

/** The snapshot's canonical JSON without the facts of its issue. */
export function issueContent(snapshot: Partial<ReportSnapshot>): string {
	const {
		issueNumber: _n,
		supersedes: _s,
		correctionReason: _c,
		correctionReasonText: _ct,
		previousHash: _p,
		issuedAt: _a,
		issuedBy: _b,
		origin: _o,
		...report
	} = snapshot.report ?? ({} as Partial<ReportSnapshot['report']>);
	const { changes: _changes, ...rest } = snapshot;
	const risks = (snapshot.risks ?? []).map(({ previousScore: _ps, previousStatus: _pst, ...risk }) => risk);
	return canonicalJson({ ...rest, report, risks });
}

/** True when a correction would issue exactly what `previous` already says. */
export function sameContent(next: Partial<ReportSnapshot>, previous: Partial<ReportSnapshot>): boolean {
	return issueContent(next) === issueContent(previous);
}
