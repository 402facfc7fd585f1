import { localizeField, type LocalizedText } from '$lib/content-language';
import { differencesFromEntry, incompatibility, type Difference, type Incompatibility } from '$lib/indicator-library';
import type { Forecast } from '$lib/indicator-forecast';
import type { Aggregation, Direction, IndicatorStatus, IsoDate, Locale, Measure } from '$lib/model';
import { todayIso } from '../core/dates';
import type { Executor } from '../db/executor';
import { listPortfolio } from '../programmes/programmes';
import { assessProgrammes } from '../results/assessment';
import { getLibraryEntry, type LibraryEntry } from './entries';

// One library indicator across the programmes a person may see (issue 25): baselines, targets and
// approved values on one time axis, and progress, status and forecast side by side. Every figure
// is the programme's own assessment (one assessment of all of them at once), never a second
// formula; an indicator whose units cannot share the axis is left out, with the reason.
// A fixed number of statements whatever the number of programmes.

export interface ComparisonPoint {
	date: IsoDate;
	/** The aggregated approved actual at the period's end, or null. */
	actual: number | null;
	/** The milestone, the baseline (at the start) or the end target (at the end), or null. */
	target: number | null;
}

export interface ComparisonRow {
	programme: { id: number; slug: string; shortName: string; country: string };
	indicator: {
		id: number;
		code: string;
		title: string;
		unit: string;
		/** The title and unit in the reader's language, or the original marked as a fallback. */
		titleText: LocalizedText;
		unitText: LocalizedText;
		measure: Measure;
		direction: Direction;
		aggregation: Aggregation;
		decimals: number;
		baseline: number | null;
		target: number | null;
	};
	status: IndicatorStatus;
	progress: number | null;
	achievement: number | null;
	latestActual: number | null;
	latestPeriod: string | null;
	/** The label of the period whose update is overdue (the assessment's flag), or null. */
	updateOverduePeriod: string | null;
	forecast: Forecast;
	differences: Difference[];
	points: ComparisonPoint[];
}

export interface RefusedRow {
	programme: { slug: string; shortName: string };
	indicator: {
		id: number;
		code: string;
		title: string;
		unit: string;
		titleText: LocalizedText;
		unitText: LocalizedText;
		measure: Measure;
		direction: Direction;
	};
	reason: Incompatibility;
}

export interface Comparison {
	entry: LibraryEntry;
	asOf: IsoDate;
	rows: ComparisonRow[];
	refused: RefusedRow[];
	/** Every date on which some programme has a point, in order: the one time axis. */
	dates: IsoDate[];
}

export async function loadComparison(
	db: Executor,
	user: { id: number; isAdmin: boolean },
	entryId: number,
	options: { locale: Locale; asOf?: IsoDate }
): Promise<Comparison> {
	const asOf = options.asOf ?? todayIso();
	const [entry, portfolio, links] = await Promise.all([
		getLibraryEntry(db, entryId),
		listPortfolio(db, user, options.locale),
		db.selectFrom('indicator_library_link').select('indicator_id').where('library_indicator_id', '=', entryId).execute()
	]);
	const linked = new Set(links.map((l) => l.indicator_id));
	// The linked indicators' titles and units in the reader's language: one statement for every
	// programme, so a reader never sees another language unmarked.
	const translations = linked.size
		? await db
				.selectFrom('translation')
				.select(['entity_id', 'field', 'text'])
				.where('entity', '=', 'indicator')
				.where('locale', '=', options.locale)
				.where('entity_id', 'in', [...linked])
				.execute()
		: [];
	const translated = new Map(translations.map((t) => [`indicator:${t.entity_id}:${t.field}`, t.text]));
	// Only the programmes this person may see; the assessment reads them all at once.
	const assessed = await assessProgrammes(
		db,
		portfolio.map((p) => p.programme),
		asOf
	);
	const rows: ComparisonRow[] = [];
	const refused: RefusedRow[] = [];
	for (const { programme } of portfolio) {
		const a = assessed.get(programme.id);
		if (!a) continue;
		const label = new Map(a.periods.map((p) => [p.id, p]));
		for (const indicator of a.indicators.filter((i) => linked.has(i.id))) {
			const why = incompatibility(entry, indicator);
			const text = (field: 'title' | 'unit', original: string) =>
				localizeField(translated, programme.contentLanguage, options.locale, { entity: 'indicator', id: indicator.id, field, original });
			const ref = {
				id: indicator.id,
				code: indicator.code,
				title: indicator.title,
				unit: indicator.unit,
				titleText: text('title', indicator.title),
				unitText: text('unit', indicator.unit),
				measure: indicator.measure,
				direction: indicator.direction
			};
			if (why) {
				refused.push({ programme: { slug: programme.slug, shortName: programme.shortName }, indicator: ref, reason: why });
				continue;
			}
			const assessment = a.assessments.get(indicator.id)!;
			const points: ComparisonPoint[] = [
				{ date: indicator.baselineDate ?? programme.startDate, actual: null, target: indicator.baselineValue }
			];
			for (const p of assessment.periods) {
				const period = label.get(p.periodId)!;
				if (p.milestone === null && !p.hasValue) continue;
				points.push({ date: period.endDate, actual: p.hasValue ? p.actual : null, target: p.milestone });
			}
			if (indicator.targetValue !== null && !points.some((p) => p.date === programme.effectiveEndDate && p.target !== null))
				points.push({ date: programme.effectiveEndDate, actual: null, target: indicator.targetValue });
			rows.push({
				programme: { id: programme.id, slug: programme.slug, shortName: programme.shortName, country: programme.country },
				indicator: {
					...ref,
					aggregation: indicator.aggregation,
					decimals: indicator.decimals,
					baseline: indicator.baselineValue,
					target: indicator.targetValue
				},
				status: assessment.status,
				progress: assessment.progress,
				achievement: assessment.achievement,
				latestActual: assessment.latestActual,
				latestPeriod: assessment.latestPeriodId === null ? null : (label.get(assessment.latestPeriodId)?.label ?? null),
				updateOverduePeriod: assessment.updateOverdue ? (label.get(assessment.updateOverdue.periodId)?.label ?? null) : null,
				forecast: a.forecasts.get(indicator.id)!,
				differences: differencesFromEntry(entry, indicator),
				points: points.sort((x, y) => x.date.localeCompare(y.date))
			});
		}
	}
	const dates = [...new Set(rows.flatMap((r) => r.points.map((p) => p.date)))].sort();
	return { entry, asOf, rows, refused, dates };
}
