import { MAX_AMOUNT_MINOR, readAmountText } from '$lib/finance-rules';
import { formatMoney } from '$lib/i18n/format';
import { translateDynamic, type MessageKey } from '$lib/i18n/translate';
import type { IsoDate, Locale, Programme } from '$lib/model';
import { isValidIsoDate, optionalText, issueMessage } from '../core/validation';
import type { Executor } from '../db/executor';
import { csvGrid, fileKindOf, gridOf, ImportRefusal, loadWorkbook, sha256Hex, type Cell, type FileKind } from './import-file';
import { mapHeaders, readText } from './import-values';

// The import of expenditure from a finance export (issue 20 item 2): a CSV or workbook with, per
// row, a budget-line code, a date or a reporting period, an amount and an optional description.
// It is not one of our templates (a ledger export has its own layout), so the columns are found
// by their header, in Spanish or English. Every row is checked here (unknown line, a period of
// another programme or locked, a date outside the programme, a formula or text in the amount, a
// currency other than the programme's) and the whole file is all-or-nothing: one refused row and
// nothing is written. This module writes nothing; the caller (http layer) saves the rows through
// finance/expenditure.ts in the same transaction as the import's audit row.

export const EXPENDITURE_COLUMNS = ['programme', 'line', 'date', 'period', 'amount', 'currency', 'description'] as const;
export type ExpenditureColumn = (typeof EXPENDITURE_COLUMNS)[number];
const REQUIRED: ExpenditureColumn[] = ['line', 'amount'];
export const EXPENDITURE_HEADER_PREFIX = 'finance.import.col.';
/**
 * Other headers a ledger export uses for a column, besides its name in either language: the issue
 * calls the line's column "budget-line code", and Latin American ledgers write "monto". A missing
 * column's message lists these too, so the user knows what is accepted.
 */
export const EXPENDITURE_HEADER_ALIASES: Partial<Record<ExpenditureColumn, readonly string[]>> = {
	line: ['code', 'código', 'budget line code', 'código de línea presupuestaria'],
	amount: ['monto']
};
/** Good rows shown in the preview besides every refused one (a 5,000-row file does not go to the browser whole). */
export const PREVIEW_GOOD_ROWS = 100;

const normalise = (s: string) => s.normalize('NFC').trim().toLowerCase();
const descriptionSchema = optionalText(500);

export interface ExpenditureCellError {
	column: ExpenditureColumn;
	message: string;
}

export interface ExpenditureRowReport {
	line: number;
	code: string;
	period: string;
	spentOn: IsoDate | null;
	/** Minor units; null when the amount could not be read. */
	amountMinor: number | null;
	description: string;
	errors: ExpenditureCellError[];
}

export interface ExpenditureRow {
	budgetLineId: number;
	periodId: number;
	amountMinor: number;
	spentOn: IsoDate | null;
	note: string;
	/** The row of the file it came from (for the audit record). */
	line: number;
}

export interface ExpenditurePreview {
	sha256: string;
	fileName: string;
	kind: FileKind;
	currency: string;
	counts: { rows: number; good: number; refused: number; empty: number; refunds: number };
	/** Sum of the good rows, minor units. */
	totalMinor: number;
	/** Per budget line: the good rows' sum (what the import would add). */
	byLine: { code: string; rows: number; totalMinor: number }[];
	/** Every refused row, then the first good ones. */
	rows: ExpenditureRowReport[];
}

export interface ExpenditureCheck {
	preview: ExpenditurePreview;
	/** The rows to write; empty unless every row passed (all or nothing). */
	rows: ExpenditureRow[];
}

interface Period {
	id: number;
	label: string;
	start_date: string;
	end_date: string;
	locked: number;
}

/** A date cell of a workbook, or a text as YYYY-MM-DD or DD/MM/YYYY (how Spanish-language ledgers write it). */
function readDate(cell: Cell): { ok: true; value: IsoDate | null } | { ok: false; key: MessageKey } {
	if (cell === null) return { ok: true, value: null };
	if (typeof cell === 'object') {
		if (cell.bad === 'date' && cell.iso) return { ok: true, value: cell.iso as IsoDate };
		return { ok: false, key: cell.bad === 'formula' ? 'import.formulaCell' : 'finance.import.badDate' };
	}
	if (typeof cell === 'number') return { ok: false, key: 'finance.import.badDate' };
	const s = cell.trim();
	if (!s) return { ok: true, value: null };
	let iso = s;
	const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
	if (dmy) iso = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
	return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isValidIsoDate(iso)
		? { ok: true, value: iso as IsoDate }
		: { ok: false, key: 'finance.import.badDate' };
}

/** An amount: a number cell (read through its shortest decimal text, so 0.1 + 0.2 is refused, not rounded) or a text the rules' parser reads exactly. */
function readAmount(
	cell: Cell
): { ok: true; value: number | null } | { ok: false; key: MessageKey; params?: Record<string, string | number> } {
	if (cell === null) return { ok: true, value: null };
	if (typeof cell === 'object') {
		const key: Record<string, MessageKey> = {
			formula: 'import.formulaCell',
			date: 'import.dateCell',
			merged: 'import.mergedCell',
			error: 'import.badCell',
			boolean: 'import.badCell'
		};
		return { ok: false, key: key[cell.bad]! };
	}
	if (typeof cell === 'string' && cell.trim() === '') return { ok: true, value: null };
	const read = readAmountText(typeof cell === 'number' ? String(cell) : cell);
	if (read === 'range') return { ok: false, key: 'finance.import.amountOutOfRange' };
	return read === 'format' || read === null ? { ok: false, key: 'finance.import.badAmount' } : { ok: true, value: read };
}

/**
 * Reads and checks an uploaded expenditure file for this programme. Refuses the whole file
 * (ImportRefusal) when it is not a CSV or workbook, breaks a limit, lacks a header or names
 * another programme; otherwise answers every row with its errors by column. Writes nothing.
 */
export async function checkExpenditureFile(
	db: Executor,
	programme: Programme,
	locale: Locale,
	file: { bytes: Buffer; fileName: string }
): Promise<ExpenditureCheck> {
	const kind = fileKindOf(file.bytes, file.fileName);
	const sha256 = sha256Hex(file.bytes);
	let grid;
	if (kind === 'csv') grid = csvGrid(file.bytes);
	else {
		const workbook = await loadWorkbook(file.bytes);
		const sheet = workbook.worksheets.find((s) => s.state === 'visible');
		if (!sheet) throw new ImportRefusal('import.notWorkbook');
		grid = gridOf(sheet);
	}
	const label = (c: ExpenditureColumn) => translateDynamic(locale, `${EXPENDITURE_HEADER_PREFIX}${c}`);
	if (grid.rows.length === 0) throw new ImportRefusal('import.missingHeader', { columns: REQUIRED.map(label).join(', ') });
	const columns = mapHeaders(grid.rows[0]!, EXPENDITURE_COLUMNS, REQUIRED, EXPENDITURE_HEADER_PREFIX, EXPENDITURE_HEADER_ALIASES);
	if (columns.date === undefined && columns.period === undefined)
		throw new ImportRefusal('import.missingHeader', { columns: `${label('date')} / ${label('period')}` });
	const at = (row: Cell[], c: ExpenditureColumn): Cell => (columns[c] === undefined ? null : (row[columns[c]!] ?? null));

	// Another programme's export: the whole file goes back, as for the values.
	for (const row of grid.rows.slice(1)) {
		const code = at(row, 'programme');
		if (typeof code === 'string' && code.trim() !== '' && normalise(code) !== normalise(programme.code))
			throw new ImportRefusal('import.otherProgramme', { code: code.trim() });
	}

	const [lineRows, periodRows] = await Promise.all([
		db.selectFrom('budget_line').select(['id', 'code']).where('programme_id', '=', programme.id).execute(),
		db
			.selectFrom('reporting_period')
			.select(['id', 'label', 'start_date', 'end_date', 'locked'])
			.where('programme_id', '=', programme.id)
			.orderBy('start_date')
			.execute()
	]);
	const lines = new Map(lineRows.map((l) => [normalise(l.code), l]));
	const periodsByLabel = new Map(periodRows.map((p) => [normalise(p.label), p as Period]));
	const periodOn = (date: IsoDate) => periodRows.find((p) => p.start_date <= date && date <= p.end_date) as Period | undefined;

	const reports: ExpenditureRowReport[] = [];
	const good: ExpenditureRow[] = [];
	let empty = 0;
	grid.rows.forEach((row, index) => {
		if (index === 0) return;
		if (row.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) {
			empty++;
			return;
		}
		const errors: ExpenditureCellError[] = [];
		const fail = (column: ExpenditureColumn, key: MessageKey, params?: Record<string, string | number>) =>
			errors.push({ column, message: translateDynamic(locale, key, params) });

		const codeRead = readText(at(row, 'line'));
		const code = codeRead.ok ? String(codeRead.value).trim() : '';
		const budgetLine = code ? lines.get(normalise(code)) : undefined;
		if (!codeRead.ok) fail('line', codeRead.key);
		else if (!code) fail('line', 'validation.required');
		else if (!budgetLine) fail('line', 'finance.import.unknownLine', { code });

		const dateRead = readDate(at(row, 'date'));
		const spentOn = dateRead.ok ? dateRead.value : null;
		if (!dateRead.ok) fail('date', dateRead.key);
		const periodRead = readText(at(row, 'period'));
		const periodLabel = periodRead.ok ? String(periodRead.value).trim() : '';
		if (!periodRead.ok) fail('period', periodRead.key);
		let period: Period | undefined;
		if (periodLabel) {
			period = periodsByLabel.get(normalise(periodLabel));
			if (!period) fail('period', 'import.unknownPeriod', { period: periodLabel });
		}
		if (spentOn) {
			if (spentOn < programme.startDate || spentOn > programme.effectiveEndDate)
				fail('date', 'finance.import.dateOutside', { start: programme.startDate, end: programme.effectiveEndDate });
			else {
				const dated = periodOn(spentOn);
				if (!dated) fail('date', 'finance.import.noPeriodOn', { date: spentOn });
				else if (period && period.id !== dated.id) fail('date', 'finance.import.dateNotInPeriod', { period: period.label });
				else period = dated;
			}
		} else if (dateRead.ok && periodRead.ok && !periodLabel)
			fail(columns.period === undefined ? 'date' : 'period', 'finance.import.noWhen');
		if (period?.locked) fail(columns.period !== undefined && periodLabel ? 'period' : 'date', 'finance.periodLocked');

		const amountRead = readAmount(at(row, 'amount'));
		const amountMinor = amountRead.ok ? amountRead.value : null;
		if (!amountRead.ok)
			fail('amount', amountRead.key, {
				max: formatMoney(locale, MAX_AMOUNT_MINOR, programme.currency),
				min: formatMoney(locale, -MAX_AMOUNT_MINOR, programme.currency)
			});
		else if (amountMinor === null) fail('amount', 'validation.required');

		const currencyRead = readText(at(row, 'currency'));
		if (!currencyRead.ok) fail('currency', currencyRead.key);
		else {
			const currency = String(currencyRead.value).trim();
			if (currency && currency.toUpperCase() !== programme.currency.toUpperCase())
				fail('currency', 'finance.import.otherCurrency', { currency, expected: programme.currency });
		}

		let description = '';
		const descriptionRead = readText(at(row, 'description'));
		if (!descriptionRead.ok) fail('description', descriptionRead.key);
		else {
			const parsed = descriptionSchema.safeParse(descriptionRead.value);
			if (parsed.success) description = parsed.data;
			else errors.push({ column: 'description', message: issueMessage(parsed.error.issues[0]!, locale) });
		}

		reports.push({
			line: index + 1,
			code: budgetLine?.code ?? code,
			period: period?.label ?? periodLabel,
			spentOn,
			amountMinor,
			description,
			errors
		});
		if (errors.length === 0 && budgetLine && period && amountMinor !== null)
			good.push({ budgetLineId: budgetLine.id, periodId: period.id, amountMinor, spentOn, note: description, line: index + 1 });
	});

	const refused = reports.filter((r) => r.errors.length > 0);
	const byLine = new Map<string, { code: string; rows: number; totalMinor: number }>();
	const codeOf = new Map(lineRows.map((l) => [l.id, l.code]));
	for (const r of good) {
		const code = codeOf.get(r.budgetLineId)!;
		const entry = byLine.get(code) ?? { code, rows: 0, totalMinor: 0 };
		entry.rows++;
		entry.totalMinor += r.amountMinor;
		byLine.set(code, entry);
	}
	return {
		preview: {
			sha256,
			fileName: file.fileName,
			kind,
			currency: programme.currency,
			counts: {
				rows: reports.length,
				good: good.length,
				refused: refused.length,
				empty,
				refunds: good.filter((r) => r.amountMinor < 0).length
			},
			totalMinor: good.reduce((a, r) => a + r.amountMinor, 0),
			byLine: [...byLine.values()].sort((a, b) => a.code.localeCompare(b.code)),
			rows: [...refused, ...reports.filter((r) => r.errors.length === 0).slice(0, PREVIEW_GOOD_ROWS)]
		},
		rows: refused.length ? [] : good
	};
}
