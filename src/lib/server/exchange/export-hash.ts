import { createHash } from 'node:crypto';
import type { ExportData } from './export-data';

// The fingerprint printed on an export's "about" sheet: SHA-256 of the canonical JSON (RFC 8785
// style: keys sorted by UTF-16 code units, no whitespace, ECMAScript number formatting) of the
// figures exported. Two downloads of unchanged data carry the same hash, whatever the file bytes
// (a workbook's zip differs on every run).

export function canonicalJson(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error('canonical JSON has no NaN or Infinity');
		return JSON.stringify(value);
	}
	if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
		// Plain sort compares UTF-16 code units, as RFC 8785 asks.
		entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	throw new Error(`canonical JSON cannot hold a ${typeof value}`);
}

export function sha256Hex(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** What the hash covers: the programme, the date, and every indicator's figures by period. */
export function exportedFigures(data: ExportData) {
	return {
		programme: data.programme.code,
		asOf: data.asOf,
		includeOpen: data.includeOpen,
		periods: data.periods.map((p) => ({ id: p.id, label: p.label, start: p.startDate, end: p.endDate })),
		indicators: data.groups.flatMap((g) =>
			g.indicators.map((i) => ({
				id: i.indicator.id,
				code: i.indicator.code,
				baseline: i.indicator.baselineValue,
				target: i.indicator.targetValue,
				status: i.assessment.status,
				periods: i.periods.map((p) => ({
					id: p.periodId,
					target: p.target,
					value: p.value,
					actual: p.actual,
					women: p.women,
					men: p.men,
					open: p.open ? { value: p.open.value, women: p.open.women, men: p.open.men, state: p.open.state } : null
				}))
			}))
		)
	};
}

export function exportHash(data: ExportData): string {
	return sha256Hex(canonicalJson(exportedFigures(data)));
}
