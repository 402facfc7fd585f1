import type { I18n } from '$lib/i18n/context';
import type { Measure } from '$lib/model';
import { enteredDecimals } from '$lib/i18n/measure-format';
import { shownText, type ExportData } from './export-data';
import { forecastCells, forecastColumns } from './iptt-forecast';

// The IPTT workbook (design §7) as plain data: columns, rows and cells with their number formats,
// built without exceljs so the layout can be tested on its own; iptt-workbook.ts writes it.

export type CellValue = string | number | null;
export interface Cell {
	value: CellValue;
	/** An Excel number format: figures stay numbers, shown with the indicator's decimals. */
	numFmt?: string;
	/** A value not yet approved (team exports only): shown apart, never mixed with approved ones. */
	open?: boolean;
	/** A status tone, an extra to the words (colour is never the only signal). */
	tone?: 'ok' | 'warn' | 'bad' | 'muted';
}

export interface Column {
	/** A stable machine key (the hidden first row), e.g. `record` or `p12.actual`. */
	key: string;
	header: string;
	width: number;
	hidden?: boolean;
}

export interface LevelRow {
	kind: 'level';
	level: 'programme' | 'module' | 'output';
	/** The level's record key for the hidden first column, typed so it never equals an indicator's. */
	key: string;
	text: string;
}

/**
 * The hidden key of a row: `indicator:12`, `module:3`, `output:7`, `programme`. A bare id would let
 * a module and an indicator with the same number share one key for a program reading the sheet.
 */
export function recordKey(level: 'indicator' | 'value' | 'change' | LevelRow['level'], id: number | null): string {
	return id === null ? level : `${level}:${id}`;
}
export interface IndicatorRow {
	kind: 'indicator';
	cells: Cell[];
}

export interface SheetLayout {
	name: string;
	columns: Column[];
	rows: (LevelRow | IndicatorRow)[];
}

export interface IpttLayout extends SheetLayout {
	/** Period labels above their columns (merged), by first and last column index (0-based). */
	periodBands: { label: string; first: number; last: number }[];
	/** Columns left of the freeze line (the hidden ids, code and indicator). */
	frozenColumns: number;
}

/** The number format of an indicator's figures: its decimals, a "%" for rates, words for milestones. */
export function measureFormat(i18n: I18n, measure: Measure, decimals: number): string | undefined {
	const places = decimals > 0 ? `.${'0'.repeat(Math.min(decimals, 10))}` : '';
	switch (measure) {
		case 'number':
			return `#,##0${places}`;
		case 'percentage':
			return `#,##0${places}" %"`;
		case 'milestone':
			return `[=1]"${i18n.t('export.yes')}";[=0]"${i18n.t('export.no')}";General`;
		default:
			return undefined;
	}
}

/**
 * Progress and achievement are written as percentages (87.4 for 0.874), the same scale as the CSV,
 * so a program reading either file gets one number; the header says "%" and the format shows it.
 */
export const PERCENT_FORMAT = '0" %"';

/** A ratio as a percentage with one decimal (0.874 → 87.4), for a program reading the file. */
export function asPercent(ratio: number | null): number | null {
	return ratio === null ? null : Math.round(ratio * 1000) / 10;
}

const TONE: Record<string, Cell['tone']> = {
	achieved: 'ok',
	on_track: 'ok',
	at_risk: 'warn',
	off_track: 'bad',
	overdue: 'bad',
	no_data: 'muted',
	not_started: 'muted'
};

const PER_PERIOD = ['target', 'actual', 'progress', 'women', 'men'] as const;

/** The IPTT sheet: one row per indicator under merged level rows, five columns per period. */
export function ipttLayout(data: ExportData, i18n: I18n): IpttLayout {
	const L = i18n.locale;
	const fixed: Column[] = [
		{ key: 'record', header: i18n.t('export.col.recordKey'), width: 6, hidden: true },
		{ key: 'code', header: i18n.t('export.col.code'), width: 9 },
		{ key: 'indicator', header: i18n.t('export.col.indicator'), width: 48 },
		{ key: 'level', header: i18n.t('export.col.level'), width: 16 },
		{ key: 'unit', header: i18n.t('export.col.unit'), width: 12 },
		{ key: 'direction', header: i18n.t('export.col.direction'), width: 11 },
		{ key: 'aggregation', header: i18n.t('export.col.aggregation'), width: 13 },
		{ key: 'baseline', header: i18n.t('export.col.baseline'), width: 11 },
		{ key: 'end_target', header: i18n.t('export.col.endTarget'), width: 11 },
		{ key: 'status', header: i18n.t('export.col.status'), width: 14 },
		{ key: 'update_overdue', header: i18n.t('export.col.updateOverdue'), width: 12 },
		{ key: 'achievement', header: i18n.t('export.col.achievement'), width: 11 }
	];
	const perPeriodHeader: Record<(typeof PER_PERIOD)[number] | 'open' | 'open_state', string> = {
		target: i18n.t('export.col.target'),
		actual: i18n.t('export.col.actual'),
		progress: i18n.t('export.col.progress'),
		women: i18n.t('export.col.women'),
		men: i18n.t('export.col.men'),
		open: i18n.t('export.col.openValue'),
		open_state: i18n.t('export.col.openState')
	};
	const perPeriod = data.includeOpen ? [...PER_PERIOD, 'open', 'open_state'] : [...PER_PERIOD];
	const columns = [...fixed];
	const periodBands: IpttLayout['periodBands'] = [];
	for (const period of data.periods) {
		const first = columns.length;
		for (const part of perPeriod) {
			columns.push({
				key: `p${period.id}.${part}`,
				header: perPeriodHeader[part as keyof typeof perPeriodHeader],
				width: part === 'open_state' ? 12 : 10
			});
		}
		periodBands.push({ label: period.label, first, last: columns.length - 1 });
	}
	columns.push(...forecastColumns(i18n));
	const labelOf = new Map(data.periods.map((p) => [p.id, p.label]));

	const rows: IpttLayout['rows'] = [];
	// Every module and output keeps its row, with or without indicators of its own, so the sheet
	// reads as the logframe does (a module whose indicators sit on its outputs is still a heading).
	for (const group of data.groups) {
		const title = shownText(group.title[L]);
		rows.push({
			kind: 'level',
			level: group.level,
			key: recordKey(group.level, group.id),
			text: group.level === 'programme' ? `${i18n.td('level.programme')} — ${title}` : `${group.code} — ${title}`
		});
		for (const item of group.indicators) {
			const { indicator, assessment } = item;
			const fmt = measureFormat(i18n, indicator.measure, indicator.decimals);
			const num = (value: number | null, open = false): Cell => ({ value, numFmt: fmt, ...(open ? { open } : {}) });
			// A typed figure (baseline, end target, milestone, value) never shows fewer decimals than it
			// was entered with — the display rule of measure-format.ts (1.5 with 0 decimals read "2").
			const typed = (value: number | null, open = false): Cell =>
				value === null || (indicator.measure !== 'number' && indicator.measure !== 'percentage')
					? num(value, open)
					: {
							value,
							numFmt: measureFormat(i18n, indicator.measure, Math.max(indicator.decimals, enteredDecimals(value))),
							...(open ? { open } : {})
						};
			const cells: Cell[] = [
				{ value: recordKey('indicator', indicator.id) },
				{ value: indicator.code },
				{ value: shownText(item.text[L].title) },
				{ value: i18n.td(`level.${indicator.level}`) },
				{ value: shownText(item.text[L].unit) },
				{ value: i18n.td(`direction.${indicator.direction}`) },
				{ value: i18n.td(`aggregation.${indicator.aggregation}`) },
				typed(indicator.baselineValue),
				typed(indicator.targetValue),
				{ value: i18n.td(`status.${assessment.status}`), tone: TONE[assessment.status] },
				{ value: assessment.updateOverdue ? (labelOf.get(assessment.updateOverdue.periodId) ?? null) : null },
				{ value: asPercent(assessment.achievement), numFmt: PERCENT_FORMAT }
			];
			for (const p of item.periods) {
				cells.push(
					typed(p.target),
					typed(p.actual),
					{ value: asPercent(p.progress), numFmt: PERCENT_FORMAT },
					typed(p.women),
					typed(p.men)
				);
				if (data.includeOpen) {
					cells.push(typed(p.open?.value ?? null, !!p.open), {
						value: p.open ? i18n.td(`valueState.${p.open.state}`) : null,
						...(p.open ? { open: true } : {})
					});
				}
			}
			cells.push(...forecastCells(i18n, item.forecast, indicator, fmt));
			rows.push({ kind: 'indicator', cells });
		}
	}
	return { name: i18n.t('export.sheet.iptt'), columns, rows, periodBands, frozenColumns: 3 };
}
