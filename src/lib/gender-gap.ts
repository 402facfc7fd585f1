import type { GenderActionStatus, IsoDate } from './model';

// The arithmetic of the gender view, in one pure module: the gap between women and men in a
// sex-disaggregated indicator, how it moved against the first period with data (the baseline the
// strategy is judged from), and when a gender action is overdue.

const EPSILON = 1e-9;

export interface SexSplit {
	women: number | null;
	men: number | null;
}

/** Women − men; null unless both are known. */
export function genderGap(v: SexSplit): number | null {
	return v.women === null || v.men === null ? null : v.women - v.men;
}

/** Women ÷ men; null unless both are known and men is not zero. */
export function genderRatio(v: SexSplit): number | null {
	return v.women === null || v.men === null || v.men === 0 ? null : v.women / v.men;
}

export type GapMovement = 'narrowing' | 'widening' | 'unchanged';

export interface GapRow<P> {
	period: P;
	women: number | null;
	men: number | null;
	gap: number | null;
	ratio: number | null;
	/**
	 * How much the size of the gap (|women − men|) changed against the baseline: negative when it
	 * narrowed, positive when it widened; null for the baseline itself or without data. The
	 * movement's words come from this same number, so they always agree with the sign shown.
	 */
	gapChange: number | null;
	ratioChange: number | null;
}

export interface GapSeries<P> {
	rows: GapRow<P>[];
	/** The first period where both women and men are known: what the later gaps are compared with. */
	baseline: GapRow<P> | null;
	/** The latest period with both values, when it is not the baseline. */
	latest: GapRow<P> | null;
	/** Whether the latest gap is closer to parity than the baseline's (null with fewer than two points). */
	movement: GapMovement | null;
}

/** Whether the gap narrowed or widened: the sign of the change in its size, as the page shows it. */
export function gapMovement(baseline: { gap: number | null }, latest: { gap: number | null }): GapMovement | null {
	if (baseline.gap === null || latest.gap === null) return null;
	const change = Math.abs(latest.gap) - Math.abs(baseline.gap);
	if (Math.abs(change) < EPSILON) return 'unchanged';
	return change < 0 ? 'narrowing' : 'widening';
}

/** The gap per period (periods given in date order), each compared with the baseline period. */
export function gapSeries<P>(points: readonly ({ period: P } & SexSplit)[]): GapSeries<P> {
	let baseline: GapRow<P> | null = null;
	const rows = points.map((p): GapRow<P> => {
		const gap = genderGap(p);
		const ratio = genderRatio(p);
		const row: GapRow<P> = { period: p.period, women: p.women, men: p.men, gap, ratio, gapChange: null, ratioChange: null };
		if (gap === null) return row;
		if (!baseline) {
			baseline = row;
			return row;
		}
		const base: GapRow<P> = baseline;
		row.gapChange = Math.abs(gap) - Math.abs(base.gap!);
		row.ratioChange = ratio !== null && base.ratio !== null ? ratio - base.ratio : null;
		return row;
	});
	const withData = rows.filter((r) => r.gap !== null);
	const last = withData.at(-1) ?? null;
	const latest = last && last !== baseline ? last : null;
	return { rows, baseline, latest, movement: baseline && latest ? gapMovement(baseline, latest) : null };
}

/** Past its due date and neither completed nor cancelled. Due today is not overdue yet. */
export function isActionOverdue(action: { dueDate: IsoDate | null; status: GenderActionStatus }, asOf: IsoDate): boolean {
	if (action.status === 'completed' || action.status === 'cancelled') return false;
	return action.dueDate !== null && action.dueDate < asOf;
}

export interface MarkerCheck<M> {
	/** Gender marker 1 or 2: gender equality is an objective, so every module should contribute. */
	applies: boolean;
	withoutActions: M[];
	withoutIndicators: M[];
}

/**
 * The strategy check of a programme whose gender marker is 1 or 2: the modules without any gender
 * action, and those without any sex-disaggregated indicator (at module or output level).
 */
export function genderMarkerCheck<M extends { id: number }>(
	marker: number,
	modules: readonly M[],
	actionModuleIds: Iterable<number | null>,
	disaggregatedIndicatorModuleIds: Iterable<number | null>
): MarkerCheck<M> {
	if (marker < 1) return { applies: false, withoutActions: [], withoutIndicators: [] };
	const withAction = new Set(actionModuleIds);
	const withIndicator = new Set(disaggregatedIndicatorModuleIds);
	return {
		applies: true,
		withoutActions: modules.filter((m) => !withAction.has(m.id)),
		withoutIndicators: modules.filter((m) => !withIndicator.has(m.id))
	};
}
