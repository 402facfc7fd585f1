import ExcelJS from 'exceljs';
import { compactDataValidations } from './data-validations';
import type { z } from 'zod';
import { localizeField } from '$lib/content-language';
import { translate, translateDynamic, isMessageKey, type MessageKey } from '$lib/i18n/translate';
import { OPEN_VALUE_STATES, type Indicator, type Locale, type Programme, type ReportingPeriod } from '$lib/model';
import type { Executor } from '../db/executor';
import { loadTranslations } from '../core/translations';
import { issueMessage } from '../core/validation';
import { toIndicator } from '../results/indicators';
import { valueSchema, type ValueInput } from '../results/values';
import { vetValueRows, type BatchRefusal, type BatchValue } from '../results/value-batch';
import { toPeriod } from '../programmes/programmes';
import {
	csvGrid,
	fileKindOf,
	gridOf,
	ImportRefusal,
	loadWorkbook,
	parseLocalNumber,
	sha256Hex,
	type Cell,
	type DecimalSeparator,
	type FileKind,
	type Grid
} from './import-file';
import { addInstructions, choiceMessage, enumLabel, INSTRUCTION_SHEETS } from './import-instructions';

// The import of period values (design §7, issue 13 item 2): a template per period (or every
// period), the upload read into rows, each row checked by the value form's own rules (its zod
// schema, then results/value-batch.ts for what the form's save checks: locked periods, a value
// under review, a correction's reason, the narrative a bad status needs), a preview with every
// error by row and column, and the annotated workbook. Writing is the caller's (http layer):
// results' saveValueRows in the same transaction as the import's audit row.

export const VALUES_TEMPLATE = 'avance-values';
export const VALUES_TEMPLATE_VERSION = 1;
export const META_SHEET = 'avance';

export const VALUE_COLUMNS = [
	'indicatorId',
	'periodId',
	'valueVersion',
	'programme',
	'period',
	'code',
	'indicator',
	'unit',
	'measure',
	'bySex',
	'target',
	'currentStatus',
	'actual',
	'women',
	'men',
	'notStated',
	'note',
	'correctionReason'
] as const;
export type ValueColumn = (typeof VALUE_COLUMNS)[number];

const HIDDEN: ValueColumn[] = ['indicatorId', 'periodId', 'valueVersion'];
/** A file without these headers is refused whole. */
const REQUIRED: ValueColumn[] = ['programme', 'period', 'code', 'actual', 'women', 'men', 'note'];
const INPUT: ValueColumn[] = ['actual', 'women', 'men', 'notStated', 'note', 'correctionReason'];

const header = (locale: Locale, column: ValueColumn) => translateDynamic(locale, `import.col.${column}`);
const normalise = (s: string) => s.normalize('NFC').trim().toLowerCase();

export interface CellError {
	column: ValueColumn;
	message: string;
}

export interface RowReport {
	line: number;
	code: string;
	title: string;
	period: string;
	verdict: 'save' | 'unchanged' | 'refused';
	figures: string;
	errors: CellError[];
}

export interface ValuePreview {
	sha256: string;
	fileName: string;
	kind: FileKind;
	decimal: DecimalSeparator;
	intent: 'draft' | 'submit';
	counts: { save: number; unchanged: number; refused: number; empty: number };
	rows: RowReport[];
}

export interface ValueCheck {
	preview: ValuePreview;
	/** The rows to save, in the order of the file (only those judged 'save'). */
	batch: BatchValue[];
	/** Where each column is in the data sheet (0-based), for the annotated workbook. */
	columns: Partial<Record<ValueColumn, number>>;
	grid: Grid;
}

interface ProgrammeData {
	indicators: Map<number, Indicator>;
	byCode: Map<string, Indicator>;
	periods: Map<number, ReportingPeriod>;
	byLabel: Map<string, ReportingPeriod>;
}

async function programmeData(db: Executor, programme: Programme): Promise<ProgrammeData> {
	const [indicatorRows, periodRows] = await Promise.all([
		db.selectFrom('indicator').selectAll().where('programme_id', '=', programme.id).orderBy('sort_order').orderBy('id').execute(),
		db.selectFrom('reporting_period').selectAll().where('programme_id', '=', programme.id).orderBy('start_date').execute()
	]);
	const indicators = indicatorRows.map(toIndicator);
	const periods = periodRows.map(toPeriod);
	return {
		indicators: new Map(indicators.map((i) => [i.id, i])),
		byCode: new Map(indicators.map((i) => [normalise(i.code), i])),
		periods: new Map(periods.map((p) => [p.id, p])),
		byLabel: new Map(periods.map((p) => [normalise(p.label), p]))
	};
}

// ---- the template ------------------------------------------------------------------------------

const RED = 'FFFFC7CE';
const GREY = 'FFEDEDED';

/**
 * The template for one period (or every period when `periodId` is null): one row per indicator
 * that takes values by hand, with the value in progress (or the approved one) filled in, so an
 * unchanged row imports as "unchanged". Hidden columns carry the ids and the version the row
 * was prepared against (a value changed since then is a conflict, not overwritten).
 */
export async function valuesTemplate(db: Executor, programme: Programme, locale: Locale, periodId: number | null): Promise<Buffer> {
	const data = await programmeData(db, programme);
	const periods = [...data.periods.values()].filter((p) => periodId === null || p.id === periodId);
	const [translations, targets, values] = await Promise.all([
		loadTranslations(db, programme.id, locale),
		db
			.selectFrom('indicator_target')
			.innerJoin('indicator', 'indicator.id', 'indicator_target.indicator_id')
			.select(['indicator_target.indicator_id', 'indicator_target.period_id', 'indicator_target.value'])
			.where('indicator.programme_id', '=', programme.id)
			.execute(),
		db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.selectAll('indicator_value')
			.where('indicator.programme_id', '=', programme.id)
			.where('indicator_value.status', 'in', [...OPEN_VALUE_STATES, 'approved'])
			.execute()
	]);
	const target = new Map(targets.map((t) => [`${t.indicator_id}:${t.period_id}`, t.value]));
	const current = new Map<string, (typeof values)[number]>();
	for (const v of values) {
		const key = `${v.indicator_id}:${v.period_id}`;
		// The value in progress wins over the approved one it would correct.
		if (!current.has(key) || v.status !== 'approved') current.set(key, v);
	}

	const wb = new ExcelJS.Workbook();
	wb.creator = 'Avance';
	const sheet = wb.addWorksheet(translate(locale, 'import.valuesSheet'), { views: [{ state: 'frozen', ySplit: 1, xSplit: 7 }] });
	sheet.columns = VALUE_COLUMNS.map((key) => ({
		header: header(locale, key),
		key,
		hidden: HIDDEN.includes(key),
		width: key === 'indicator' ? 50 : key === 'note' || key === 'correctionReason' ? 40 : 14
	}));
	sheet.getRow(1).font = { bold: true };
	const yes = translate(locale, 'import.yes');
	const no = translate(locale, 'import.no');
	for (const period of periods) {
		for (const indicator of data.indicators.values()) {
			if (indicator.source !== 'manual') continue;
			const key = `${indicator.id}:${period.id}`;
			const v = current.get(key);
			const bySex = indicator.disaggregatedBySex && (indicator.measure === 'number' || indicator.measure === 'percentage');
			const title = localizeField(translations, programme.contentLanguage, locale, {
				entity: 'indicator',
				id: indicator.id,
				field: 'title',
				original: indicator.title
			});
			const unit = localizeField(translations, programme.contentLanguage, locale, {
				entity: 'indicator',
				id: indicator.id,
				field: 'unit',
				original: indicator.unit
			});
			const row = sheet.addRow({
				indicatorId: indicator.id,
				periodId: period.id,
				valueVersion: v && v.status !== 'approved' ? v.version : null,
				programme: programme.code,
				period: period.label,
				code: indicator.code,
				indicator: title.fallback ? `${title.text} (${title.lang})` : title.text,
				unit: unit.text,
				measure: translateDynamic(locale, `measure.${indicator.measure}`),
				bySex: bySex ? yes : no,
				// A milestone's target reads as its actual does: "sí"/"no" (review of issue 22, finding 27).
				target:
					indicator.measure === 'milestone' && target.get(key) != null ? (target.get(key)! >= 1 ? yes : no) : (target.get(key) ?? null),
				currentStatus: v ? translateDynamic(locale, `valueState.${v.status}`) : '',
				// A milestone reads "sí"/"no" in the reader's language (1 and 0 are accepted too).
				actual:
					indicator.measure === 'qualitative'
						? null
						: indicator.measure === 'milestone' && v?.value != null
							? v.value >= 1
								? yes
								: no
							: (v?.value ?? null),
				women: bySex ? (v?.women ?? null) : null,
				men: bySex ? (v?.men ?? null) : null,
				notStated: bySex ? (v?.not_stated ?? null) : null,
				note: v?.narrative || null,
				correctionReason: null
			});
			const col = (k: ValueColumn) => row.getCell(VALUE_COLUMNS.indexOf(k) + 1);
			const max = indicator.measure === 'percentage' ? 100 : 1e12;
			const figure: ExcelJS.DataValidation = {
				type: 'decimal',
				operator: 'between',
				allowBlank: true,
				formulae: [0, max],
				showErrorMessage: true,
				error: translate(locale, 'import.validationNumber', { max })
			};
			if (indicator.measure === 'milestone') {
				col('actual').dataValidation = {
					type: 'list',
					allowBlank: true,
					formulae: [`"${yes},${no}"`],
					showErrorMessage: true,
					error: choiceMessage(locale, [yes, no], null)
				};
			} else if (indicator.measure !== 'qualitative') {
				col('actual').dataValidation = figure;
			}
			for (const k of ['women', 'men', 'notStated'] as const) {
				if (bySex) col(k).dataValidation = figure;
				else col(k).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: GREY } };
			}
			if (indicator.measure === 'qualitative') col('actual').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: GREY } };
			col('note').dataValidation = { type: 'textLength', operator: 'lessThanOrEqual', allowBlank: true, formulae: [4000] };
			col('note').alignment = { wrapText: true, vertical: 'top' };
		}
	}
	addInstructions(wb, locale, translate(locale, 'import.instructions.values', { sheet: sheet.name }), [
		{ column: header(locale, 'actual'), values: [`${enumLabel(locale, 'measure.', 'milestone')}: ${yes}, ${no} (1, 0)`] },
		{ column: header(locale, 'bySex'), values: [yes, no] }
	]);
	const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
	meta.addRows([
		['template', VALUES_TEMPLATE],
		['version', VALUES_TEMPLATE_VERSION],
		['programme', programme.code],
		['period', periodId === null ? '*' : (data.periods.get(periodId)?.label ?? '')],
		['periodId', periodId ?? '*'],
		['sheet.values', sheet.name]
	]);
	compactDataValidations(wb);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- reading an upload -------------------------------------------------------------------------

/** The hidden sheet's pairs; a workbook without it is not one of ours. */
export function templateMeta(wb: ExcelJS.Workbook): Map<string, string> | null {
	const meta = wb.getWorksheet(META_SHEET);
	if (!meta) return null;
	const pairs = new Map<string, string>();
	meta.eachRow((row) => {
		const k = row.getCell(1).value;
		const v = row.getCell(2).value;
		if (typeof k === 'string') pairs.set(k, v === null || v === undefined ? '' : String(v));
	});
	return pairs;
}

/** The grid of the data sheet, after the hidden sheet says it is this programme's template of this version. */
export async function readTemplateGrid(
	bytes: Buffer,
	kind: FileKind,
	programme: Programme,
	template: string,
	version: number
): Promise<{ grid: Grid; workbook: ExcelJS.Workbook | null }> {
	if (kind === 'csv') return { grid: csvGrid(bytes), workbook: null };
	const workbook = await loadWorkbook(bytes);
	const meta = templateMeta(workbook);
	if (!meta || meta.get('template') !== template) throw new ImportRefusal('import.notTemplate');
	if (meta.get('version') !== String(version)) throw new ImportRefusal('import.wrongVersion', { version: meta.get('version') ?? '?' });
	if (meta.get('programme') !== programme.code) throw new ImportRefusal('import.otherProgramme', { code: meta.get('programme') ?? '?' });
	// The data sheet the hidden sheet names; else (older files) the first visible one that is not the instructions.
	const named = meta.get('sheet.values');
	const sheet =
		(named ? workbook.getWorksheet(named) : undefined) ??
		workbook.worksheets.find((s) => s.name !== META_SHEET && s.state === 'visible' && !INSTRUCTION_SHEETS.has(s.name));
	if (!sheet) throw new ImportRefusal('import.notTemplate');
	return { grid: gridOf(sheet), workbook };
}

/** Which column holds each header (in either language, or the column's key). */
export function mapHeaders<C extends string>(
	row: Cell[],
	columns: readonly C[],
	required: readonly C[],
	prefix = 'import.col.',
	aliases: Partial<Record<C, readonly string[]>> = {}
): Partial<Record<C, number>> {
	const label = (locale: Locale, c: C) => translateDynamic(locale, `${prefix}${c}`);
	const names = new Map<string, C>();
	for (const c of columns) {
		names.set(normalise(c), c);
		for (const locale of ['es', 'en'] as const) names.set(normalise(label(locale, c)), c);
		for (const alias of aliases[c] ?? []) names.set(normalise(alias), c);
	}
	const found: Partial<Record<C, number>> = {};
	row.forEach((cell, i) => {
		if (typeof cell !== 'string') return;
		const c = names.get(normalise(cell));
		if (c && found[c] === undefined) found[c] = i;
	});
	const missing = required.filter((c) => found[c] === undefined);
	if (missing.length) {
		throw new ImportRefusal('import.missingHeader', {
			columns: missing.map((c) => [label('es', c), label('en', c), ...(aliases[c] ?? [])].join(' / ')).join(', ')
		});
	}
	return found;
}

const BAD_CELL: Record<string, MessageKey> = {
	formula: 'import.formulaCell',
	date: 'import.dateCell',
	merged: 'import.mergedCell',
	error: 'import.badCell',
	boolean: 'import.badCell'
};

type Read = { ok: true; value: unknown } | { ok: false; key: MessageKey };

/** A figure: a number cell in a workbook; a text in the stated format in a CSV. */
export function readNumber(cell: Cell, kind: FileKind, decimal: DecimalSeparator): Read {
	if (cell === null) return { ok: true, value: undefined };
	if (typeof cell === 'number') return { ok: true, value: cell };
	if (typeof cell === 'object') return { ok: false, key: BAD_CELL[cell.bad]! };
	if (cell.trim() === '') return { ok: true, value: undefined };
	if (kind === 'xlsx') return { ok: false, key: 'import.textInNumberCell' };
	const n = parseLocalNumber(cell, decimal);
	return Number.isNaN(n) ? { ok: false, key: decimal === ',' ? 'import.numberComma' : 'import.numberDot' } : { ok: true, value: n };
}

export function readText(cell: Cell): Read {
	if (cell === null) return { ok: true, value: '' };
	if (typeof cell === 'number') return { ok: true, value: String(cell) };
	if (typeof cell === 'object') return { ok: false, key: BAD_CELL[cell.bad]! };
	return { ok: true, value: cell };
}

const MILESTONE: Record<string, string> = { '1': '1', '0': '0', yes: '1', sí: '1', si: '1', no: '0' };

const FIELD_COLUMN: Record<string, ValueColumn> = {
	value: 'actual',
	narrative: 'note',
	periodId: 'period',
	indicatorId: 'code',
	valueVersion: 'actual',
	evidenceUrl: 'note',
	intent: 'actual'
};
const columnOfField = (field: string): ValueColumn =>
	FIELD_COLUMN[field] ?? ((VALUE_COLUMNS as readonly string[]).includes(field) ? (field as ValueColumn) : 'actual');

function refusalMessage(locale: Locale, r: BatchRefusal): string {
	const params = Object.fromEntries(
		Object.entries(r.params ?? {}).map(([k, v]) => [k, typeof v === 'string' && isMessageKey(v) ? translateDynamic(locale, v) : v])
	);
	return translateDynamic(locale, r.key, params);
}

function figuresOf(input: ValueInput | null, indicator: Indicator | undefined): string {
	if (!input || !indicator) return '';
	const parts = [input.value === null ? '' : String(input.value)];
	if (input.women !== null || input.men !== null) parts.push(`${input.women ?? ''}/${input.men ?? ''}`);
	return parts.filter(Boolean).join(' · ');
}

/** The value form's schema depends only on the measure and the split by sex: built once for each pair (building one costs milliseconds). */
const schemas = new Map<string, ReturnType<typeof valueSchema>>();
function schemaFor(indicator: Indicator) {
	const key = `${indicator.measure}:${indicator.disaggregatedBySex}`;
	let schema = schemas.get(key);
	if (!schema) schemas.set(key, (schema = valueSchema(indicator)));
	return schema;
}

/**
 * Reads and checks an uploaded values file. Refuses the whole file (ImportRefusal) when it is not
 * this programme's template of this version, lacks a header, or breaks a limit; otherwise answers
 * a verdict per row with every error by column. Writes nothing.
 */
export async function checkValueFile(
	db: Executor,
	programme: Programme,
	locale: Locale,
	file: { bytes: Buffer; fileName: string },
	options: { decimal: DecimalSeparator; intent: 'draft' | 'submit' }
): Promise<ValueCheck> {
	const kind = fileKindOf(file.bytes, file.fileName);
	const sha256 = sha256Hex(file.bytes);
	const { grid } = await readTemplateGrid(file.bytes, kind, programme, VALUES_TEMPLATE, VALUES_TEMPLATE_VERSION);
	if (grid.rows.length === 0)
		throw new ImportRefusal('import.missingHeader', { columns: REQUIRED.map((c) => header(locale, c)).join(', ') });
	const columns = mapHeaders(grid.rows[0]!, VALUE_COLUMNS, REQUIRED);
	const at = (row: Cell[], c: ValueColumn): Cell => (columns[c] === undefined ? null : (row[columns[c]!] ?? null));

	// Another programme's rows pasted into this file: the whole file goes back.
	for (const row of grid.rows.slice(1)) {
		const code = at(row, 'programme');
		if (typeof code === 'string' && code.trim() !== '' && code.trim() !== programme.code) {
			throw new ImportRefusal('import.otherProgramme', { code: code.trim() });
		}
	}

	const data = await programmeData(db, programme);
	const reports: RowReport[] = [];
	const candidates: { report: RowReport; value: BatchValue; indicator: Indicator }[] = [];
	let empty = 0;
	grid.rows.forEach((row, index) => {
		if (index === 0) return;
		const line = index + 1;
		if (INPUT.every((c) => at(row, c) === null || (typeof at(row, c) === 'string' && String(at(row, c)).trim() === ''))) {
			empty++;
			return;
		}
		const errors: CellError[] = [];
		const fail = (column: ValueColumn, key: MessageKey, params?: Record<string, string | number>) =>
			errors.push({ column, message: translateDynamic(locale, key, params) });

		// Which indicator: its hidden id (checked against the code beside it), else its code.
		const idCell = at(row, 'indicatorId');
		const codeCell = readText(at(row, 'code'));
		const code = codeCell.ok ? String(codeCell.value).trim() : '';
		let indicator: Indicator | undefined;
		if (typeof idCell === 'number') {
			indicator = data.indicators.get(idCell);
			if (indicator && code && normalise(code) !== normalise(indicator.code))
				fail('code', 'import.idCodeMismatch', { code: indicator.code });
		} else if (code) {
			indicator = data.byCode.get(normalise(code));
		}
		if (!indicator) fail('code', 'import.unknownIndicator', { code: code || '?' });

		const periodIdCell = at(row, 'periodId');
		const labelCell = readText(at(row, 'period'));
		const label = labelCell.ok ? String(labelCell.value).trim() : '';
		const period =
			typeof periodIdCell === 'number' ? data.periods.get(periodIdCell) : label ? data.byLabel.get(normalise(label)) : undefined;
		if (!period) fail('period', 'import.unknownPeriod', { period: label || '?' });
		else if (label && normalise(label) !== normalise(period.label)) fail('period', 'import.idCodeMismatch', { code: period.label });

		const report: RowReport = {
			line,
			code: indicator?.code ?? code,
			title: indicator?.title ?? '',
			period: period?.label ?? label,
			verdict: 'refused',
			figures: '',
			errors
		};
		reports.push(report);
		if (!indicator || !period) return;

		const bySex = indicator.disaggregatedBySex && (indicator.measure === 'number' || indicator.measure === 'percentage');
		const raw: Record<string, unknown> = { periodId: period.id, evidenceUrl: '', intent: options.intent };
		const cellOk = (column: ValueColumn, read: Read) => {
			if (!read.ok) {
				fail(column, read.key);
				return undefined;
			}
			return read.value;
		};
		if (indicator.measure === 'milestone') {
			const cell = at(row, 'actual');
			const text = cell === null ? '' : typeof cell === 'object' ? null : normalise(String(cell));
			if (text === null) cellOk('actual', readText(cell));
			else if (text !== '' && MILESTONE[text] === undefined)
				errors.push({
					column: 'actual',
					message: choiceMessage(locale, [translate(locale, 'import.yes'), translate(locale, 'import.no'), '1', '0'], null)
				});
			else raw.value = text === '' ? undefined : MILESTONE[text];
		} else {
			raw.value = cellOk('actual', readNumber(at(row, 'actual'), kind, options.decimal));
		}
		for (const [column, field] of [
			['women', 'women'],
			['men', 'men'],
			['notStated', 'notStated']
		] as const) {
			const read = readNumber(at(row, column), kind, options.decimal);
			const value = cellOk(column, read);
			if (!bySex && value !== undefined && read.ok) fail(column, 'import.notDisaggregated');
			raw[field] = value;
		}
		raw.narrative = cellOk('note', readText(at(row, 'note')));
		raw.correctionReason = cellOk('correctionReason', readText(at(row, 'correctionReason')));
		const version = at(row, 'valueVersion');
		raw.valueVersion = typeof version === 'number' ? version : undefined;
		if (errors.length) return;

		const parsed = schemaFor(indicator).safeParse(raw);
		if (!parsed.success) {
			for (const issue of (parsed.error as z.ZodError).issues) {
				errors.push({ column: columnOfField(String(issue.path[0] ?? 'value')), message: issueMessage(issue, locale) });
			}
			return;
		}
		report.figures = figuresOf(parsed.data, indicator);
		candidates.push({ report, value: { indicatorId: indicator.id, input: parsed.data }, indicator });
	});

	const verdicts = await vetValueRows(
		db,
		programme,
		candidates.map((c) => c.value)
	);
	const batch: BatchValue[] = [];
	candidates.forEach((c, i) => {
		const verdict = verdicts[i]!;
		c.report.verdict = verdict.kind;
		if (verdict.kind === 'refused') {
			for (const r of verdict.refusals) c.report.errors.push({ column: columnOfField(r.field), message: refusalMessage(locale, r) });
		} else if (verdict.kind === 'save') batch.push(c.value);
	});

	const count = (v: RowReport['verdict']) => reports.filter((r) => r.verdict === v).length;
	return {
		preview: {
			sha256,
			fileName: file.fileName,
			kind,
			decimal: options.decimal,
			intent: options.intent,
			counts: { save: count('save'), unchanged: count('unchanged'), refused: count('refused'), empty },
			rows: reports
		},
		batch,
		columns,
		grid
	};
}

// ---- the annotated workbook --------------------------------------------------------------------

/**
 * The uploaded workbook (or the CSV laid out as one) with every cell in error filled red and a
 * note saying why, and a last column with the row's messages.
 */
export async function annotatedWorkbook(
	file: { bytes: Buffer; kind: FileKind },
	grid: Grid,
	columns: Partial<Record<string, number>>,
	rows: { line: number; errors: { column: string; message: string }[] }[],
	locale: Locale
): Promise<Buffer> {
	let wb: ExcelJS.Workbook;
	let sheet: ExcelJS.Worksheet;
	if (file.kind === 'xlsx') {
		wb = await loadWorkbook(file.bytes);
		sheet = wb.getWorksheet(grid.sheetName) ?? wb.worksheets[0]!;
	} else {
		wb = new ExcelJS.Workbook();
		sheet = wb.addWorksheet(translate(locale, 'import.valuesSheet'));
		for (const row of grid.rows) sheet.addRow(row.map((c) => (c !== null && typeof c === 'object' ? null : c)));
	}
	const width = Math.max(...grid.rows.map((r) => r.length), 1);
	const errorColumn = width + 1;
	sheet.getRow(1).getCell(errorColumn).value = translate(locale, 'import.errorsColumn');
	sheet.getRow(1).getCell(errorColumn).font = { bold: true, color: { argb: 'FF9C0006' } };
	sheet.getColumn(errorColumn).width = 60;
	for (const row of rows) {
		if (row.errors.length === 0) continue;
		const byColumn = new Map<number, string[]>();
		for (const e of row.errors) {
			const c = (columns[e.column] ?? width) + 1;
			byColumn.set(c, [...(byColumn.get(c) ?? []), e.message]);
		}
		for (const [c, messages] of byColumn) {
			const cell = sheet.getRow(row.line).getCell(c);
			cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: RED } };
			cell.note = messages.join('\n');
		}
		const summary = sheet.getRow(row.line).getCell(errorColumn);
		summary.value = row.errors.map((e) => e.message).join(' · ');
		summary.font = { color: { argb: 'FF9C0006' } };
	}
	compactDataValidations(wb);
	return Buffer.from(await wb.xlsx.writeBuffer());
}
