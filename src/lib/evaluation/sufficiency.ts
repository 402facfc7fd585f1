import type { IsoDate } from '$lib/model';
import type { Sufficiency } from './model';

// Evidence sufficiency of one evaluation-matrix question (issue 24): computed from the data, never
// stored, and explained in words so a coordinator knows what to supply. The rule, in one place:
// - none: nothing is linked, or no linked indicator has an approved value in the window and no
//   linked record either;
// - adequate: every linked indicator has an approved value in the window, at least one of those
//   values carries evidence (a file or a link), and the latest is recent (its period ended at most
//   RECENT_DAYS before the cut-off);
// - weak: anything in between (records but no figures, an indicator without an approved value,
//   figures without evidence, or only old figures).

/** An approved value's period must have ended at most this many days before the cut-off to be recent. */
export const RECENT_DAYS = 365;

export interface LinkedIndicatorEvidence {
	id: number;
	code: string;
	/** Approved values whose period lies in the window (ends on or before the cut-off, after the window start). */
	approvedInWindow: number;
	/** Of those, the ones with an evidence file or link. */
	withEvidence: number;
	/** Latest end date of a period with an approved value in the window. */
	latestPeriodEnd: IsoDate | null;
	/** Values recorded but not yet approved (what a coordinator can still get approved). */
	pending: number;
}

export interface SufficiencyInput {
	cutOff: IsoDate;
	indicators: readonly LinkedIndicatorEvidence[];
	/** Linked records that are not indicators (recommendations…). */
	records: number;
}

/** One reason in words: a message key of the evaluation catalogue and its parameters. */
export interface SufficiencyReason {
	key:
		| 'evaluation.reason.noLinks'
		| 'evaluation.reason.noApproved'
		| 'evaluation.reason.indicatorMissing'
		| 'evaluation.reason.indicatorPending'
		| 'evaluation.reason.noEvidence'
		| 'evaluation.reason.old'
		| 'evaluation.reason.recordsOnly'
		| 'evaluation.reason.covered'
		| 'evaluation.reason.evidenced'
		| 'evaluation.reason.recent'
		| 'evaluation.reason.records'
		// The same reasons for a count of one (Spanish and English agree the noun and verb with it).
		| 'evaluation.reason.indicatorPendingOne'
		| 'evaluation.reason.coveredOne'
		| 'evaluation.reason.evidencedOne'
		| 'evaluation.reason.recordsOne';
	params: Record<string, string | number>;
	/** True when it names something missing (what coordinators are asked to supply). */
	missing: boolean;
}

export interface SufficiencyResult {
	level: Sufficiency;
	reasons: SufficiencyReason[];
}

function daysBetween(from: IsoDate, to: IsoDate): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function evidenceSufficiency(input: SufficiencyInput): SufficiencyResult {
	const reasons: SufficiencyReason[] = [];
	const reason = (key: SufficiencyReason['key'], params: SufficiencyReason['params'] = {}, missing = false) =>
		reasons.push({ key, params, missing });
	const { indicators, records, cutOff } = input;

	if (indicators.length === 0 && records === 0) {
		reason('evaluation.reason.noLinks', {}, true);
		return { level: 'none', reasons };
	}
	if (records > 0) reason(records === 1 ? 'evaluation.reason.recordsOne' : 'evaluation.reason.records', { n: records });
	if (indicators.length === 0) {
		reason('evaluation.reason.recordsOnly', {}, true);
		return { level: 'weak', reasons };
	}

	const covered = indicators.filter((i) => i.approvedInWindow > 0);
	for (const i of indicators) {
		if (i.approvedInWindow > 0) continue;
		if (i.pending > 0)
			reason(
				i.pending === 1 ? 'evaluation.reason.indicatorPendingOne' : 'evaluation.reason.indicatorPending',
				{ code: i.code, n: i.pending },
				true
			);
		else reason('evaluation.reason.indicatorMissing', { code: i.code }, true);
	}
	if (covered.length === 0) {
		if (records === 0) {
			reason('evaluation.reason.noApproved', {}, true);
			return { level: 'none', reasons };
		}
		return { level: 'weak', reasons };
	}
	reason(indicators.length === 1 ? 'evaluation.reason.coveredOne' : 'evaluation.reason.covered', {
		n: covered.length,
		total: indicators.length
	});

	const evidenced = covered.reduce((sum, i) => sum + i.withEvidence, 0);
	if (evidenced > 0) reason(evidenced === 1 ? 'evaluation.reason.evidencedOne' : 'evaluation.reason.evidenced', { n: evidenced });
	else reason('evaluation.reason.noEvidence', {}, true);

	const latest = covered
		.map((i) => i.latestPeriodEnd)
		.reduce<IsoDate | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null);
	const recent = latest !== null && daysBetween(latest, cutOff) <= RECENT_DAYS;
	if (latest !== null) {
		if (recent) reason('evaluation.reason.recent', { date: latest });
		else reason('evaluation.reason.old', { date: latest, days: RECENT_DAYS }, true);
	}

	const adequate = covered.length === indicators.length && evidenced > 0 && recent;
	return { level: adequate ? 'adequate' : 'weak', reasons };
}
