import type { Locale } from '$lib/model';
import { citationsIn, parseInlines, type Citation } from './narrative';
import type { RecordKey, ReportSnapshot, SnapshotIndicator, SnapshotIndicatorPeriod } from './snapshot';
import type { SnapshotFinance } from './snapshot-finance';

// Citations that carry their figure (issue 19). A value citation `[[value:EC-3@2021-S2]]` prints
// the approved value with a compact reference, "36 (EC-3, 2021-S2)", and an indicator citation its
// code; both link to the record. A writer who also types the figure right before the citation
// ("rose to 36 [[value:EC-3@2021-S2]]") is checked against it: the same figure prints once, a
// different one is listed by the editor and blocks the issue. A finance citation prints its delivery
// rate, "50 % (Budget delivery)", and a percentage typed before it is checked the same way (review 4,
// F11). Pure: the snapshot is the only input.

/** The approved value a `value:` citation names, with its indicator and period. */
export interface CitedValue {
	indicator: SnapshotIndicator;
	period: SnapshotIndicatorPeriod;
	periodLabel: string;
}

const valuesBySnapshot = new WeakMap<object, Map<RecordKey, CitedValue>>();

/** Every approved value of the snapshot by its record key (built once per snapshot). */
export function citedValues(snapshot: Pick<ReportSnapshot, 'indicators' | 'allPeriods'>): Map<RecordKey, CitedValue> {
	let map = valuesBySnapshot.get(snapshot);
	if (map) return map;
	map = new Map();
	const labels = new Map(snapshot.allPeriods.map((p) => [p.id, p.label]));
	for (const indicator of snapshot.indicators)
		for (const period of indicator.periods)
			if (period.valueKey) map.set(period.valueKey, { indicator, period, periodLabel: labels.get(period.periodId) ?? '' });
	valuesBySnapshot.set(snapshot, map);
	return map;
}

/** The figure a value citation prints: numbers and rates only (a milestone or a text has none). */
export function citedNumber(cited: CitedValue): number | null {
	const m = cited.indicator.measure;
	return m === 'number' || m === 'percentage' ? cited.period.value : null;
}

/** "EC-3, 2021-S2" for a value, "EC-3" for an indicator: the compact reference a citation prints. */
export function compactReference(citation: Citation, snapshot: Pick<ReportSnapshot, 'indicators' | 'allPeriods'>): string | null {
	if (citation.kind === 'value') {
		const cited = citedValues(snapshot).get(citation.key);
		return cited ? `${cited.indicator.code}, ${cited.periodLabel}` : null;
	}
	if (citation.kind === 'indicator') return snapshot.indicators.find((i) => i.key === citation.key)?.code ?? null;
	return null;
}

/**
 * The delivery rate a finance citation (`[[finance:delivery]]`, a module's or an output's) prints,
 * "50 % (Budget delivery)": the snapshot's figure for that record (a fraction), or null.
 */
export function citedFinanceRate(snapshot: { finance?: SnapshotFinance | null }, key: string): number | null {
	const f = snapshot.finance;
	if (!f) return null;
	const all = [f.programme, ...f.modules.flatMap((m) => [m, ...m.outputs])];
	return all.find((x) => x.key === key)?.deliveryRate ?? null;
}

/** A number as typed in `lang`: its value and how many decimals it was written with. */
export interface TypedNumber {
	text: string;
	value: number;
	decimals: number;
}

// Spanish writes 1.250,5 (or 1 250,5); English 1,250.5. Groups of exactly three digits, so "2021 36"
// is two numbers, not one. A number must stand alone: not glued to letters or other digits.
const NUMBER: Record<Locale, RegExp> = {
	es: /(?:^|[^\p{L}\p{N}.,])([-−]?(?:\d{1,3}(?:[. \u00a0\u202f]\d{3})+|\d+)(?:,\d+)?)\s*%?\s*$/u,
	en: /(?:^|[^\p{L}\p{N}.,])([-−]?(?:\d{1,3}(?:[, \u00a0\u202f]\d{3})+|\d+)(?:\.\d+)?)\s*%?\s*$/u
};

/** The number typed right at the end of `text` (only spaces or a "%" after it), or null. */
export function typedNumberBefore(text: string, lang: Locale): TypedNumber | null {
	const m = NUMBER[lang].exec(text);
	if (!m) return null;
	const raw = m[1]!;
	const decimal = lang === 'es' ? ',' : '.';
	const [whole, fraction = ''] = raw.replace(/[−]/, '-').split(decimal);
	const digits = whole!.replace(/[^\d-]/g, '');
	const value = Number(fraction ? `${digits}.${fraction}` : digits);
	return Number.isFinite(value) ? { text: raw, value, decimals: fraction.length } : null;
}

/** A typed figure agrees with the value when the value, rounded as it was typed, is that figure. */
export function agrees(typed: TypedNumber, value: number): boolean {
	const scale = 10 ** typed.decimals;
	return Math.abs(Math.round(value * scale) - Math.round(typed.value * scale)) === 0;
}

export type FigureMismatch = {
	/** The citation as written. */
	raw: string;
	/** The figure typed before it, as typed. */
	typed: string;
} & (
	| { kind: 'value'; cited: CitedValue; value: number }
	/** A finance citation: `value` is the delivery rate it prints (a fraction), checked against a typed percentage. */
	| { kind: 'finance'; value: number }
);

/** A typed percentage agrees with a rate (a fraction) when the rate in per cent, rounded as typed, is that figure. */
export function agreesAsPercent(typed: TypedNumber, rate: number): boolean {
	return agrees(typed, rate * 100);
}

/**
 * The value and finance citations of `text` (written in `lang`) right after a typed figure that
 * differs from the figure the citation prints (a value's, or a finance record's delivery rate).
 */
export function figureMismatches(
	text: string,
	lang: Locale,
	snapshot: Pick<ReportSnapshot, 'indicators' | 'allPeriods'> & { finance?: SnapshotFinance | null }
): FigureMismatch[] {
	if (!text.includes('[[value:') && !text.includes('[[finance:')) return [];
	const values = citedValues(snapshot);
	const found: FigureMismatch[] = [];
	// Inline by inline, as the report prints them: a citation's figure is the text just before it.
	for (const paragraph of text.replace(/\r\n?/g, '\n').split(/\n/)) {
		if (citationsIn(paragraph).length === 0) continue;
		const inlines = parseInlines(paragraph);
		inlines.forEach((inline, n) => {
			if (inline.type !== 'citation') return;
			const before = inlines[n - 1];
			if (!before || before.type !== 'text') return;
			if (inline.citation.kind === 'finance') {
				const rate = citedFinanceRate(snapshot, inline.citation.key);
				const typed = rate === null ? null : typedNumberBefore(before.text, lang);
				if (rate !== null && typed && !agreesAsPercent(typed, rate))
					found.push({ kind: 'finance', raw: inline.raw, typed: typed.text, value: rate });
				return;
			}
			if (inline.citation.kind !== 'value') return;
			const cited = values.get(inline.citation.key);
			const value = cited ? citedNumber(cited) : null;
			if (!cited || value === null) return;
			const typed = typedNumberBefore(before.text, lang);
			if (typed && !agrees(typed, value)) found.push({ kind: 'value', raw: inline.raw, typed: typed.text, cited, value });
		});
	}
	return found;
}
