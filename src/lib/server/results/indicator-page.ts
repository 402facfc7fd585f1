import { aggregateSeries, assessIndicator, statusInput, type Assessment, type PeriodAssessment } from '$lib/indicator-status';
import { forecastIndicator, type Forecast } from '$lib/indicator-forecast';
import {
	isOpenValueState,
	type Indicator,
	type IndicatorTarget,
	type IndicatorValue,
	type IsoDate,
	type Programme,
	type ReportingPeriod
} from '$lib/model';
import type { Executor } from '../db/executor';
import { todayIso } from '../core/dates';
import type { Viewer } from '../core/viewer';
import { listAttachments, type Attachment } from '../core/attachments';
import { listAudit, type AuditRecord } from '../core/audit';
import { auditNames } from '../core/audit-names';
import type { AuditNames } from '$lib/i18n/audit-lines';
import { indicatorIn, toIndicator, toTarget } from './indicators';
import { listIndicatorValues, listValueComments, reviewableValueIds, type ValueComment } from './values';
import { derivedValues } from './derived-values';
import { toPeriod } from '../programmes/programmes';

// The indicator page: the reference sheet, each period's target, values and status, and history.

export interface PeriodRow {
	period: ReportingPeriod;
	target: IndicatorTarget | null;
	approved: IndicatorValue | null;
	/** For a derived indicator: the value counted from the records it follows. */
	derived: number | null;
	open: IndicatorValue | null;
	assessment: PeriodAssessment;
	/** Women and men aggregated the way the total is (running sums for a cumulative indicator). */
	women: number | null;
	men: number | null;
}

export interface IndicatorDetail {
	indicator: Indicator;
	module: { id: number; code: string; title: string } | null;
	output: { id: number; code: string; title: string } | null;
	assessment: Assessment;
	/** Where the indicator is heading at the (revised) end date, from the same input as its status. */
	forecast: Forecast;
	rows: PeriodRow[];
	values: IndicatorValue[];
	comments: ValueComment[];
	attachments: Attachment[];
	history: AuditRecord[];
	/** The records the history points to (periods, people, parents…), by name. */
	historyNames: AuditNames;
	/** The open values this viewer may approve or return (the four-eyes rule, decided on the server). */
	reviewable: number[];
	asOf: IsoDate;
}

export async function loadIndicatorDetail(
	db: Executor,
	programme: Programme,
	viewer: Viewer,
	options: { indicatorId: number; asOf?: IsoDate }
): Promise<IndicatorDetail> {
	const { indicatorId } = options;
	const asOf = options.asOf ?? todayIso();
	const indicator = toIndicator(await indicatorIn(db, programme.id, indicatorId));
	const [parents, periodRows, targetRows, values] = await Promise.all([
		db
			.selectFrom('module')
			.leftJoin('output', (join) => join.onRef('output.module_id', '=', 'module.id').on('output.id', '=', indicator.outputId ?? -1))
			.select([
				'module.id as module_id',
				'module.code as module_code',
				'module.title as module_title',
				'output.id as output_id',
				'output.code as output_code',
				'output.title as output_title'
			])
			.where('module.id', '=', indicator.moduleId ?? -1)
			.executeTakeFirst(),
		db.selectFrom('reporting_period').selectAll().where('programme_id', '=', programme.id).orderBy('start_date').execute(),
		db.selectFrom('indicator_target').selectAll().where('indicator_id', '=', indicator.id).execute(),
		listIndicatorValues(db, indicator.id, viewer)
	]);
	const periods = periodRows.map(toPeriod);
	const targets = new Map(targetRows.map((t) => [t.period_id, toTarget(t)]));
	const approved = new Map(values.filter((v) => v.status === 'approved').map((v) => [v.periodId, v]));
	const open = new Map(values.filter((v) => isOpenValueState(v.status)).map((v) => [v.periodId, v]));
	const derived = (await derivedValues(db, [{ programmeId: programme.id, indicators: [indicator], periods }], asOf)).get(indicator.id);

	const input = statusInput(
		programme,
		indicator,
		periods,
		new Map([...targets.values()].map((t) => [t.periodId, t.value])),
		derived ?? new Map([...approved.values()].map((v) => [v.periodId, v.value])),
		asOf
	);
	const assessment = assessIndicator(input);
	const forecast = forecastIndicator(input);
	const assessmentByPeriod = new Map(assessment.periods.map((p) => [p.periodId, p]));
	const women = aggregateSeries(
		indicator.aggregation,
		periods.map((p) => approved.get(p.id)?.women ?? null)
	);
	const men = aggregateSeries(
		indicator.aggregation,
		periods.map((p) => approved.get(p.id)?.men ?? null)
	);
	const valueIds = values.map((v) => v.id);

	const submittedIds = values.filter((v) => v.status === 'submitted').map((v) => v.id);
	const [comments, attachments, history, reviewable] = await Promise.all([
		viewer.internal ? listValueComments(db, valueIds) : Promise.resolve([]),
		listAttachments(db, 'indicator_value', valueIds),
		viewer.internal ? indicatorHistory(db, indicator.id, valueIds) : Promise.resolve([]),
		viewer.canReview ? reviewableValueIds(db, viewer.id, submittedIds) : Promise.resolve(new Set<number>())
	]);
	const historyNames = await auditNames(db, history);

	return {
		indicator,
		module: parents ? { id: parents.module_id, code: parents.module_code, title: parents.module_title } : null,
		output: parents?.output_id ? { id: parents.output_id, code: parents.output_code!, title: parents.output_title! } : null,
		assessment,
		forecast,
		rows: periods.map((period, i) => ({
			period,
			target: targets.get(period.id) ?? null,
			approved: approved.get(period.id) ?? null,
			derived: derived?.get(period.id) ?? null,
			open: open.get(period.id) ?? null,
			assessment: assessmentByPeriod.get(period.id)!,
			women: women[i]!,
			men: men[i]!
		})),
		values,
		comments,
		attachments,
		history,
		historyNames,
		reviewable: [...reviewable],
		asOf
	};
}

/** The audit trail of an indicator: its reference sheet, its targets and its values. */
function indicatorHistory(db: Executor, indicatorId: number, valueIds: number[]): Promise<AuditRecord[]> {
	return listAudit(db, {
		subjects: [
			{ entity: 'indicator', ids: [indicatorId] },
			{ entity: 'indicator_value', ids: valueIds }
		]
	});
}
