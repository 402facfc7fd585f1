import ExcelJS from 'exceljs';
import { compactDataValidations } from './data-validations';
import type { z } from 'zod';
import { translate, translateDynamic, type MessageKey } from '$lib/i18n/translate';
import { fallingMilestones, splitExceedsTotal } from '$lib/milestone-rules';
import { otherLocale, translationKey, translationLanguage } from '$lib/content-language';
import {
	ACTIVITY_STATUSES,
	AGGREGATIONS,
	DIRECTIONS,
	FREQUENCIES,
	MEASURES,
	type Indicator,
	type Locale,
	type Programme,
	type ReportingPeriod
} from '$lib/model';
import type { Executor } from '../db/executor';
import { DomainValidationError } from '../core/errors';
import { loadTranslations } from '../core/translations';
import { issueMessage } from '../core/validation';
import {
	activitySchema,
	checkActivityDates,
	moduleSchema,
	outputSchema,
	type ActivityInput,
	type ModuleInput
} from '../programmes/logframe';
import { toActivity, toModule, toOutput, toPeriod } from '../programmes/programmes';
import {
	indicatorSchema,
	indicatorSchemaKeepingBlankTarget,
	targetsSchema,
	toIndicator,
	type IndicatorInput,
	type TargetInput
} from '../results/indicators';
import { fileKindOf, gridOf, ImportRefusal, loadWorkbook, sha256Hex, type Cell, type Grid } from './import-file';
import { mapHeaders, META_SHEET, readNumber, readText, templateMeta } from './import-values';
import { addInstructions, choiceMessage, enumLabel } from './import-instructions';

// The logframe import (issue 13 item 3): modules, outputs, activities and indicators (reference
// sheet, baseline, end target, a milestone per period) from one workbook. Every row is checked by
// the schema of the form that edits it (programmes/logframe.ts, results/indicators.ts) and by the
// rules their saves apply (activity dates within the programme, a reason for a changed baseline,
// target or milestone, locked periods keep their milestones). Rows are matched by code; nothing is
// deleted. The writes are the owning domains' own functions, composed by the http layer.

export const LOGFRAME_TEMPLATE = 'avance-logframe';
export const LOGFRAME_TEMPLATE_VERSION = 1;

/**
 * The indicator library's codes (issue 25), given by the caller from the library domain: the
 * entries by code (normalised) and each indicator's current link.
 */
export interface LibraryCodes {
	ids: Map<string, number>;
	linked: Map<number, string>;
}

export const LOGFRAME_SHEETS = ['modules', 'outputs', 'activities', 'indicators'] as const;
export type LogframeSheet = (typeof LOGFRAME_SHEETS)[number];

const COLUMNS = {
	modules: ['code', 'title', 'objective'],
	outputs: ['module', 'code', 'title', 'description'],
	activities: ['output', 'code', 'title', 'plannedStart', 'plannedEnd', 'status', 'progress', 'responsible'],
	indicators: [
		'module',
		'output',
		'code',
		'title',
		'definition',
		'unit',
		'measure',
		'direction',
		'aggregation',
		'baselineValue',
		'baselineDate',
		'baselineNote',
		'targetValue',
		'meansOfVerification',
		'frequency',
		'responsible',
		'disaggregatedBySex',
		'decimals',
		'reason',
		// Issue 25: the code of the indicator library entry the indicator measures (blank: no link).
		'libraryCode',
		// Issue 22: the key flag, the framework codes and the texts in the other language.
		'isKey',
		'sdgTarget',
		'iloOutcome',
		'euLogframeCode',
		'titleEn',
		'definitionEn',
		'unitEn',
		'titleEs',
		'definitionEs',
		'unitEs'
	]
} as const satisfies Record<LogframeSheet, readonly string[]>;
const REQUIRED: Record<LogframeSheet, readonly string[]> = {
	modules: ['code', 'title'],
	outputs: ['module', 'code', 'title'],
	activities: ['output', 'code', 'title'],
	// Direction only where the measure has one (number, percentage): checked by row.
	indicators: ['code', 'title', 'measure', 'aggregation', 'frequency']
};
/** Per language, the columns that carry its texts (the template has the other language's only). */
const TEXT_COLUMNS = {
	en: { title: 'titleEn', definition: 'definitionEn', unit: 'unitEn' },
	es: { title: 'titleEs', definition: 'definitionEs', unit: 'unitEs' }
} as const satisfies Record<Locale, Record<'title' | 'definition' | 'unit', string>>;
/** The list columns, with the prefix of their labels. */
const ENUMS: Record<string, { values: readonly string[]; prefix: string }> = {
	status: { values: ACTIVITY_STATUSES, prefix: 'activityStatus.' },
	measure: { values: MEASURES, prefix: 'measure.' },
	direction: { values: DIRECTIONS, prefix: 'direction.' },
	aggregation: { values: AGGREGATIONS, prefix: 'aggregation.' },
	frequency: { values: FREQUENCIES, prefix: 'frequency.' }
};
const PREFIX = 'import.col.lf.';
const NUMBER_COLUMNS = new Set(['progress', 'baselineValue', 'targetValue', 'decimals']);
/** Columns of codes, written as text cells ("@") so a spreadsheet keeps "8.10" and "1.10" as typed. */
const CODE_COLUMNS = new Set(['module', 'output', 'code', 'libraryCode', 'sdgTarget', 'iloOutcome', 'euLogframeCode']);
const DATE_COLUMNS = new Set(['plannedStart', 'plannedEnd', 'baselineDate']);

const normalise = (s: string) => s.normalize('NFC').trim().toLowerCase();
const sheetTitle = (locale: Locale, sheet: LogframeSheet) => translateDynamic(locale, `import.logframe.sheet.${sheet}`);

export interface LogframeRowReport {
	sheet: LogframeSheet;
	line: number;
	code: string;
	title: string;
	action: 'create' | 'update' | 'unchanged' | 'refused';
	errors: { column: string; message: string }[];
}

export interface LogframePreview {
	sha256: string;
	fileName: string;
	counts: { create: number; update: number; unchanged: number; refused: number };
	rows: LogframeRowReport[];
}

interface Op<I> {
	report: LogframeRowReport;
	id: number | null;
	version: number | null;
	input: I;
}

/** What confirm writes, in order: parents first, each referring to its parent by code. */
export interface LogframePlan {
	modules: Op<ModuleInput>[];
	outputs: (Op<Omit<z.output<typeof outputSchema>, 'moduleId'>> & { moduleCode: string })[];
	activities: (Op<Omit<ActivityInput, 'outputId'>> & { outputCode: string })[];
	indicators: (Op<IndicatorInput> & {
		moduleCode: string | null;
		outputCode: string | null;
		targets: TargetInput[];
		targetReason: string;
		/** The library entry to link (null: unlink); undefined when the file has no library column. */
		libraryIndicatorId?: number | null;
		/** The texts in the other language the file carries (a blank one removes the translation). */
		translations?: { locale: Locale; texts: Partial<Record<'title' | 'definition' | 'unit', string>> };
	})[];
	/** The programme's existing records by code (normalised), for the parents rows refer to. */
	moduleIds: Map<string, number>;
	outputIds: Map<string, number>;
}

async function existing(db: Executor, programme: Programme) {
	const [modules, outputs, activities, indicators, periods, targets] = await Promise.all([
		db.selectFrom('module').selectAll().where('programme_id', '=', programme.id).orderBy('sort_order').execute(),
		db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.selectAll('output')
			.select('module.code as module_code')
			.where('module.programme_id', '=', programme.id)
			.orderBy('module.sort_order')
			.orderBy('output.sort_order')
			.execute(),
		db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.selectAll('activity')
			.select('output.code as output_code')
			.where('module.programme_id', '=', programme.id)
			.orderBy('module.sort_order')
			.orderBy('output.sort_order')
			.orderBy('activity.sort_order')
			.execute(),
		db.selectFrom('indicator').selectAll().where('programme_id', '=', programme.id).orderBy('sort_order').orderBy('id').execute(),
		db.selectFrom('reporting_period').selectAll().where('programme_id', '=', programme.id).orderBy('start_date').execute(),
		db
			.selectFrom('indicator_target')
			.innerJoin('indicator', 'indicator.id', 'indicator_target.indicator_id')
			.selectAll('indicator_target')
			.where('indicator.programme_id', '=', programme.id)
			.execute()
	]);
	return {
		modules: modules.map(toModule),
		outputs: outputs.map((o) => ({ ...toOutput(o), moduleCode: o.module_code })),
		activities: activities.map((a) => ({ ...toActivity(a), outputCode: a.output_code })),
		indicators: indicators.map(toIndicator),
		periods: periods.map(toPeriod),
		targets
	};
}

// ---- the template ------------------------------------------------------------------------------

const listOf = (values: readonly string[]): ExcelJS.DataValidation => ({
	type: 'list',
	allowBlank: true,
	formulae: [`"${values.join(',')}"`],
	showErrorMessage: true
});

/** The language whose texts the template's translation columns carry. */

/**
 * The workbook with the programme's logframe as it stands (so a growing programme adds rows), its
 * periods as milestone columns (then women and men per period), list cells in the reader's
 * language, and an instructions sheet.
 */
export async function logframeTemplate(db: Executor, programme: Programme, locale: Locale, library: LibraryCodes): Promise<Buffer> {
	const data = await existing(db, programme);
	const other = translationLanguage(programme);
	const translations = await loadTranslations(db, programme.id, other);
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Avance';
	// Columns are read by their headers; the columns added since the first version go after the
	// period columns, so the columns of files made before them keep their places.
	const TRAILING = new Set<string>(COLUMNS.indicators.slice(COLUMNS.indicators.indexOf('libraryCode')));
	const otherTexts = new Set<string>(Object.values(TEXT_COLUMNS[otherLocale(other)]));
	const label = (prefix: string, value: string) => enumLabel(locale, prefix, value);
	const yes = translate(locale, 'import.yes');
	const no = translate(locale, 'import.no');
	const add = (sheet: LogframeSheet, extra: string[] = [], after: string[] = []) => {
		const ws = wb.addWorksheet(sheetTitle(locale, sheet), { views: [{ state: 'frozen', ySplit: 1 }] });
		const column = (key: string) => ({
			header: translateDynamic(locale, `${PREFIX}${key}`),
			key,
			width: key === 'title' || key === 'definition' || key === 'titleEn' || key === 'titleEs' ? 45 : 16,
			// Codes are text: "8.10" typed in a General cell becomes the number 8.1 (issue 22).
			...(CODE_COLUMNS.has(key) ? { style: { numFmt: '@' } } : {})
		});
		const keys = (COLUMNS[sheet] as readonly string[]).filter((k) => !otherTexts.has(k));
		ws.columns = [
			...keys.filter((k) => !TRAILING.has(k)).map(column),
			...extra.map((label) => ({ header: label, key: `period:${label}`, width: 12 })),
			...keys.filter((k) => TRAILING.has(k)).map(column),
			...after.map((header) => ({ header, key: header, width: 14 }))
		];
		ws.getRow(1).font = { bold: true };
		return ws;
	};
	const modules = add('modules');
	for (const m of data.modules) modules.addRow({ code: m.code, title: m.title, objective: m.objective });
	const outputs = add('outputs');
	for (const o of data.outputs) outputs.addRow({ module: o.moduleCode, code: o.code, title: o.title, description: o.description });
	const activities = add('activities');
	for (const a of data.activities) {
		activities.addRow({
			output: a.outputCode,
			code: a.code,
			title: a.title,
			plannedStart: a.plannedStart,
			plannedEnd: a.plannedEnd,
			status: label('activityStatus.', a.status),
			progress: a.progress,
			responsible: a.responsible
		});
	}
	const women = (p: string) => translate(locale, 'import.lf.periodWomen', { period: p });
	const men = (p: string) => translate(locale, 'import.lf.periodMen', { period: p });
	const indicators = add(
		'indicators',
		data.periods.map((p) => p.label),
		data.periods.flatMap((p) => [women(p.label), men(p.label)])
	);
	const moduleCode = new Map(data.modules.map((m) => [m.id, m.code]));
	const outputCode = new Map(data.outputs.map((o) => [o.id, o.code]));
	const periodLabel = new Map(data.periods.map((p) => [p.id, p.label]));
	const targets = new Map<number, Record<string, number | null>>();
	for (const t of data.targets) {
		const p = periodLabel.get(t.period_id)!;
		targets.set(t.indicator_id, { ...targets.get(t.indicator_id), [`period:${p}`]: t.value, [women(p)]: t.women, [men(p)]: t.men });
	}
	const texts = TEXT_COLUMNS[other];
	for (const i of data.indicators) {
		const translated = (field: 'title' | 'definition' | 'unit') => translations.get(translationKey('indicator', i.id, field)) ?? null;
		indicators.addRow({
			module: i.outputId ? null : i.moduleId ? moduleCode.get(i.moduleId) : null,
			output: i.outputId ? outputCode.get(i.outputId) : null,
			code: i.code,
			title: i.title,
			definition: i.definition,
			unit: i.unit,
			measure: label('measure.', i.measure),
			// Milestones and qualitative indicators have no direction to give.
			direction: i.measure === 'milestone' || i.measure === 'qualitative' ? null : label('direction.', i.direction),
			aggregation: label('aggregation.', i.aggregation),
			baselineValue: i.baselineValue,
			baselineDate: i.baselineDate,
			baselineNote: i.baselineNote,
			targetValue: i.targetValue,
			meansOfVerification: i.meansOfVerification,
			frequency: label('frequency.', i.frequency),
			responsible: i.responsible,
			disaggregatedBySex: i.disaggregatedBySex ? yes : no,
			decimals: i.decimals,
			reason: null,
			libraryCode: library.linked.get(i.id) ?? null,
			isKey: i.isKey ? yes : no,
			sdgTarget: i.sdgTarget || null,
			iloOutcome: i.iloOutcome || null,
			euLogframeCode: i.euLogframeCode || null,
			[texts.title]: translated('title'),
			[texts.definition]: translated('definition'),
			[texts.unit]: translated('unit'),
			...targets.get(i.id)
		});
	}
	// Room for the rows a growing programme adds, read once per sheet before any getCell (which
	// adds rows: read per column, each column reached 200 rows further than the one before).
	const room = new Map([activities, indicators].map((ws) => [ws, ws.rowCount + 200] as const));
	const validate = (ws: ExcelJS.Worksheet, key: string, rule: ExcelJS.DataValidation) => {
		const col = ws.getColumn(key).number;
		const last = room.get(ws)!;
		for (let r = 2; r <= last; r++) ws.getCell(r, col).dataValidation = rule;
	};
	const labels = (key: keyof typeof ENUMS) => ENUMS[key]!.values.map((v) => label(ENUMS[key]!.prefix, v));
	validate(activities, 'status', listOf(labels('status')));
	for (const key of ['measure', 'direction', 'aggregation', 'frequency'] as const) validate(indicators, key, listOf(labels(key)));
	validate(indicators, 'disaggregatedBySex', listOf([yes, no]));
	validate(indicators, 'isKey', listOf([yes, no]));

	const header = (key: string) => translateDynamic(locale, `${PREFIX}${key}`);
	addInstructions(wb, locale, translate(locale, 'import.instructions.logframe'), [
		...(['measure', 'direction', 'aggregation', 'frequency'] as const).map((k) => ({ column: header(k), values: labels(k) })),
		{ column: header('status'), values: labels('status') },
		{ column: `${header('disaggregatedBySex')}, ${header('isKey')}`, values: [yes, no] }
	]);
	const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
	meta.addRows([
		['template', LOGFRAME_TEMPLATE],
		['version', LOGFRAME_TEMPLATE_VERSION],
		['programme', programme.code],
		...LOGFRAME_SHEETS.map((s) => [`sheet.${s}`, sheetTitle(locale, s)])
	]);
	compactDataValidations(wb);
	return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- reading and checking ----------------------------------------------------------------------

const YES = new Set(['yes', 'sí', 'si', '1', 'true', 'x']);
const NO = new Set(['no', '0', 'false', '']);

/** An enum cell: the key itself or its label in either language ("Número", "number"). */
function enumValue(values: readonly string[], prefix: string, text: string): string {
	const t = normalise(text);
	for (const v of values) {
		if (t === v || t === normalise(translateDynamic('es', `${prefix}${v}`)) || t === normalise(translateDynamic('en', `${prefix}${v}`)))
			return v;
	}
	return text;
}

function sameOrBlank(a: unknown, b: unknown) {
	return (a ?? '') === (b ?? '');
}

/**
 * Reads and checks a logframe workbook: a verdict per row (new, update, unchanged, refused with
 * every error by column), and the plan confirm writes. Writes nothing.
 */
export async function checkLogframeFile(
	db: Executor,
	programme: Programme,
	locale: Locale,
	file: { bytes: Buffer; fileName: string },
	library: LibraryCodes
): Promise<{ preview: LogframePreview; plan: LogframePlan }> {
	if (fileKindOf(file.bytes, file.fileName) !== 'xlsx') throw new ImportRefusal('import.notWorkbook');
	const wb = await loadWorkbook(file.bytes);
	const meta = templateMeta(wb);
	if (!meta || meta.get('template') !== LOGFRAME_TEMPLATE) throw new ImportRefusal('import.notTemplate');
	if (meta.get('version') !== String(LOGFRAME_TEMPLATE_VERSION))
		throw new ImportRefusal('import.wrongVersion', { version: meta.get('version') ?? '?' });
	if (meta.get('programme') !== programme.code) throw new ImportRefusal('import.otherProgramme', { code: meta.get('programme') ?? '?' });
	const grids = {} as Record<LogframeSheet, Grid>;
	for (const s of LOGFRAME_SHEETS) {
		const sheet = wb.getWorksheet(meta.get(`sheet.${s}`) ?? '');
		if (!sheet) throw new ImportRefusal('import.missingHeader', { columns: `${sheetTitle('es', s)} / ${sheetTitle('en', s)}` });
		grids[s] = gridOf(sheet);
	}

	const data = await existing(db, programme);
	const rows: LogframeRowReport[] = [];
	const plan: LogframePlan = {
		modules: [],
		outputs: [],
		activities: [],
		indicators: [],
		moduleIds: new Map(data.modules.map((m) => [normalise(m.code), m.id])),
		outputIds: new Map(data.outputs.map((o) => [normalise(o.code), o.id]))
	};

	/** The columns each sheet has (an older file may lack an optional one, which then changes nothing). */
	const present = {} as Record<LogframeSheet, Set<string>>;
	/** The rows of one sheet as text/number values by column key, with cell-level errors. */
	function readSheet(sheet: LogframeSheet, extra: (header: Cell) => string | null = () => null) {
		const grid = grids[sheet];
		if (grid.rows.length === 0) return [];
		const columns = mapHeaders(grid.rows[0]!, COLUMNS[sheet] as readonly string[], REQUIRED[sheet], PREFIX);
		present[sheet] = new Set(Object.keys(columns));
		const extras = new Map<number, string>();
		grid.rows[0]!.forEach((h, i) => {
			const key = extra(h);
			if (key) extras.set(i, key);
		});
		const out: { report: LogframeRowReport; values: Record<string, unknown>; extras: Map<string, unknown> }[] = [];
		grid.rows.forEach((row, index) => {
			if (index === 0 || row.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) return;
			const report: LogframeRowReport = { sheet, line: index + 1, code: '', title: '', action: 'refused', errors: [] };
			const values: Record<string, unknown> = {};
			for (const key of COLUMNS[sheet]) {
				const i = (columns as Record<string, number | undefined>)[key];
				const cell: Cell = i === undefined ? null : (row[i] ?? null);
				if (DATE_COLUMNS.has(key) && cell && typeof cell === 'object' && cell.bad === 'date') {
					values[key] = cell.iso;
					continue;
				}
				const read = NUMBER_COLUMNS.has(key) ? readNumber(cell, 'xlsx', '.') : readText(cell);
				if (!read.ok) report.errors.push({ column: key, message: translateDynamic(locale, read.key) });
				else values[key] = read.value;
			}
			const extraValues = new Map<string, unknown>();
			for (const [i, key] of extras) {
				const read = readNumber(row[i] ?? null, 'xlsx', '.');
				if (!read.ok) report.errors.push({ column: key, message: translateDynamic(locale, read.key) });
				else if (read.value !== undefined) extraValues.set(key, read.value);
			}
			report.code = String(values.code ?? '').trim();
			report.title = String(values.title ?? '').trim();
			rows.push(report);
			out.push({ report, values, extras: extraValues });
		});
		return out;
	}

	const yesNo = [translate(locale, 'import.yes'), translate(locale, 'import.no')];
	/** A list cell's error names the options (in the reader's language, with their codes). */
	const messageOf = (field: string, issue: z.core.$ZodIssue) =>
		issue.message !== 'validation.choice'
			? issueMessage(issue, locale)
			: ENUMS[field]
				? choiceMessage(locale, ENUMS[field].values, ENUMS[field].prefix)
				: choiceMessage(locale, yesNo, null);
	const zodErrors = (report: LogframeRowReport, error: z.ZodError, column: (field: string) => string = (f) => f) => {
		for (const issue of error.issues) {
			const field = String(issue.path[0] ?? 'code');
			report.errors.push({ column: column(field), message: messageOf(field, issue) });
		}
	};
	const domainErrors = (report: LogframeRowReport, error: unknown) => {
		if (!(error instanceof DomainValidationError)) throw error;
		for (const [field, { key, params }] of Object.entries(error.fields))
			report.errors.push({ column: field, message: translateDynamic(locale, key, params) });
	};
	const fail = (report: LogframeRowReport, column: string, key: MessageKey, params?: Record<string, string | number>) =>
		report.errors.push({ column, message: translateDynamic(locale, key, params) });
	const seen = (sheet: LogframeSheet) => {
		const codes = new Set<string>();
		return (report: LogframeRowReport, code: string) => {
			if (codes.has(normalise(code))) fail(report, 'code', 'import.logframe.duplicateCode', { code });
			codes.add(normalise(code));
			void sheet;
		};
	};
	const settle = (report: LogframeRowReport, action: 'create' | 'update' | 'unchanged') => {
		report.action = report.errors.length ? 'refused' : action;
		return report.action !== 'refused';
	};

	// Modules.
	const fileModules = new Set<string>();
	const moduleSeen = seen('modules');
	for (const { report, values } of readSheet('modules')) {
		moduleSeen(report, report.code);
		const parsed = moduleSchema.safeParse(values);
		if (!parsed.success) zodErrors(report, parsed.error);
		const before = data.modules.find((m) => normalise(m.code) === normalise(report.code));
		fileModules.add(normalise(report.code));
		const input = parsed.success ? parsed.data : null;
		const same = before && input && before.title === input.title && before.objective === input.objective;
		if (settle(report, before ? (same ? 'unchanged' : 'update') : 'create') && input && report.action !== 'unchanged') {
			plan.modules.push({ report, id: before?.id ?? null, version: before?.version ?? null, input });
		}
	}
	const moduleKnown = (code: string) => fileModules.has(normalise(code)) || plan.moduleIds.has(normalise(code));

	// Outputs: their module is in the file or already in the programme.
	const fileOutputs = new Set<string>();
	const outputSeen = seen('outputs');
	for (const { report, values } of readSheet('outputs')) {
		outputSeen(report, report.code);
		const moduleCode = String(values.module ?? '').trim();
		if (moduleCode && !moduleKnown(moduleCode)) fail(report, 'module', 'import.logframe.unknownParent', { code: moduleCode });
		const parsed = outputSchema.safeParse({ ...values, moduleId: plan.moduleIds.get(normalise(moduleCode)) ?? 1 });
		if (!parsed.success) zodErrors(report, parsed.error, (f) => (f === 'moduleId' ? 'module' : f));
		const before = data.outputs.find((o) => normalise(o.code) === normalise(report.code));
		fileOutputs.add(normalise(report.code));
		const input = parsed.success ? { code: parsed.data.code, title: parsed.data.title, description: parsed.data.description } : null;
		const same =
			before &&
			input &&
			before.title === input.title &&
			before.description === input.description &&
			normalise(before.moduleCode) === normalise(moduleCode);
		if (settle(report, before ? (same ? 'unchanged' : 'update') : 'create') && input && report.action !== 'unchanged') {
			plan.outputs.push({ report, id: before?.id ?? null, version: before?.version ?? null, input, moduleCode });
		}
	}
	const outputKnown = (code: string) => fileOutputs.has(normalise(code)) || plan.outputIds.has(normalise(code));

	// Activities.
	const activitySeen = seen('activities');
	for (const { report, values } of readSheet('activities')) {
		const outputCode = String(values.output ?? '').trim();
		activitySeen(report, `${outputCode}/${report.code}`);
		if (outputCode && !outputKnown(outputCode)) fail(report, 'output', 'import.logframe.unknownParent', { code: outputCode });
		const raw = {
			...values,
			status: values.status ? enumValue(ACTIVITY_STATUSES, 'activityStatus.', String(values.status)) : 'planned',
			progress: values.progress ?? 0,
			outputId: plan.outputIds.get(normalise(outputCode)) ?? 1
		};
		const parsed = activitySchema.safeParse(raw);
		if (!parsed.success) zodErrors(report, parsed.error, (f) => (f === 'outputId' ? 'output' : f));
		else {
			try {
				checkActivityDates(programme, parsed.data);
			} catch (error) {
				domainErrors(report, error);
			}
		}
		const before = data.activities.find(
			(a) => normalise(a.outputCode) === normalise(outputCode) && normalise(a.code) === normalise(report.code)
		);
		const input = parsed.success ? (({ outputId: _o, ...rest }) => rest)(parsed.data) : null;
		const same =
			before &&
			input &&
			// The sheet has no actual dates: they never make a row differ.
			(['title', 'plannedStart', 'plannedEnd', 'status', 'progress', 'responsible'] as const).every((k) =>
				sameOrBlank(before[k], input[k])
			);
		if (input && before) {
			// The sheet has no actual dates: an update keeps the ones recorded in the app.
			input.actualStart = before.actualStart;
			input.actualEnd = before.actualEnd;
		}
		if (settle(report, before ? (same ? 'unchanged' : 'update') : 'create') && input && report.action !== 'unchanged') {
			plan.activities.push({ report, id: before?.id ?? null, version: before?.version ?? null, input, outputCode });
		}
	}

	// Indicators, with a milestone per period column.
	const periodByLabel = new Map(data.periods.map((p) => [normalise(p.label), p]));
	const indicatorSeen = seen('indicators');
	const targetsOf = new Map<number, Map<number, (typeof data.targets)[number]>>();
	for (const t of data.targets) targetsOf.set(t.indicator_id, (targetsOf.get(t.indicator_id) ?? new Map()).set(t.period_id, t));
	// Each period's milestone column, then its women and men columns (headers in either language).
	const extraColumns = new Map<string, string>();
	for (const p of data.periods) {
		extraColumns.set(normalise(p.label), `period:${p.label}`);
		for (const l of ['es', 'en'] as const) {
			extraColumns.set(normalise(translate(l, 'import.lf.periodWomen', { period: p.label })), `women:${p.label}`);
			extraColumns.set(normalise(translate(l, 'import.lf.periodMen', { period: p.label })), `men:${p.label}`);
		}
	}
	const other = translationLanguage(programme);
	const otherTexts = await loadTranslations(db, programme.id, other);
	for (const { report, values, extras } of readSheet('indicators', (h) =>
		typeof h === 'string' ? (extraColumns.get(normalise(h)) ?? null) : null
	)) {
		indicatorSeen(report, report.code);
		const moduleCode = String(values.module ?? '').trim() || null;
		const outputCode = String(values.output ?? '').trim() || null;
		if (outputCode && !outputKnown(outputCode)) fail(report, 'output', 'import.logframe.unknownParent', { code: outputCode });
		else if (!outputCode && moduleCode && !moduleKnown(moduleCode))
			fail(report, 'module', 'import.logframe.unknownParent', { code: moduleCode });
		const before: Indicator | undefined = data.indicators.find((i) => normalise(i.code) === normalise(report.code));
		const bySex = String(values.disaggregatedBySex ?? '')
			.trim()
			.toLowerCase();
		if (!YES.has(bySex) && !NO.has(bySex))
			report.errors.push({ column: 'disaggregatedBySex', message: choiceMessage(locale, yesNo, null) });
		const isKeyText = String(values.isKey ?? '')
			.trim()
			.toLowerCase();
		if (!YES.has(isKeyText) && !NO.has(isKeyText)) report.errors.push({ column: 'isKey', message: choiceMessage(locale, yesNo, null) });
		const has = (column: string) => present.indicators?.has(column) ?? false;
		const measure = enumValue(MEASURES, 'measure.', String(values.measure ?? ''));
		const directionText = String(values.direction ?? '').trim();
		const parent = outputCode
			? `output:${plan.outputIds.get(normalise(outputCode)) ?? 1}`
			: moduleCode
				? `module:${plan.moduleIds.get(normalise(moduleCode)) ?? 1}`
				: 'programme';
		const raw = {
			...values,
			parent,
			measure,
			// A milestone or a qualitative indicator has no direction: a blank keeps the one it has.
			direction:
				directionText === '' && (measure === 'milestone' || measure === 'qualitative')
					? (before?.direction ?? 'increase')
					: enumValue(DIRECTIONS, 'direction.', directionText),
			aggregation: enumValue(AGGREGATIONS, 'aggregation.', String(values.aggregation ?? '')),
			frequency: enumValue(FREQUENCIES, 'frequency.', String(values.frequency ?? '')),
			disaggregatedBySex: YES.has(bySex) ? 'on' : '',
			// What the sheet does not carry (a file made before these columns) stays as it is.
			sdgTarget: has('sdgTarget') ? (values.sdgTarget ?? '') : (before?.sdgTarget ?? ''),
			iloOutcome: has('iloOutcome') ? (values.iloOutcome ?? '') : (before?.iloOutcome ?? ''),
			euLogframeCode: has('euLogframeCode') ? (values.euLogframeCode ?? '') : (before?.euLogframeCode ?? ''),
			isKey: (has('isKey') ? YES.has(isKeyText) : before?.isKey) ? 'on' : '',
			source: before?.source ?? 'manual'
		};
		// A figure indicator recorded without an end target keeps its blank (El Salvador's SV-4):
		// its own exported workbook must read back; a target, once given, cannot be blanked.
		const keepsBlank =
			before !== undefined && before.targetValue === null && (before.measure === 'number' || before.measure === 'percentage');
		const parsed = (keepsBlank ? indicatorSchemaKeepingBlankTarget : indicatorSchema).safeParse(raw);
		if (!parsed.success) zodErrors(report, parsed.error, (f) => (f === 'parent' ? (outputCode ? 'output' : 'module') : f));
		// The library link: a known entry's code, or blank to have none.
		let libraryIndicatorId: number | null | undefined;
		if (present.indicators?.has('libraryCode')) {
			const code = String(values.libraryCode ?? '').trim();
			libraryIndicatorId = code ? (library.ids.get(normalise(code)) ?? null) : null;
			if (code && libraryIndicatorId === null) fail(report, 'libraryCode', 'import.logframe.unknownLibraryCode', { code });
		}
		const linkedNow = before ? (library.ids.get(normalise(library.linked.get(before.id) ?? '')) ?? null) : null;
		const linkChanges = libraryIndicatorId !== undefined && libraryIndicatorId !== linkedNow;
		const input = parsed.success ? parsed.data : null;

		// Milestones: the form's own bounds; a changed one needs the reason, a locked period keeps its own.
		const targets: TargetInput[] = [];
		let altersExisting = false;
		const split = { women: false, men: false };
		for (const k of extras.keys()) if (k.startsWith('women:')) split.women = true;
		for (const k of extras.keys()) if (k.startsWith('men:')) split.men = true;
		if (input && extras.size) {
			const labels = new Set([...extras.keys()].map((k) => k.slice(k.indexOf(':') + 1)));
			const periods = [...labels].map((l) => periodByLabel.get(normalise(l))!) as ReportingPeriod[];
			const shape: Record<string, unknown> = { version: 1, reason: '' };
			for (const p of periods) {
				shape[`target_${p.id}`] = extras.get(`period:${p.label}`);
				shape[`women_${p.id}`] = extras.get(`women:${p.label}`);
				shape[`men_${p.id}`] = extras.get(`men:${p.label}`);
			}
			const t = targetsSchema(periods, input.measure).safeParse(shape);
			if (!t.success) {
				for (const issue of t.error.issues) {
					const field = String(issue.path[0]);
					const id = Number(field.replace(/\D+/g, ''));
					const kind = field.startsWith('women_') ? 'women' : field.startsWith('men_') ? 'men' : 'period';
					report.errors.push({
						column: `${kind}:${data.periods.find((p) => p.id === id)?.label ?? ''}`,
						message: issueMessage(issue, locale)
					});
				}
			} else {
				for (const row of t.data.rows) {
					const old = before ? targetsOf.get(before.id)?.get(row.periodId) : undefined;
					// A file without the women or men columns keeps the split recorded in the app.
					const women = split.women ? row.women : (old?.women ?? null);
					const men = split.men ? row.men : (old?.men ?? null);
					const label = periods.find((p) => p.id === row.periodId)!.label;
					if (!old && row.value === null && women === null && men === null) continue;
					if (old && old.value === row.value && old.women === women && old.men === men) continue;
					// Women and men are checked like a value's (milestone-rules.ts), and need a total.
					if (row.value === null && (women !== null || men !== null)) fail(report, `period:${label}`, 'validation.required');
					const sum = splitExceedsTotal(input.measure, { value: row.value, women, men });
					if (sum !== null) fail(report, `women:${label}`, 'milestone.splitExceeds', { total: row.value!, sum });
					if (periods.find((p) => p.id === row.periodId)?.locked) {
						fail(report, `period:${label}`, 'periods.locked');
						continue;
					}
					if (old) altersExisting = true;
					targets.push({ periodId: row.periodId, value: row.value, women, men });
				}
				// A running total that falls is refused as the targets form refuses it (milestone-rules.ts,
				// the one home of the rule); a file has no confirm box, so the form is the place to confirm.
				if (targets.length) {
					const stored = new Map(before ? [...(targetsOf.get(before.id)?.values() ?? [])].map((o) => [o.period_id, o.value]) : []);
					const series = new Map<number, number | null>(stored);
					for (const row of targets) series.set(row.periodId, row.value);
					const startOf = new Map(data.periods.map((p) => [p.id, p.startDate]));
					const falling = (m: Map<number, number | null>) =>
						fallingMilestones(
							input,
							[...m].map(([periodId, value]) => ({ periodId, startDate: startOf.get(periodId) ?? '', value }))
						);
					// A fall confirmed earlier on the form is not blamed on the file.
					const already = new Set(falling(stored));
					for (const periodId of falling(series))
						if (!already.has(periodId))
							fail(report, `period:${data.periods.find((p) => p.id === periodId)?.label ?? ''}`, 'milestone.falling');
				}
			}
		}
		// The texts in the other language: a column the file carries sets them (blank removes one).
		const textColumns = TEXT_COLUMNS[other];
		const translationTexts: Partial<Record<'title' | 'definition' | 'unit', string>> = {};
		let textsChange = false;
		for (const field of ['title', 'definition', 'unit'] as const) {
			if (!has(textColumns[field])) continue;
			const text = String(values[textColumns[field]] ?? '').trim();
			translationTexts[field] = text;
			const now = before ? (otherTexts.get(translationKey('indicator', before.id, field)) ?? '') : '';
			if (text !== now) textsChange = true;
		}
		if (translationTexts.title && translationTexts.title.length > 500) fail(report, textColumns.title, 'validation.tooLong', { max: 500 });
		let same = false;
		if (input && before) {
			const touches = (['baselineValue', 'baselineDate', 'targetValue'] as const).some((f) => before[f] !== input[f]);
			if ((touches || altersExisting) && !input.reason) fail(report, 'reason', 'validation.reasonRequired');
			const parentSame = outputCode
				? before.outputId === plan.outputIds.get(normalise(outputCode))
				: moduleCode
					? !before.outputId && before.moduleId === plan.moduleIds.get(normalise(moduleCode))
					: !before.moduleId;
			same =
				parentSame &&
				targets.length === 0 &&
				!linkChanges &&
				!textsChange &&
				before.isKey === input.isKey &&
				sameOrBlank(before.sdgTarget, input.sdgTarget) &&
				sameOrBlank(before.iloOutcome, input.iloOutcome) &&
				sameOrBlank(before.euLogframeCode, input.euLogframeCode) &&
				(
					[
						'title',
						'definition',
						'unit',
						'measure',
						'direction',
						'aggregation',
						'baselineValue',
						'baselineDate',
						'baselineNote',
						'targetValue',
						'meansOfVerification',
						'frequency',
						'responsible',
						'disaggregatedBySex'
					] as const
				).every((k) => sameOrBlank(before[k], input[k])) &&
				(input.decimals === null || input.decimals === before.decimals);
		}
		if (settle(report, before ? (same ? 'unchanged' : 'update') : 'create') && input && report.action !== 'unchanged') {
			plan.indicators.push({
				report,
				id: before?.id ?? null,
				version: before?.version ?? null,
				input,
				moduleCode,
				outputCode,
				targets,
				targetReason: input.reason,
				libraryIndicatorId,
				translations: Object.keys(translationTexts).length ? { locale: other, texts: translationTexts } : undefined
			});
		}
	}

	const count = (a: LogframeRowReport['action']) => rows.filter((r) => r.action === a).length;
	return {
		preview: {
			sha256: sha256Hex(file.bytes),
			fileName: file.fileName,
			counts: { create: count('create'), update: count('update'), unchanged: count('unchanged'), refused: count('refused') },
			rows
		},
		plan
	};
}

export const logframeSheetTitle = sheetTitle;
