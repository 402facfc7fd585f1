import { gapSeries, genderMarkerCheck, isActionOverdue, type GapSeries, type MarkerCheck } from '$lib/gender-gap';
import {
	GENDER_ACTION_STATUSES,
	type GenderAction,
	type GenderActionStatus,
	type IndicatorLevel,
	type IndicatorStatus,
	type IsoDate,
	type Measure,
	type Programme
} from '$lib/model';
import type { Executor } from '../db/executor';
import { toGenderAction } from './actions';
import { toModule } from '../programmes/programmes';
import { assessmentFor, type ProgrammeAssessment, type ReadOptions } from '../results/assessment';
import type { Viewer } from '../core/viewer';
import { todayIso } from '../core/dates';
import { loadValuesAtDate } from '../core/history';
import { genderActionAsOf } from '$lib/gender-action-status';

// The gender page: each module's actions with their summary, and the women/men gap of the
// indicators they are linked to. A fixed number of statements whatever the number of actions:
// the programme assessment (indicators, periods, approved values), the modules, the actions and
// their links, assembled in memory.

export interface GapPeriod {
	id: number;
	label: string;
	isIllustrative: boolean;
}

export interface GenderIndicatorView {
	id: number;
	code: string;
	title: string;
	unit: string;
	measure: Measure;
	level: IndicatorLevel;
	status: IndicatorStatus;
	/** Periods with an approved women or men value, in date order, with the gap of each. */
	series: GapSeries<GapPeriod>;
}

export interface GenderActionView extends GenderAction {
	overdue: boolean;
}

export interface ModuleRef {
	id: number;
	code: string;
	title: string;
}

export interface GenderGroup {
	/** Null: the programme-wide actions (the strategy itself). */
	module: ModuleRef | null;
	actions: GenderActionView[];
	summary: { total: number; overdue: number; byStatus: Record<GenderActionStatus, number> };
	/** The sex-disaggregated indicators the group's actions are linked to. */
	indicators: GenderIndicatorView[];
}

export interface GenderStrategy {
	asOf: IsoDate;
	groups: GenderGroup[];
	check: MarkerCheck<ModuleRef>;
	/** Every sex-disaggregated indicator of the programme (what the forms offer). */
	disaggregated: { id: number; code: string; title: string }[];
	modules: ModuleRef[];
}

/**
 * The women/men gap of every sex-disaggregated indicator, from approved values only, by indicator
 * id: what the gender page and the dashboard show (no statement: it reads the assessment).
 */
export function genderIndicatorViews(assessed: ProgrammeAssessment): Map<number, GenderIndicatorView> {
	const views = new Map<number, GenderIndicatorView>();
	for (const indicator of assessed.indicators.filter((i) => i.disaggregatedBySex)) {
		const approved = assessed.approved.get(indicator.id);
		const points = assessed.periods.flatMap((p) => {
			const v = approved?.get(p.id);
			return v && (v.women !== null || v.men !== null)
				? [{ period: { id: p.id, label: p.label, isIllustrative: v.isIllustrative }, women: v.women, men: v.men }]
				: [];
		});
		views.set(indicator.id, {
			id: indicator.id,
			code: indicator.code,
			title: indicator.title,
			unit: indicator.unit,
			measure: indicator.measure,
			level: indicator.level,
			status: assessed.assessments.get(indicator.id)!.status,
			series: gapSeries(points)
		});
	}
	return views;
}

export async function loadGenderStrategy(
	db: Executor,
	programme: Programme,
	viewer: Pick<Viewer, 'internal'>,
	options: ReadOptions = {}
): Promise<GenderStrategy> {
	const asOf = options.asOf ?? todayIso();
	// Asked to rewind (the API's and the dashboard's "as of"), an earlier date reads each action as
	// it stood then, by the rule the report snapshot uses (gender-action-status.ts).
	const past = options.rewind === true && asOf < todayIso();
	const [assessed, moduleRows, actionRows, links, history] = await Promise.all([
		assessmentFor(db, programme, { ...options, asOf }),
		db.selectFrom('module').selectAll().where('programme_id', '=', programme.id).orderBy('sort_order').orderBy('id').execute(),
		db
			.selectFrom('gender_action')
			.selectAll()
			.where('programme_id', '=', programme.id)
			.orderBy('due_date', (ob) => ob.asc().nullsFirst())
			.orderBy('id')
			.execute(),
		db
			.selectFrom('gender_action_indicator')
			.innerJoin('gender_action', 'gender_action.id', 'gender_action_indicator.action_id')
			.select(['gender_action_indicator.action_id', 'gender_action_indicator.indicator_id'])
			.where('gender_action.programme_id', '=', programme.id)
			.orderBy('gender_action_indicator.indicator_id')
			.execute(),
		past ? loadValuesAtDate(db, programme.id, ['gender_action'], asOf) : null
	]);
	const actionHistory = history?.get('gender_action');

	const linksByAction = new Map<number, number[]>();
	for (const l of links) {
		if (!linksByAction.has(l.action_id)) linksByAction.set(l.action_id, []);
		linksByAction.get(l.action_id)!.push(l.indicator_id);
	}
	const actions = actionRows.map((row): GenderActionView => {
		const today = toGenderAction(row, linksByAction.get(row.id) ?? []);
		const action = past ? { ...today, ...genderActionAsOf(today, asOf, actionHistory?.get(row.id)) } : today;
		return { ...action, internalNotes: viewer.internal ? action.internalNotes : '', overdue: isActionOverdue(action, asOf) };
	});

	const disaggregated = assessed.indicators.filter((i) => i.disaggregatedBySex);
	const views = genderIndicatorViews(assessed);

	const modules = moduleRows.map(toModule).map((m) => ({ id: m.id, code: m.code, title: m.title }));
	const group = (module: ModuleRef | null): GenderGroup => {
		const own = actions.filter((a) => a.moduleId === (module?.id ?? null));
		const byStatus = Object.fromEntries(GENDER_ACTION_STATUSES.map((s) => [s, own.filter((a) => a.status === s).length])) as Record<
			GenderActionStatus,
			number
		>;
		const indicatorIds = [...new Set(own.flatMap((a) => a.indicatorIds))];
		return {
			module,
			actions: own,
			summary: { total: own.length, overdue: own.filter((a) => a.overdue).length, byStatus },
			indicators: indicatorIds.flatMap((id) => views.get(id) ?? []).sort((a, b) => a.code.localeCompare(b.code, 'es', { numeric: true }))
		};
	};
	const programmeWide = group(null);

	return {
		asOf,
		groups: [...(programmeWide.actions.length ? [programmeWide] : []), ...modules.map(group)],
		check: genderMarkerCheck(
			programme.genderMarker,
			modules,
			actions.map((a) => a.moduleId),
			disaggregated.map((i) => i.moduleId)
		),
		disaggregated: disaggregated.map((i) => ({ id: i.id, code: i.code, title: i.title })),
		modules
	};
}

/** The strategy check alone, for the programme overview: three small statements. */
/** The gender-marker check of design §4 (what the overview warns about). */
export async function loadGenderCheck(
	db: Executor,
	programme: Programme,
	_viewer: Pick<Viewer, 'internal'>,
	_options: ReadOptions = {}
): Promise<MarkerCheck<ModuleRef>> {
	const [moduleRows, actionModules, indicatorModules] = await Promise.all([
		db
			.selectFrom('module')
			.select(['id', 'code', 'title'])
			.where('programme_id', '=', programme.id)
			.orderBy('sort_order')
			.orderBy('id')
			.execute(),
		db.selectFrom('gender_action').select('module_id').distinct().where('programme_id', '=', programme.id).execute(),
		db
			.selectFrom('indicator')
			.select('module_id')
			.distinct()
			.where('programme_id', '=', programme.id)
			.where('disaggregated_by_sex', '=', 1)
			.execute()
	]);
	return genderMarkerCheck(
		programme.genderMarker,
		moduleRows,
		actionModules.map((a) => a.module_id),
		indicatorModules.map((i) => i.module_id)
	);
}
