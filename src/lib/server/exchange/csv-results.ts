import type { I18n } from '$lib/i18n/context';
import { exportIndicators, shownText, type ExportData } from './export-data';
import { asPercent } from './iptt-layout';

// The results as CSV (design §7): UTF-8 with a BOM (so Excel reads the accents), one row per
// indicator × period, headers in the requester's language, numbers as plain numbers with a dot,
// and every text cell that a spreadsheet would read as a formula neutralised.

export type CsvValue = string | number | null;

/**
 * A text that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip
 * before reading a formula) is prefixed with an apostrophe, so it is shown, never evaluated.
 * Numbers the export writes itself are numbers, not text, and stay as they are.
 */
export function neutralise(text: string): string {
	return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field: neutralised text, quoted when it holds a comma, quote or line break. */
export function csvField(value: CsvValue): string {
	if (value === null) return '';
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return '';
		return String(value);
	}
	const safe = neutralise(value);
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(values: CsvValue[]): string {
	return values.map(csvField).join(',');
}

export function resultsCsvRows(data: ExportData, i18n: I18n): CsvValue[][] {
	const L = i18n.locale;
	const header: CsvValue[] = [
		i18n.t('export.col.code'),
		i18n.t('export.col.indicator'),
		i18n.t('export.col.level'),
		i18n.t('export.col.unit'),
		i18n.t('export.col.measure'),
		i18n.t('export.col.direction'),
		i18n.t('export.col.aggregation'),
		i18n.t('export.col.baseline'),
		i18n.t('export.col.endTarget'),
		i18n.t('export.col.status'),
		i18n.t('export.col.period'),
		i18n.t('export.col.periodStart'),
		i18n.t('export.col.periodEnd'),
		i18n.t('export.col.target'),
		i18n.t('export.col.actual'),
		i18n.t('export.col.progress'),
		i18n.t('export.col.women'),
		i18n.t('export.col.men'),
		i18n.t('export.col.periodStatus'),
		...(data.includeOpen ? [i18n.t('export.col.openValue'), i18n.t('export.col.openState')] : [])
	];
	const rows: CsvValue[][] = [header];
	const periodOf = new Map(data.periods.map((p) => [p.id, p]));
	for (const item of exportIndicators(data)) {
		const { indicator, assessment } = item;
		for (const p of item.periods) {
			const period = periodOf.get(p.periodId)!;
			rows.push([
				indicator.code,
				shownText(item.text[L].title),
				i18n.td(`level.${indicator.level}`),
				shownText(item.text[L].unit),
				i18n.td(`measure.${indicator.measure}`),
				i18n.td(`direction.${indicator.direction}`),
				i18n.td(`aggregation.${indicator.aggregation}`),
				indicator.baselineValue,
				indicator.targetValue,
				i18n.td(`status.${assessment.status}`),
				period.label,
				period.startDate,
				period.endDate,
				p.target,
				p.actual,
				asPercent(p.progress),
				p.women,
				p.men,
				p.status ? i18n.td(`status.${p.status}`) : null,
				...(data.includeOpen ? [p.open?.value ?? null, p.open ? i18n.td(`valueState.${p.open.state}`) : null] : [])
			]);
		}
	}
	return rows;
}

/** The file's text: BOM, CRLF line ends (RFC 4180). */
export function resultsCsv(data: ExportData, i18n: I18n): string {
	return '\uFEFF' + resultsCsvRows(data, i18n).map(csvLine).join('\r\n') + '\r\n';
}
