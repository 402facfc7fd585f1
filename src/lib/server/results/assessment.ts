import { assessIndicator, statusInput, type Assessment, type StatusInput } from '$lib/indicator-status';
import { forecastIndicator, type Forecast } from '$lib/indicator-forecast';
import type { Indicator, IndicatorStatus, IsoDate, Programme, ReportingPeriod } from '$lib/model';
import type { Executor } from '../db/executor';
import { todayIso } from '../core/dates';
import { toIndicator } from './indicators';
import { derivedValues } from './derived-values';
import { toPeriod } from '../programmes/programmes';
import { loadTargetsAtDate } from '../core/history';
import { indicatorAtDate, targetsAtDate } from '$lib/target-history';

// Every indicator of a programme judged from approved values, in a fixed number of statements
// whatever the size of the programme (no query per indicator or per period). Pages, the portfolio
// and every later report read the same assessment: compute it once per request and pass it on.

export interface ProgrammeAssessment {
	programmeId: number;
	/** The date it was judged at. */
	asOf: IsoDate;
	indicators: Indicator[];
	periods: ReportingPeriod[];
	assessments: Map<number, Assessment>;
	/** Where each indicator is heading at the (revised) end date (design §3, "Forecast"). */
	forecasts: Map<number, Forecast>;
	/** Approved values, by indicator then period (the women/men split included, for gender views). */
	approved: Map<number, Map<number, { value: number | null; women: number | null; men: number | null; isIllustrative: boolean }>>;
}

/**
 * What every page loader takes after the viewer: the date to judge at (today, or a report's
 * cut-off) and, when the request has already assessed the programme at that date, the assessment,
 * so a page that combines results, risks and gender assesses once.
 */
export interface ReadOptions {
	asOf?: IsoDate;
	assessment?: ProgrammeAssessment;
	/**
	 * Judge as a report with this cut-off date does: the periods ending on it count as ended, and
	 * values of periods ending after it do not exist yet (milestones, being plans, still shape the
	 * expected line). Implies asOf = the day after.
	 */
	cutOff?: IsoDate;
	/**
	 * Read every record as it stood at `asOf` (the API's `?asOf=`): changes recorded after it are
	 * undone from the audit trail, as a report's cut-off always does. Pages judge today's records
	 * at their date.
	 */
	rewind?: boolean;
}

const dayAfter = (date: IsoDate): IsoDate => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The assessment a loader should use: the one it was given, or a new one. */
export async function assessmentFor(db: Executor, programme: Programme, options: ReadOptions): Promise<ProgrammeAssessment> {
	const asOf = options.cutOff ? dayAfter(options.cutOff) : (options.asOf ?? todayIso());
	const given = options.assessment;
	if (!given) return (await assessProgrammes(db, [programme], asOf, options.cutOff, undefined, options.rewind)).get(programme.id)!;
	// A mismatch is a programming error: figures judged at another date must never be mixed in.
	if (given.programmeId !== programme.id || given.asOf !== asOf) throw new Error('assessment of another programme or date');
	return given;
}

/** Every indicator of the programme, judged as of `asOf` from approved values only. Four statements (five for a past date). */
export async function assessProgramme(
	db: Executor,
	programme: Programme,
	asOf: IsoDate = todayIso(),
	rewind = false
): Promise<ProgrammeAssessment> {
	return (await assessProgrammes(db, [programme], asOf, undefined, undefined, rewind)).get(programme.id)!;
}

/** The same for several programmes at once (the portfolio): still four statements in all. */
export async function assessProgrammes(
	db: Executor,
	programmes: Programme[],
	asOf: IsoDate = todayIso(),
	/** Only values of periods ending on or before this date count (a report's cut-off). */
	through?: IsoDate,
	/** Only these indicators (one page of the API): the cost follows the page, not the programme. */
	only?: readonly number[],
	/** Targets as they stood at the date (always for a report's cut-off; the API's ?asOf= asks for it). */
	rewind: boolean = through !== undefined
): Promise<Map<number, ProgrammeAssessment>> {
	const result = new Map<number, ProgrammeAssessment>();
	if (programmes.length === 0) return result;
	const ids = programmes.map((p) => p.id);
	// An empty page still reads (nothing): `in ()` is not SQL, so it asks for an id none has.
	const pick = only && (only.length ? [...only] : [0]);
	// Targets as they stood at the date (a report's cut-off, an "as of"): the changes recorded
	// after it are undone from the audit trail. Nothing can be recorded after today: no read then.
	const rewindTo = through ?? asOf;
	const [indicatorRows, periodRows, targetRows, approvedRows, history] = await Promise.all([
		db
			.selectFrom('indicator')
			.selectAll()
			.where('programme_id', 'in', ids)
			.$if(!!pick, (q) => q.where('id', 'in', pick!))
			.orderBy('sort_order')
			.orderBy('id')
			.execute(),
		db.selectFrom('reporting_period').selectAll().where('programme_id', 'in', ids).orderBy('start_date').execute(),
		db
			.selectFrom('indicator_target')
			.innerJoin('indicator', 'indicator.id', 'indicator_target.indicator_id')
			.select(['indicator_target.indicator_id', 'indicator_target.period_id', 'indicator_target.value'])
			.where('indicator.programme_id', 'in', ids)
			.$if(!!pick, (q) => q.where('indicator.id', 'in', pick!))
			.execute(),
		// From the programme's indicators to their values, never the other way: SQLite treats a
		// CROSS JOIN as "this table outside" (PostgreSQL plans it as any join), so it cannot walk
		// the status index through every approved value of the database to find one programme's,
		// which its statistics made look cheap when one programme holds most of the values.
		db
			.selectFrom('indicator')
			.crossJoin('indicator_value')
			.whereRef('indicator_value.indicator_id', '=', 'indicator.id')
			.select([
				'indicator_value.indicator_id',
				'indicator_value.period_id',
				'indicator_value.value',
				'indicator_value.women',
				'indicator_value.men',
				'indicator_value.is_illustrative'
			])
			.where('indicator.programme_id', 'in', ids)
			.$if(!!pick, (q) => q.where('indicator.id', 'in', pick!))
			.where('indicator_value.status', '=', 'approved')
			.execute(),
		rewind && dayAfter(rewindTo) <= todayIso() ? loadTargetsAtDate(db, ids, rewindTo) : null
	]);
	const current = new Map<number, Map<number, number>>();
	for (const t of targetRows) {
		if (!current.has(t.indicator_id)) current.set(t.indicator_id, new Map());
		current.get(t.indicator_id)!.set(t.period_id, t.value);
	}
	const targets = new Map<number, Map<number, number>>();
	for (const r of indicatorRows) {
		const at = targetsAtDate(current.get(r.id) ?? new Map(), history?.targets.get(r.id));
		if (at.size) targets.set(r.id, at);
	}
	const approved: ProgrammeAssessment['approved'] = new Map();
	const periodEnd = new Map(periodRows.map((p) => [p.id, p.end_date]));
	for (const v of approvedRows) {
		if (through && (periodEnd.get(v.period_id) ?? '') > through) continue;
		if (!approved.has(v.indicator_id)) approved.set(v.indicator_id, new Map());
		approved.get(v.indicator_id)!.set(v.period_id, { value: v.value, women: v.women, men: v.men, isIllustrative: v.is_illustrative === 1 });
	}
	const parts = programmes.map((programme) => ({
		programme,
		programmeId: programme.id,
		indicators: indicatorRows
			.filter((r) => r.programme_id === programme.id)
			.map((r) => indicatorAtDate(toIndicator(r), history?.fields.get(r.id))),
		periods: periodRows.filter((r) => r.programme_id === programme.id).map(toPeriod)
	}));
	for (const [indicatorId, values] of await derivedValues(db, parts, asOf)) {
		approved.set(
			indicatorId,
			new Map(
				[...values]
					.filter(([periodId]) => !through || (periodEnd.get(periodId) ?? '') <= through)
					.map(([periodId, value]) => [periodId, { value, women: null, men: null, isIllustrative: false }])
			)
		);
	}
	for (const { programme, indicators, periods } of parts) {
		const assessments = new Map<number, Assessment>();
		const inputs = new Map<number, StatusInput>();
		const noTargets = new Map<number, number>();
		for (const indicator of indicators) {
			const values = approved.get(indicator.id);
			const totals = new Map<number, number | null>();
			if (values) for (const [periodId, v] of values) totals.set(periodId, v.value);
			const input = statusInput(programme, indicator, periods, targets.get(indicator.id) ?? noTargets, totals, asOf);
			inputs.set(indicator.id, input);
			assessments.set(indicator.id, assessIndicator(input));
		}
		const programmeApproved: ProgrammeAssessment['approved'] = new Map(
			indicators.filter((i) => approved.has(i.id)).map((i) => [i.id, approved.get(i.id)!])
		);
		result.set(programme.id, {
			programmeId: programme.id,
			asOf,
			indicators,
			periods,
			assessments,
			get forecasts() {
				return forecastsOf(inputs);
			},
			approved: programmeApproved
		});
	}
	return result;
}

// Forecasts are made from the same status inputs, but only when a reader asks for them: the
// results page, the portfolio and the indicator lists never show one, and projecting every
// indicator cost them about a quarter of the assessment (issue 18 §7). Made once, then kept.
const forecastCache = new WeakMap<Map<number, StatusInput>, Map<number, Forecast>>();
function forecastsOf(inputs: Map<number, StatusInput>): Map<number, Forecast> {
	let forecasts = forecastCache.get(inputs);
	if (!forecasts) {
		forecasts = new Map([...inputs].map(([id, input]) => [id, forecastIndicator(input)]));
		forecastCache.set(inputs, forecasts);
	}
	return forecasts;
}

/** How many indicators have their latest ended period still without an approved value. */
export function countUpdatesOverdue(assessments: Iterable<Assessment>): number {
	let n = 0;
	for (const a of assessments) if (a.updateOverdue) n++;
	return n;
}

export function countStatuses(assessments: Iterable<Assessment>): Record<IndicatorStatus, number> {
	const counts: Record<IndicatorStatus, number> = {
		achieved: 0,
		on_track: 0,
		at_risk: 0,
		off_track: 0,
		no_data: 0,
		not_started: 0,
		not_yet: 0,
		overdue: 0,
		reported: 0
	};
	for (const a of assessments) counts[a.status]++;
	return counts;
}
