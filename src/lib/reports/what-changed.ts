import type { ActivityStatus, AdoptionStatus, AssumptionResult, IndicatorStatus, Locale, RiskStatus } from '$lib/model';
import type { SectionKey } from './outline';
import type { RecordKey, ReportSnapshot } from './snapshot';

// "What changed since the last issue" (design §5, goal row 37): a rule-based comparison of two
// snapshots, the previous issue of the same report (or, for a first issue, the programme's last
// issued report) and this one. Only facts, each tied to its record; compose turns each into a
// sentence in the report's language. Records are matched by id (codes may be renamed).

export type SnapshotChange =
	| { kind: 'indicator_status'; key: RecordKey; indicatorId: number; from: IndicatorStatus; to: IndicatorStatus }
	| { kind: 'value_new'; key: RecordKey; indicatorId: number; period: string; to: number | null }
	| { kind: 'value_changed'; key: RecordKey; indicatorId: number; period: string; from: number | null; to: number | null }
	| { kind: 'target_changed'; key: RecordKey; indicatorId: number; from: number | null; to: number | null }
	| { kind: 'gap'; key: RecordKey; indicatorId: number; from: number; to: number; trend: 'widened' | 'narrowed' }
	| { kind: 'activity_status'; key: RecordKey; activityId: number; from: ActivityStatus; to: ActivityStatus }
	| { kind: 'risk_score'; key: RecordKey; riskId: number; from: number; to: number }
	| { kind: 'risk_status'; key: RecordKey; riskId: number; from: RiskStatus; to: RiskStatus }
	| { kind: 'check_turned'; key: RecordKey; riskId: number; from: AssumptionResult; to: AssumptionResult }
	| { kind: 'recommendation_status'; key: RecordKey; recommendationId: number; from: AdoptionStatus; to: AdoptionStatus }
	| { kind: 'key_actions'; key: RecordKey; recommendationId: number; from: number; to: number; total: number }
	| { kind: 'section_text'; section: SectionKey };

export interface SnapshotChanges {
	/** The issue compared with; null for the programme's first issued report. */
	since: { reportId: number; issueNumber: number; title: Record<Locale, string | null>; cutOff: string; sha256: string } | null;
	items: SnapshotChange[];
}

type Comparable = Pick<ReportSnapshot, 'indicators' | 'activities' | 'risks' | 'recommendations' | 'sections'>;

/**
 * A section's text in one fixed shape. The previous snapshot is read back from canonical JSON
 * (keys sorted: `en` before `es`, an absent justification as `{ en: null, es: null }`) while the
 * current one is built as the code writes it, so comparing the raw JSON called every section changed.
 */
function sectionText(section: { narrative?: unknown; justification?: unknown; rating?: unknown; notRated?: boolean }): string {
	const texts = (value: unknown) => {
		const localized = (value ?? {}) as Partial<Record<Locale, string | null>>;
		return [localized.es ?? null, localized.en ?? null];
	};
	return JSON.stringify([texts(section.narrative), texts(section.justification), section.rating ?? null, section.notRated ?? false]);
}

const byId = <T extends { id: number }>(list: readonly T[] | undefined): Map<number, T> => new Map((list ?? []).map((x) => [x.id, x]));

/** The changes from `prev` to `curr`, in a fixed order (indicators, activities, risks, recommendations, sections). */
export function whatChanged(prev: Partial<Comparable>, curr: Comparable, sameReport: boolean): SnapshotChange[] {
	const items: SnapshotChange[] = [];
	const prevIndicators = byId(prev.indicators);
	for (const i of curr.indicators) {
		const p = prevIndicators.get(i.id);
		if (!p) continue;
		if (p.status !== i.status) items.push({ kind: 'indicator_status', key: i.key, indicatorId: i.id, from: p.status, to: i.status });
		if (p.endTarget !== i.endTarget)
			items.push({ kind: 'target_changed', key: i.key, indicatorId: i.id, from: p.endTarget, to: i.endTarget });
		const prevPeriods = new Map((p.periods ?? []).map((x) => [x.periodId, x]));
		for (const period of i.periods) {
			if (!period.valueKey) continue;
			const before = prevPeriods.get(period.periodId);
			const label = period.valueKey.slice(period.valueKey.lastIndexOf('@') + 1);
			if (!before?.valueKey) items.push({ kind: 'value_new', key: period.valueKey, indicatorId: i.id, period: label, to: period.value });
			else if (before.value !== period.value || before.women !== period.women || before.men !== period.men)
				items.push({ kind: 'value_changed', key: period.valueKey, indicatorId: i.id, period: label, from: before.value, to: period.value });
		}
		const from = p.gap?.gap;
		const to = i.gap?.gap;
		if (typeof from === 'number' && typeof to === 'number' && Math.abs(to) !== Math.abs(from))
			items.push({ kind: 'gap', key: i.key, indicatorId: i.id, from, to, trend: Math.abs(to) > Math.abs(from) ? 'widened' : 'narrowed' });
	}
	const prevActivities = byId(prev.activities);
	for (const a of curr.activities) {
		const p = prevActivities.get(a.id);
		if (p && p.status !== a.status) items.push({ kind: 'activity_status', key: a.key, activityId: a.id, from: p.status, to: a.status });
	}
	const prevRisks = byId(prev.risks);
	for (const r of curr.risks) {
		const p = prevRisks.get(r.id);
		if (!p) continue;
		if (p.score !== r.score) items.push({ kind: 'risk_score', key: r.key, riskId: r.id, from: p.score, to: r.score });
		if (p.status !== r.status) items.push({ kind: 'risk_status', key: r.key, riskId: r.id, from: p.status, to: r.status });
		const before = p.checks?.at(-1)?.result;
		const now = r.checks.at(-1)?.result;
		if (before && now && before !== now) items.push({ kind: 'check_turned', key: r.key, riskId: r.id, from: before, to: now });
	}
	const prevRecommendations = byId(prev.recommendations);
	for (const r of curr.recommendations) {
		const p = prevRecommendations.get(r.id);
		if (!p) continue;
		if (p.status !== r.status)
			items.push({ kind: 'recommendation_status', key: r.key, recommendationId: r.id, from: p.status, to: r.status });
		if (p.keyActions && p.keyActions.completed !== r.keyActions.completed)
			items.push({
				kind: 'key_actions',
				key: r.key,
				recommendationId: r.id,
				from: p.keyActions.completed,
				to: r.keyActions.completed,
				total: r.keyActions.total
			});
	}
	// Sections are compared with the previous issue of the same report only (another report's text always differs).
	const prevSections = new Map((sameReport ? (prev.sections ?? []) : []).map((s) => [s.key, s]));
	for (const s of curr.sections) {
		const p = prevSections.get(s.key);
		if (!p) continue;
		if (sectionText(p) !== sectionText(s)) items.push({ kind: 'section_text', section: s.key });
	}
	return items;
}
