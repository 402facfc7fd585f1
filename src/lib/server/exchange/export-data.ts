import { localizeField, type LocalizedText, type TranslationMap } from '$lib/content-language';
import type { Forecast } from '$lib/indicator-forecast';
import { aggregateSeries, progressRatio, type Assessment } from '$lib/indicator-status';
import {
	OPEN_VALUE_STATES,
	type Indicator,
	type IsoDate,
	type Locale,
	type Programme,
	type ReportingPeriod,
	type ValueState
} from '$lib/model';
import type { Executor } from '../db/executor';
import type { Viewer } from '../core/viewer';
import { todayIso } from '../core/dates';
import { loadAllTranslations } from '../core/translations';
import { toModule, toOutput } from '../programmes/programmes';
import { assessmentFor, type ReadOptions } from '../results/assessment';
import { changeLogRows, toChanges, type ExportChange } from './export-changes';
import { loadFinance, type FinanceView } from '../finance/finance-read';

// What every export (IPTT workbook, results CSV, IATI file) writes, read once in a fixed number of
// statements whatever the size of the programme: the programme assessment (statuses, expected
// values and progress come from the results module, never recomputed here), the logframe, the
// values the viewer may see, their evidence, both languages' translations and the change log.
// Only approved values count; a team member may ask for the open ones too, kept apart.

export interface ExportPeriodCell {
	periodId: number;
	/** The period's milestone. */
	target: number | null;
	/** Whether the period has an approved value. */
	hasValue: boolean;
	/** The approved actual aggregated the indicator's way (the running sum for a cumulative one). */
	actual: number | null;
	/** The approved value of the period itself. */
	value: number | null;
	/** Progress towards what was expected by the period's end (results module), as a ratio. */
	progress: number | null;
	/** Women and men aggregated the way the total is. */
	women: number | null;
	men: number | null;
	status: Assessment['status'] | null;
	approvedValueId: number | null;
	/** Only when open values were asked for (team members only): the value still in the workflow. */
	open: { id: number; value: number | null; women: number | null; men: number | null; state: ValueState } | null;
}

export interface ExportIndicator {
	indicator: Indicator;
	/** The title, definition and unit in each language (with the fallback mark rule). */
	text: Record<Locale, { title: LocalizedText; definition: LocalizedText; unit: LocalizedText }>;
	assessment: Assessment;
	/** Where the indicator is heading at the (revised) end date (design §3, "Forecast"). */
	forecast: Forecast;
	periods: ExportPeriodCell[];
}

export interface ExportGroup {
	level: 'programme' | 'module' | 'output';
	id: number | null;
	code: string;
	title: Record<Locale, LocalizedText>;
	indicators: ExportIndicator[];
}

export interface ExportValue {
	id: number;
	indicatorId: number;
	periodId: number;
	state: ValueState;
	value: number | null;
	narrative: string;
	evidenceUrl: string | null;
	files: { id: number; name: string; contentType: string }[];
}

export interface ExportData {
	programme: Programme;
	programmeText: Record<Locale, { title: LocalizedText; summary: LocalizedText }>;
	asOf: IsoDate;
	includeOpen: boolean;
	/** Donors (and every IATI file) get approved values only. */
	internal: boolean;
	periods: ReportingPeriod[];
	/** Programme level first, then each module followed by its outputs, in logframe order. */
	groups: ExportGroup[];
	/** Every value shown (approved, and open ones when asked for), with narrative and evidence. */
	values: ExportValue[];
	changes: ExportChange[];
	/** Money beside results (issue 20): the finance read model for this viewer (donors and IATI: ended periods only). */
	finance?: ExportFinance;
}

export interface ExportFinance {
	view: FinanceView;
	/** Each budget line's title in both languages (with the fallback mark rule). */
	lineTitle: Record<number, Record<Locale, LocalizedText>>;
}

export interface ExportOptions extends ReadOptions {
	/** Team members only: add the values still in the workflow, marked as such. */
	includeOpen?: boolean;
	/** Read the change log (the workbook's; the CSV and IATI file need none). */
	changeLog?: boolean;
}

/**
 * The export read model for one viewer: the assessment (four statements, five with derived
 * indicators), modules, outputs, values, evidence files, translations and, when asked for, the
 * change log. Donors: approved values only, whatever they ask for.
 */
export async function loadExportData(db: Executor, programme: Programme, viewer: Viewer, options: ExportOptions = {}): Promise<ExportData> {
	const asOf = options.asOf ?? todayIso();
	const includeOpen = viewer.internal && !!options.includeOpen;
	const states: ValueState[] = includeOpen ? ['approved', ...OPEN_VALUE_STATES] : ['approved'];
	const valueIds = db
		.selectFrom('indicator_value')
		.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
		.select('indicator_value.id')
		.where('indicator.programme_id', '=', programme.id)
		.where('indicator_value.status', 'in', states);
	const [assessed, moduleRows, outputRows, valueRows, fileRows, translations, auditRows] = await Promise.all([
		assessmentFor(db, programme, { ...options, asOf }),
		db.selectFrom('module').selectAll().where('programme_id', '=', programme.id).orderBy('sort_order').orderBy('id').execute(),
		db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.selectAll('output')
			.where('module.programme_id', '=', programme.id)
			.orderBy('output.sort_order')
			.orderBy('output.id')
			.execute(),
		db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.select([
				'indicator_value.id',
				'indicator_value.indicator_id',
				'indicator_value.period_id',
				'indicator_value.status',
				'indicator_value.value',
				'indicator_value.women',
				'indicator_value.men',
				'indicator_value.narrative',
				'indicator_value.evidence_url'
			])
			.where('indicator.programme_id', '=', programme.id)
			.where('indicator_value.status', 'in', states)
			.orderBy('indicator_value.id')
			.execute(),
		db
			.selectFrom('attachment')
			.select(['id', 'owner_id', 'original_name', 'content_type'])
			.where('owner_entity', '=', 'indicator_value')
			.where('programme_id', '=', programme.id)
			.where('owner_id', 'in', valueIds)
			.orderBy('id')
			.execute(),
		loadAllTranslations(db, programme.id),
		options.changeLog ? changeLogRows(db, programme.id) : Promise.resolve([])
	]);
	// The finance figures come from their one reader, so the IPTT and IATI files show what the Finance tab shows.
	const financeView = await loadFinance(db, programme, viewer, { ...options, asOf, assessment: assessed });

	const filesByValue = new Map<number, ExportValue['files']>();
	for (const f of fileRows) {
		if (!filesByValue.has(f.owner_id)) filesByValue.set(f.owner_id, []);
		filesByValue.get(f.owner_id)!.push({ id: f.id, name: f.original_name, contentType: f.content_type });
	}
	const values: ExportValue[] = valueRows.map((v) => ({
		id: v.id,
		indicatorId: v.indicator_id,
		periodId: v.period_id,
		state: v.status,
		value: v.value,
		narrative: v.narrative,
		evidenceUrl: v.evidence_url,
		files: filesByValue.get(v.id) ?? []
	}));
	const approvedId = new Map<string, number>();
	const openValue = new Map<string, (typeof valueRows)[number]>();
	for (const v of valueRows) {
		const key = `${v.indicator_id}:${v.period_id}`;
		if (v.status === 'approved') approvedId.set(key, v.id);
		// The newest open value of the period (a correction in progress replaces an older draft).
		else openValue.set(key, v);
	}

	const lang = programme.contentLanguage;
	const both = <F extends string>(entity: string, id: number, field: F, original: string): Record<Locale, LocalizedText> => ({
		es: localizeField(translations.es as TranslationMap, lang, 'es', { entity, id, field, original }),
		en: localizeField(translations.en as TranslationMap, lang, 'en', { entity, id, field, original })
	});

	const periods = assessed.periods;
	const toExportIndicator = (indicator: Indicator): ExportIndicator => {
		const assessment = assessed.assessments.get(indicator.id)!;
		const approved = assessed.approved.get(indicator.id);
		const byPeriod = new Map(assessment.periods.map((p) => [p.periodId, p]));
		const women = aggregateSeries(
			indicator.aggregation,
			periods.map((p) => approved?.get(p.id)?.women ?? null)
		);
		const men = aggregateSeries(
			indicator.aggregation,
			periods.map((p) => approved?.get(p.id)?.men ?? null)
		);
		const title = both('indicator', indicator.id, 'title', indicator.title);
		const definition = both('indicator', indicator.id, 'definition', indicator.definition);
		const unit = both('indicator', indicator.id, 'unit', indicator.unit);
		return {
			indicator,
			text: {
				es: { title: title.es, definition: definition.es, unit: unit.es },
				en: { title: title.en, definition: definition.en, unit: unit.en }
			},
			assessment,
			forecast: assessed.forecasts.get(indicator.id)!,
			periods: periods.map((period, i) => {
				const p = byPeriod.get(period.id)!;
				const key = `${indicator.id}:${period.id}`;
				const open = includeOpen ? openValue.get(key) : undefined;
				// A period that reached the end target is "achieved" without a progress figure; its
				// progress towards the expected value still reads from the module's one formula.
				const progress =
					p.progress ??
					(p.hasValue &&
					p.actual !== null &&
					p.expected !== null &&
					indicator.measure !== 'milestone' &&
					indicator.measure !== 'qualitative'
						? progressRatio(p.actual, indicator.baselineValue ?? 0, p.expected, indicator.direction)
						: null);
				return {
					periodId: period.id,
					target: p.milestone,
					hasValue: p.hasValue,
					actual: p.hasValue ? p.actual : null,
					value: p.value,
					progress,
					women: p.hasValue && indicator.disaggregatedBySex ? women[i]! : null,
					men: p.hasValue && indicator.disaggregatedBySex ? men[i]! : null,
					status: p.status,
					approvedValueId: approvedId.get(key) ?? null,
					open: open ? { id: open.id, value: open.value, women: open.women, men: open.men, state: open.status } : null
				};
			})
		};
	};

	const indicators = assessed.indicators;
	const groups: ExportGroup[] = [];
	const programmeLevel = indicators.filter((i) => i.level === 'programme');
	const programmeTitle = both('programme', programme.id, 'title', programme.title);
	if (programmeLevel.length > 0) {
		groups.push({
			level: 'programme',
			id: null,
			code: programme.code,
			title: programmeTitle,
			indicators: programmeLevel.map(toExportIndicator)
		});
	}
	for (const m of moduleRows.map(toModule)) {
		groups.push({
			level: 'module',
			id: m.id,
			code: m.code,
			title: both('module', m.id, 'title', m.title),
			indicators: indicators.filter((i) => i.level === 'module' && i.moduleId === m.id).map(toExportIndicator)
		});
		for (const o of outputRows.filter((r) => r.module_id === m.id).map(toOutput)) {
			groups.push({
				level: 'output',
				id: o.id,
				code: o.code,
				title: both('output', o.id, 'title', o.title),
				indicators: indicators.filter((i) => i.level === 'output' && i.outputId === o.id).map(toExportIndicator)
			});
		}
	}

	const changes = toChanges(auditRows, {
		internal: viewer.internal,
		indicators: indicators,
		periods,
		values: valueRows.map((v) => ({ id: v.id, indicatorId: v.indicator_id, periodId: v.period_id }))
	});

	return {
		programme,
		programmeText: {
			es: { title: programmeTitle.es, summary: both('programme', programme.id, 'summary', programme.summary).es },
			en: { title: programmeTitle.en, summary: both('programme', programme.id, 'summary', programme.summary).en }
		},
		asOf,
		includeOpen,
		internal: viewer.internal,
		periods,
		groups,
		values,
		changes,
		finance: {
			view: financeView,
			lineTitle: Object.fromEntries(financeView.lines.map((l) => [l.id, both('budget_line', l.id, 'title', l.title)]))
		}
	};
}

/** Every indicator of the export, in logframe order. */
export function exportIndicators(data: ExportData): ExportIndicator[] {
	return data.groups.flatMap((g) => g.indicators);
}

/** A content text as a cell shows it: with "(es)" after it when it fell back to the original. */
export function shownText(text: LocalizedText): string {
	return text.fallback ? `${text.text} (${text.lang})` : text.text;
}
