import type { Actor } from '../core/actor';
import { groupBy } from '$lib/group-by';
import { OPEN_VALUE_STATES, type Indicator, type IndicatorValue, type Locale, type Programme, type ReportingPeriod } from '$lib/model';
import { translateDynamic } from '$lib/i18n/translate';
import { type Executor, inTransaction } from '../db/executor';
import { discardUpload, listAttachments, recordAttachment, storeUpload, type Attachment, type StoredUpload } from '../core/attachments';
import { DomainValidationError } from '../core/errors';
import { issueMessage } from '../core/validation';
import { toModule, toPeriod } from '../programmes/programmes';
import { toIndicator } from './indicators';
import type { IndicatorValueRow } from '../db/schema';
import { toValue, valueSchema, type ValueInput } from './values';
import { saveValueRows, vetValueRows, type BatchRefusal, type BatchValue } from './value-batch';

// The period entry sheet (issue 22): every indicator a coordinator may enter for one period on
// one page, saved as drafts or submitted all at once. Each row is judged by the value form's own
// rules (valueSchema for the figures, then value-batch's checkValueSlot and narrative rule).
//
// Transactions: ONE TRANSACTION PER SHEET for the good rows. The rows are parsed, then vetted and
// saved inside a single transaction (saveValueRows re-judges them there, so what is saved is what
// was vetted); refused rows are left out of it and come back with their messages and what was
// typed, so a bad row never blocks the good ones and the good ones are saved together or not at
// all (a row edited concurrently since the page was loaded is refused as a conflict, on its own
// row, like any refused row; the others are saved). Evidence files of the good rows are stored first and moved into place on commit.

export interface SheetModule {
	id: number;
	code: string;
	title: string;
}

export interface SheetRow {
	indicator: Indicator;
	moduleCode: string | null;
	/** The value in progress for the period (draft, submitted or returned), if any. */
	open: IndicatorValue | null;
	/** The evidence files already attached to the value in progress (so nobody uploads them twice). */
	files: Attachment[];
	approved: IndicatorValue | null;
	/** Milestones and approved values of every period, for the live "explain why it lags" hint. */
	targets: [number, number][];
	approvedSeries: [number, number | null][];
	/** The person entered a value of this indicator before, or is named responsible for it. */
	mine: boolean;
}

export interface PeriodSheet {
	period: ReportingPeriod;
	periods: ReportingPeriod[];
	modules: SheetModule[];
	rows: SheetRow[];
	/** Indicators entered by hand in the whole programme, whatever the filters (0: an empty logframe). */
	manualCount: number;
}

export interface SheetFilters {
	mine: boolean;
	key: boolean;
	moduleId: number | null;
}

/** The sheet of one period, in six statements whatever the number of indicators. Null: no such period. */
export async function loadPeriodSheet(
	db: Executor,
	programme: Programme,
	user: { id: number; name: string },
	periodId: number,
	filters: SheetFilters
): Promise<PeriodSheet | null> {
	const [periodRows, moduleRows, indicatorRows, valueRows, targetRows] = await Promise.all([
		db.selectFrom('reporting_period').selectAll().where('programme_id', '=', programme.id).orderBy('start_date').orderBy('id').execute(),
		db.selectFrom('module').selectAll().where('programme_id', '=', programme.id).orderBy('sort_order').orderBy('id').execute(),
		db
			.selectFrom('indicator')
			.selectAll()
			.where('programme_id', '=', programme.id)
			.where('source', '=', 'manual')
			.orderBy('sort_order')
			.orderBy('id')
			.execute(),
		db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.selectAll('indicator_value')
			.where('indicator.programme_id', '=', programme.id)
			.where('indicator_value.status', 'in', [...OPEN_VALUE_STATES, 'approved'])
			.orderBy('indicator_value.id')
			.execute(),
		db
			.selectFrom('indicator_target')
			.innerJoin('indicator', 'indicator.id', 'indicator_target.indicator_id')
			.select(['indicator_target.indicator_id', 'indicator_target.period_id', 'indicator_target.value'])
			.where('indicator.programme_id', '=', programme.id)
			.execute()
	]);
	const period = periodRows.find((p) => p.id === periodId);
	if (!period) return null;
	const openIds = valueRows.filter((v) => v.period_id === periodId && v.status !== 'approved').map((v) => v.id);
	const files = await listAttachments(db, 'indicator_value', openIds);
	const modules = moduleRows.map(toModule);
	const moduleCode = new Map(modules.map((m) => [m.id, m.code]));
	const moduleOrder = new Map(modules.map((m, i) => [m.id, i]));
	const entered = new Set(valueRows.filter((v) => v.entered_by === user.id).map((v) => v.indicator_id));
	// Each indicator's values and targets, found once (a filter per indicator grew with indicators × values).
	const valuesOf = groupBy(valueRows, (v) => v.indicator_id);
	const targetsOf = groupBy(targetRows, (t) => t.indicator_id);
	const name = user.name.trim().toLowerCase();
	const rows: SheetRow[] = indicatorRows
		.map(toIndicator)
		.filter((i) => !filters.key || i.isKey)
		.filter((i) => filters.moduleId === null || i.moduleId === filters.moduleId)
		.map((indicator) => {
			const own = valuesOf.get(indicator.id) ?? [];
			const here = own.filter((v) => v.period_id === periodId);
			const open = here.find((v) => v.status !== 'approved');
			const approved = here.find((v) => v.status === 'approved');
			return {
				indicator,
				moduleCode: indicator.moduleId === null ? null : (moduleCode.get(indicator.moduleId) ?? null),
				open: open ? toValue(open) : null,
				files: open ? files.filter((f) => f.ownerId === open.id) : [],
				approved: approved ? toValue(approved) : null,
				targets: (targetsOf.get(indicator.id) ?? []).map((t) => [t.period_id, t.value] as [number, number]),
				approvedSeries: own.filter((v) => v.status === 'approved').map((v) => [v.period_id, v.value] as [number, number | null]),
				mine: entered.has(indicator.id) || (name.length > 0 && indicator.responsible.toLowerCase().includes(name))
			};
		})
		.filter((r) => !filters.mine || r.mine)
		// Programme-level indicators first, then module by module, in the logframe's order.
		.sort(
			(a, b) =>
				(a.indicator.moduleId === null ? -1 : (moduleOrder.get(a.indicator.moduleId) ?? 0)) -
					(b.indicator.moduleId === null ? -1 : (moduleOrder.get(b.indicator.moduleId) ?? 0)) || 0
		);
	return {
		period: toPeriod(period),
		periods: periodRows.map(toPeriod),
		modules: modules.map((m) => ({ id: m.id, code: m.code, title: m.title })),
		rows,
		manualCount: indicatorRows.length
	};
}

/** The fields of one row as the sheet posts them: `v.<indicatorId>.<field>`. */
export const SHEET_FIELDS = [
	'value',
	'women',
	'men',
	'notStated',
	'narrative',
	'evidenceUrl',
	'evidenceFile',
	'correctionReason',
	'valueVersion'
] as const;
export const sheetField = (indicatorId: number, field: (typeof SHEET_FIELDS)[number]) => `v.${indicatorId}.${field}`;

/** The tick that sends an untouched draft or returned value on with "submit all". */
export const includeField = (indicatorId: number) => `v.${indicatorId}.include`;

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? '').trim() === (b ?? '').trim();

/**
 * The row holds exactly what the stored value in progress holds: the sheet prefilled it and the
 * person changed nothing (no figure, text, link, or new file).
 */
export function untouched(
	open: Pick<IndicatorValueRow, 'value' | 'women' | 'men' | 'not_stated' | 'narrative' | 'evidence_url' | 'correction_reason'>,
	input: Pick<ValueInput, 'value' | 'women' | 'men' | 'notStated' | 'narrative' | 'evidenceUrl' | 'correctionReason' | 'evidenceFile'>
): boolean {
	return (
		open.value === input.value &&
		open.women === input.women &&
		open.men === input.men &&
		open.not_stated === input.notStated &&
		same(open.narrative, input.narrative) &&
		same(open.evidence_url, input.evidenceUrl) &&
		same(open.correction_reason, input.correctionReason) &&
		!input.evidenceFile
	);
}

export interface SheetOutcome {
	/** Indicators whose row was saved (or already held exactly that). */
	saved: number[];
	/** Messages by form field name (`v.<id>.<field>`), for the refused rows. */
	errors: Record<string, string[]>;
	/** Indicators whose value someone else changed since the sheet was loaded (refused as a conflict):
	 * the page shows the figure now saved beside the one typed, so a second save is a choice. */
	conflicts: number[];
}

const blank = (v: FormDataEntryValue | null) => v === null || (typeof v === 'string' ? v.trim() === '' : v.size === 0);

/**
 * Saves the rows of a sheet posted as `form` (see SHEET_FIELDS; `rows` lists the indicator ids on
 * the page). A row with nothing typed is left alone; every other row is checked by the value
 * form's rules and, when good, saved as a draft or submitted (`intent`) with the others.
 */
export async function savePeriodSheet(
	db: Executor,
	actor: Actor,
	programme: Programme,
	periodId: number,
	form: FormData,
	intent: 'draft' | 'submit',
	locale: Locale
): Promise<SheetOutcome> {
	const ids = [
		...new Set(
			form
				.getAll('rows')
				.map(Number)
				.filter((n) => Number.isSafeInteger(n) && n > 0)
		)
	].slice(0, 2000);
	const errors: Record<string, string[]> = {};
	const conflicts: number[] = [];
	const refuse = (id: number, field: string, message: string) => (errors[`v.${id}.${field}`] ??= []).push(message);
	const indicators = new Map(
		(await db.selectFrom('indicator').selectAll().where('programme_id', '=', programme.id).execute()).map((r) => [r.id, toIndicator(r)])
	);
	// The values in progress for the period, to tell a row the person changed from one the sheet
	// merely prefilled (issue 22 review: "submit all" re-sent returned values nobody touched), and
	// rows changed by someone else since the sheet was loaded.
	const openRows =
		ids.length === 0
			? []
			: await db
					.selectFrom('indicator_value')
					.selectAll()
					.where('period_id', '=', periodId)
					.where('indicator_id', 'in', ids)
					.where('status', 'in', ['draft', 'returned', 'submitted'])
					.execute();
	const openOf = new Map(openRows.map((r) => [r.indicator_id, r]));
	const candidates: { row: BatchValue; file: File | null }[] = [];
	for (const id of ids) {
		const indicator = indicators.get(id);
		if (!indicator) {
			refuse(id, 'value', translateDynamic(locale, 'validation.unknownRecord'));
			continue;
		}
		const raw = Object.fromEntries(SHEET_FIELDS.map((f) => [f, form.get(sheetField(id, f))]));
		const typed = SHEET_FIELDS.filter((f) => f !== 'valueVersion').some((f) => !blank(raw[f] ?? null));
		// Nothing typed: a row to leave alone.
		if (!typed) continue;
		const parsed = valueSchema(indicator).safeParse({
			...Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v ?? undefined])),
			periodId: String(periodId),
			intent
		});
		if (!parsed.success) {
			for (const issue of parsed.error.issues) refuse(id, String(issue.path[0] ?? 'value'), issueMessage(issue, locale));
			continue;
		}
		// A sheet loaded when the period held no value in progress posts no version, so a value in
		// progress now is a colleague's, saved since: a conflict like a changed version (templates,
		// which post no version either, are vetted against the current one in value-batch).
		// A row the sheet offered for editing whose value is now under review was sent on by a
		// colleague since: a conflict too (the page shows the figure under review and what was typed).
		const open = openOf.get(id);
		if (open && (open.status === 'submitted' || parsed.data.valueVersion === undefined)) {
			refuse(id, 'value', translateDynamic(locale, open.status === 'submitted' ? 'sheet.notSavedUnderReview' : 'sheet.conflict'));
			conflicts.push(id);
			continue;
		}
		// A prefilled draft or returned value the person left as it was stays where it is, unless
		// its row is ticked to be sent on as it stands.
		if (open && untouched(open, parsed.data) && !(intent === 'submit' && form.get(includeField(id)) === '1')) continue;
		candidates.push({ row: { indicatorId: id, input: parsed.data }, file: parsed.data.evidenceFile });
	}
	const message = (r: BatchRefusal) =>
		translateDynamic(
			locale,
			r.key,
			Object.fromEntries(Object.entries(r.params ?? {}).map(([k, v]) => [k, typeof v === 'string' ? translateDynamic(locale, v) : v]))
		);
	const uploads: (StoredUpload | null)[] = [];
	try {
		const saved = await inTransaction(db, async (trx) => {
			const verdicts = await vetValueRows(
				trx,
				programme,
				candidates.map((c) => c.row)
			);
			const good: typeof candidates = [];
			const done: number[] = [];
			verdicts.forEach((verdict, i) => {
				const c = candidates[i]!;
				if (verdict.kind === 'refused') {
					for (const r of verdict.refusals)
						refuse(c.row.indicatorId, r.field, message(r.key === 'error.conflict' ? { ...r, key: 'sheet.conflict' } : r));
					if (verdict.refusals.some((r) => r.key === 'error.conflict')) conflicts.push(c.row.indicatorId);
				} else if (verdict.kind === 'unchanged') done.push(c.row.indicatorId);
				else good.push(c);
			});
			if (good.length === 0) return done;
			// Files of the good rows only; a refused row's file is chosen again with its fix.
			const keep: { c: (typeof candidates)[number]; upload: StoredUpload | null }[] = [];
			for (const c of good) {
				try {
					const upload = c.file ? await storeUpload(c.file, 'evidenceFile') : null;
					uploads.push(upload);
					keep.push({ c, upload });
				} catch (error) {
					if (!(error instanceof DomainValidationError)) throw error;
					for (const [field, { key, params }] of Object.entries(error.fields))
						refuse(c.row.indicatorId, field, translateDynamic(locale, key, params));
				}
			}
			await saveValueRows(
				trx,
				actor,
				programme,
				keep.map(({ c }) => c.row),
				{ sheet: periodId }
			);
			const withFiles = keep.filter((k) => k.upload);
			if (withFiles.length > 0) {
				const open = await trx
					.selectFrom('indicator_value')
					.select(['id', 'indicator_id'])
					.where('period_id', '=', periodId)
					.where(
						'indicator_id',
						'in',
						withFiles.map((k) => k.c.row.indicatorId)
					)
					.where('status', 'in', [...OPEN_VALUE_STATES])
					.execute();
				const idOf = new Map(open.map((o) => [o.indicator_id, o.id]));
				for (const { c, upload } of withFiles)
					await recordAttachment(
						trx,
						{ programmeId: programme.id, entity: 'indicator_value', id: idOf.get(c.row.indicatorId)! },
						upload!,
						actor.id
					);
			}
			return [...done, ...keep.map(({ c }) => c.row.indicatorId)];
		});
		return { saved, errors, conflicts };
	} catch (error) {
		for (const u of uploads) await discardUpload(u);
		throw error;
	}
}
