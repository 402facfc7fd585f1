import { activityAsOf, activityOnTime } from '$lib/activity-status';
import { groupBy } from '$lib/group-by';
import { adoptionAsOf, isAdopted, keyActionAsOf, statusAsOf, summarizeKeyActions, type LadderEvent } from '$lib/adoption';
import { genderActionAsOf } from '$lib/gender-action-status';
import { otherLocale, translationKey, type TranslationMap } from '$lib/content-language';
import { gapMovement, genderGap } from '$lib/gender-gap';
import { aggregateSeries } from '$lib/indicator-status';
import {
	GENDER_ACTION_STATUSES,
	type ActivityStatus,
	type GenderActionStatus,
	type IsoDate,
	type KeyActionStatus,
	type Locale,
	type Programme,
	type RiskStatus
} from '$lib/model';
import { OUTLINES, type Rating, type ReportLayout, type SectionKey } from '$lib/reports/outline';
import {
	SNAPSHOT_SCHEMA,
	type BilingualText,
	type RecordKey,
	type ReportSnapshot,
	type SnapshotActivity,
	type SnapshotIndicator,
	type SnapshotPeriod,
	type SnapshotRecord,
	type SnapshotRisk
} from '$lib/reports/snapshot';
import { timeElapsed } from '$lib/programme-time';
import { checksAsOf, countOpenHighRisks, riskAsOf, riskBand } from '$lib/risk-rules';
import { sql } from 'kysely';
import { whatChanged, type SnapshotChanges } from '$lib/reports/what-changed';
import type { Executor } from '../db/executor';
import { loadRecordedBy, loadValuesAtDate } from '../core/history';
import { loadAllTranslations } from '../core/translations';
import { assessmentFor, countStatuses } from '../results/assessment';
import { financeSnapshot } from './snapshot-finance';
import { snapshotForecasts } from './forecast-block';
import { lessonRecords, readEvaluationBlock } from '../evaluation/snapshot-block';
import { donorSnapshot } from './snapshot-donor';
import { tripartiteSnapshot } from './snapshot-tripartite';

// The snapshot of a report (design §5): everything an issued report prints, built in ONE read
// transaction with a fixed number of statements whatever the size of the programme. Figures come
// from their one module (assessment, gender gap, adoption, risk rules); only approved values count;
// content texts carry both languages. The same builder serves the editor's live evidence and the
// issue, so what the evaluator sees while writing is what gets frozen.

export interface ReportRow {
	id: number;
	programmeId: number;
	layout: ReportLayout;
	titleEs: string;
	titleEn: string;
	windowStart: IsoDate;
	cutOff: IsoDate;
	languages: Locale[];
	periodIds: number[];
	/** Why it was reopened (a correction in the writing); null for a first issue. */
	correctionReason?: string | null;
}

export interface IssueFacts {
	number: number;
	supersedes: number | null;
	/** Why the report was reopened (a correction); null for a first issue. */
	correctionReason?: string | null;
	previousHash: string | null;
	issuedAt: string;
	issuedBy: string;
	origin: string;
}

export interface SnapshotSection {
	key: SectionKey;
	rating: Rating | null;
	/** Left unrated on purpose, with its reason as the justification (issue 19). */
	notRated?: boolean;
	narrativeEs: string;
	narrativeEn: string;
	justificationEs: string;
	justificationEn: string;
}

const orNull = (s: string | null | undefined) => (s && s.trim() !== '' ? s : null);

/**
 * Builds the snapshot of `report` of `programme` as of its cut-off. `db` should be a transaction
 * (the issue path opens one); the editor may pass the database, the reads then are still fixed
 * in number.
 */
export async function buildSnapshot(
	db: Executor,
	programme: Programme,
	report: ReportRow,
	sections: readonly SnapshotSection[],
	issue: IssueFacts
): Promise<ReportSnapshot> {
	const cutOff = report.cutOff;
	const pid = programme.id;
	// The evaluation matrix and the validated lessons and good practices (issue 24), read by their domain.
	const evaluationBlock = readEvaluationBlock(
		db,
		programme,
		{ id: report.id, status: 'draft', windowStart: report.windowStart, cutOff },
		issue.issuedAt
	);
	const [
		assessment,
		translations,
		moduleRows,
		outputRows,
		activityRows,
		valueRows,
		fileRows,
		riskRows,
		reviewRows,
		checkRows,
		genderRows,
		genderLinkRows,
		recommendationRows,
		eventRows,
		keyActionRows,
		recModuleRows,
		previousIssue,
		history,
		activitiesOnRecord
	] = await Promise.all([
		assessmentFor(db, programme, { cutOff }),
		loadAllTranslations(db, pid),
		db.selectFrom('module').selectAll().where('programme_id', '=', pid).orderBy('sort_order').orderBy('id').execute(),
		db
			.selectFrom('output')
			.innerJoin('module', 'module.id', 'output.module_id')
			.selectAll('output')
			.where('module.programme_id', '=', pid)
			.orderBy('module.sort_order')
			.orderBy('output.sort_order')
			.orderBy('output.id')
			.execute(),
		db
			.selectFrom('activity')
			.innerJoin('output', 'output.id', 'activity.output_id')
			.innerJoin('module', 'module.id', 'output.module_id')
			.selectAll('activity')
			.where('module.programme_id', '=', pid)
			.orderBy('module.sort_order')
			.orderBy('output.sort_order')
			.orderBy('activity.sort_order')
			.orderBy('activity.id')
			.execute(),
		db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.leftJoin('user', 'user.id', 'indicator_value.reviewed_by')
			.select([
				'indicator_value.id',
				'indicator_value.indicator_id',
				'indicator_value.period_id',
				'indicator_value.narrative',
				'indicator_value.evidence_url',
				'indicator_value.reviewed_at',
				'indicator_value.version',
				'indicator_value.is_illustrative',
				'user.name as reviewer'
			])
			.where('indicator.programme_id', '=', pid)
			.where('indicator_value.status', '=', 'approved')
			.execute(),
		db
			.selectFrom('attachment')
			.select(['owner_id', 'original_name', 'sha256'])
			.where('programme_id', '=', pid)
			.where('owner_entity', '=', 'indicator_value')
			.orderBy('id')
			.execute(),
		db.selectFrom('risk').selectAll().where('programme_id', '=', pid).orderBy('code').orderBy('id').execute(),
		db
			.selectFrom('risk_review')
			.innerJoin('risk', 'risk.id', 'risk_review.risk_id')
			.select(['risk_review.id', 'risk_review.risk_id', 'risk_review.reviewed_on', 'risk_review.likelihood', 'risk_review.impact'])
			.where('risk.programme_id', '=', pid)
			.where('risk_review.reviewed_on', '<=', cutOff)
			.execute(),
		db
			.selectFrom('assumption_check')
			.innerJoin('risk', 'risk.id', 'assumption_check.risk_id')
			.innerJoin('reporting_period', 'reporting_period.id', 'assumption_check.period_id')
			.select([
				'assumption_check.risk_id',
				'assumption_check.result',
				'assumption_check.note',
				'reporting_period.end_date',
				'reporting_period.start_date'
			])
			.where('risk.programme_id', '=', pid)
			.where('reporting_period.end_date', '<=', cutOff)
			.orderBy('reporting_period.start_date')
			.execute(),
		db.selectFrom('gender_action').selectAll().where('programme_id', '=', pid).orderBy('id').execute(),
		db
			.selectFrom('gender_action_indicator')
			.innerJoin('gender_action', 'gender_action.id', 'gender_action_indicator.action_id')
			.select(['gender_action_indicator.action_id', 'gender_action_indicator.indicator_id'])
			.where('gender_action.programme_id', '=', pid)
			.execute(),
		// The recommendations made by the cut-off (one with no date is kept: nothing says it came later).
		db
			.selectFrom('recommendation')
			.selectAll()
			.where('programme_id', '=', pid)
			.where((eb) => eb.or([eb('issued_on', 'is', null), eb('issued_on', '<=', cutOff)]))
			.orderBy('code')
			.orderBy('id')
			.execute(),
		db
			.selectFrom('adoption_event')
			.innerJoin('recommendation', 'recommendation.id', 'adoption_event.recommendation_id')
			.select([
				'adoption_event.id',
				'adoption_event.recommendation_id',
				'adoption_event.event_date',
				'adoption_event.status',
				'adoption_event.instrument'
			])
			.where('recommendation.programme_id', '=', pid)
			.orderBy('adoption_event.event_date')
			.orderBy('adoption_event.id')
			.execute(),
		db
			.selectFrom('key_action')
			.innerJoin('recommendation', 'recommendation.id', 'key_action.recommendation_id')
			.select([
				'key_action.id',
				'key_action.recommendation_id',
				'key_action.due_date',
				'key_action.status',
				// for the management-response annex of the donors' formats (issue 21)
				'key_action.action',
				'key_action.responsible',
				'key_action.is_illustrative'
			])
			.where('recommendation.programme_id', '=', pid)
			.execute(),
		db
			.selectFrom('recommendation_module')
			.innerJoin('recommendation', 'recommendation.id', 'recommendation_module.recommendation_id')
			.select(['recommendation_module.recommendation_id', 'recommendation_module.module_id'])
			.where('recommendation.programme_id', '=', pid)
			.execute(),
		// What "what changed since the last issue" compares with: the previous issue of this report,
		// or for a first issue the latest issue of any report of this programme before this one.
		db
			.selectFrom('report_issue')
			.innerJoin('report', 'report.id', 'report_issue.report_id')
			.select(['report_issue.snapshot', 'report_issue.report_id', 'report_issue.number', 'report_issue.snapshot_sha256'])
			.where('report.programme_id', '=', pid)
			.where('report_issue.issued_at', '<', issue.issuedAt)
			.orderBy(sql`case when report_issue.report_id = ${report.id} then 0 else 1 end`)
			.orderBy('report_issue.issued_at', 'desc')
			.orderBy('report_issue.id', 'desc')
			.limit(1)
			.executeTakeFirst(),
		// Everything is printed as it stood at the cut-off: the changes recorded since are undone.
		loadValuesAtDate(db, pid, ['activity', 'gender_action', 'key_action', 'risk'], cutOff),
		// Which activities were on record by the cut-off: the others' progress % is today's (activity-status.ts).
		loadRecordedBy(db, pid, 'activity', cutOff)
	]);

	const lang = programme.contentLanguage;
	const other = otherLocale(lang);
	const otherMap: TranslationMap = translations[other];
	const bi = (entity: string, id: number, field: string, original: string): BilingualText => ({
		original,
		translation: original.trim() === '' ? null : orNull(otherMap.get(translationKey(entity, id, field)))
	});
	const labelled = (code: string, text: BilingualText): BilingualText => ({
		original: code ? `${code} ${text.original}` : text.original,
		translation: text.translation === null ? null : code ? `${code} ${text.translation}` : text.translation
	});
	const base = `/programmes/${programme.slug}`;
	const records: Record<RecordKey, SnapshotRecord> = {};
	const addRecord = (
		r: Omit<SnapshotRecord, 'approvedBy' | 'approvedAt' | 'evidence' | 'evidenceUrl' | 'illustrative'> & Partial<SnapshotRecord>
	) => {
		records[r.key] = { approvedBy: null, approvedAt: null, evidence: [], evidenceUrl: null, illustrative: false, ...r };
	};

	const toSnapshotPeriod = (p: { id: number; label: string; startDate: IsoDate; endDate: IsoDate }): SnapshotPeriod => ({
		id: p.id,
		label: p.label,
		start: p.startDate,
		end: p.endDate
	});
	// Nothing after the cut-off is printed: the periods after it have not happened yet for this report.
	const reportedPeriods = assessment.periods.filter((p) => p.endDate <= cutOff);
	const allPeriods = reportedPeriods.map(toSnapshotPeriod);
	const covered = report.periodIds.length
		? allPeriods.filter((p) => report.periodIds.includes(p.id))
		: allPeriods.filter((p) => p.end <= cutOff && p.end >= report.windowStart);

	// ---- programme and logframe ----------------------------------------------------------------
	const programmeKey = `programme:${programme.code}`;
	addRecord({
		key: programmeKey,
		kind: 'programme',
		id: pid,
		label: labelled(programme.code, bi('programme', pid, 'title', programme.title)),
		version: programme.version,
		path: base
	});
	const modules = moduleRows.map((m) => {
		const key = `module:${m.code}`;
		const title = bi('module', m.id, 'title', m.title);
		addRecord({
			key,
			kind: 'module',
			id: m.id,
			label: labelled(m.code, title),
			version: m.version,
			path: `${base}/results#module-${m.id}`
		});
		return { key, id: m.id, code: m.code, title, objective: bi('module', m.id, 'objective', m.objective) };
	});
	const moduleOfOutput = new Map(outputRows.map((o) => [o.id, o.module_id]));
	const outputs = outputRows.map((o) => {
		const key = `output:${o.code}`;
		const title = bi('output', o.id, 'title', o.title);
		addRecord({
			key,
			kind: 'output',
			id: o.id,
			label: labelled(o.code, title),
			version: o.version,
			path: `${base}/results#output-${o.id}`
		});
		return { key, id: o.id, moduleId: o.module_id, code: o.code, title };
	});
	const activityHistory = history.get('activity')!;
	const activities: SnapshotActivity[] = activityRows.map((a) => {
		const key = `activity:${a.code}`;
		const title = bi('activity', a.id, 'title', a.title);
		addRecord({
			key,
			kind: 'activity',
			id: a.id,
			label: labelled(a.code, title),
			version: a.version,
			path: `${base}/results#activity-${a.id}`
		});
		const at = activityAsOf(
			{
				status: a.status as ActivityStatus,
				plannedStart: a.planned_start,
				plannedEnd: a.planned_end,
				actualStart: a.actual_start,
				actualEnd: a.actual_end,
				progress: a.progress
			},
			cutOff,
			activityHistory.get(a.id),
			// A cut-off on or after the issue is today: every record's fields hold at it.
			{ onRecord: cutOff >= issue.issuedAt.slice(0, 10) || activitiesOnRecord.has(a.id) }
		);
		return {
			key,
			id: a.id,
			outputId: a.output_id,
			code: a.code,
			title,
			...at,
			onTime: activityOnTime(at.status, at.plannedEnd, at.actualEnd, cutOff)
		};
	});

	// ---- indicators ----------------------------------------------------------------------------
	const valueMeta = new Map<string, (typeof valueRows)[number]>();
	for (const v of valueRows) valueMeta.set(`${v.indicator_id}:${v.period_id}`, v);
	const filesOf = new Map<number, { name: string; sha256: string }[]>();
	for (const f of fileRows) {
		let list = filesOf.get(f.owner_id);
		if (!list) filesOf.set(f.owner_id, (list = []));
		list.push({ name: f.original_name, sha256: f.sha256 });
	}
	const sortedPeriods = [...reportedPeriods].sort((a, b) => a.startDate.localeCompare(b.startDate));
	const indicators: SnapshotIndicator[] = assessment.indicators.map((ind) => {
		const a = assessment.assessments.get(ind.id)!;
		const key = `indicator:${ind.code}`;
		const title = bi('indicator', ind.id, 'title', ind.title);
		addRecord({
			key,
			kind: 'indicator',
			id: ind.id,
			label: labelled(ind.code, title),
			version: ind.version,
			path: `${base}/indicators/${ind.id}`
		});
		const approved = assessment.approved.get(ind.id) ?? new Map();
		const byPeriod = new Map(a.periods.map((p) => [p.periodId, p]));
		const womenSeries = aggregateSeries(
			ind.aggregation,
			sortedPeriods.map((p) => approved.get(p.id)?.women ?? null)
		);
		const menSeries = aggregateSeries(
			ind.aggregation,
			sortedPeriods.map((p) => approved.get(p.id)?.men ?? null)
		);
		const periods = sortedPeriods.map((p, i) => {
			const pa = byPeriod.get(p.id);
			const v = approved.get(p.id);
			const meta = valueMeta.get(`${ind.id}:${p.id}`);
			let valueKey: string | null = null;
			if (v) {
				valueKey = `value:${ind.code}@${p.label}`;
				addRecord({
					key: valueKey,
					kind: 'value',
					id: meta?.id ?? 0,
					label: {
						original: `${ind.code} ${title.original} · ${p.label}`,
						translation: title.translation === null ? null : `${ind.code} ${title.translation} · ${p.label}`
					},
					version: meta?.version ?? 1,
					path: `${base}/indicators/${ind.id}#period-${p.id}`,
					approvedBy: meta?.reviewer ?? null,
					approvedAt: meta?.reviewed_at ?? null,
					evidence: meta ? (filesOf.get(meta.id) ?? []) : [],
					evidenceUrl: meta?.evidence_url ?? null,
					illustrative: meta?.is_illustrative === 1
				});
			}
			return {
				periodId: p.id,
				milestone: pa?.milestone ?? null,
				expected: pa?.expected ?? null,
				value: pa?.value ?? null,
				women: v?.women ?? null,
				men: v?.men ?? null,
				actual: pa?.actual ?? null,
				actualWomen: v ? (womenSeries[i] ?? null) : null,
				actualMen: v ? (menSeries[i] ?? null) : null,
				status: pa?.status ?? null,
				text: ind.measure === 'qualitative' || ind.measure === 'milestone' ? orNull(meta?.narrative) : null,
				// The explanation of a figure: only for numeric values (a text value IS its narrative).
				narrative:
					v && meta && ind.measure !== 'qualitative' && ind.measure !== 'milestone' && orNull(meta.narrative)
						? bi('indicator_value', meta.id, 'narrative', meta.narrative)
						: null,
				valueKey
			};
		});
		let gap: SnapshotIndicator['gap'] = null;
		if (ind.disaggregatedBySex) {
			const judgedIndex = periods.findIndex((p) => p.periodId === (a.periodId ?? a.latestPeriodId));
			const at = judgedIndex >= 0 ? periods[judgedIndex]! : null;
			const split = at ? { women: at.actualWomen, men: at.actualMen } : { women: null, men: null };
			const current = genderGap(split);
			let previous: number | null = null;
			for (let i = judgedIndex - 1; i >= 0 && previous === null; i--) {
				previous = genderGap({ women: periods[i]!.actualWomen, men: periods[i]!.actualMen });
			}
			const movement = previous === null ? null : gapMovement({ gap: previous }, { gap: current });
			gap = {
				women: split.women,
				men: split.men,
				gap: current,
				previousGap: previous,
				trend: movement === null ? null : movement === 'narrowing' ? 'narrows' : movement === 'widening' ? 'widens' : 'same'
			};
		}
		const judged = a.periodId === null ? null : byPeriod.get(a.periodId);
		return {
			key,
			id: ind.id,
			code: ind.code,
			level: ind.level,
			moduleId: ind.moduleId ?? (ind.outputId !== null ? (moduleOfOutput.get(ind.outputId) ?? null) : null),
			outputId: ind.outputId,
			title,
			unit: bi('indicator', ind.id, 'unit', ind.unit),
			measure: ind.measure,
			direction: ind.direction,
			aggregation: ind.aggregation,
			decimals: ind.decimals,
			disaggregated: ind.disaggregatedBySex,
			isKey: ind.isKey,
			baseline: ind.baselineValue,
			endTarget: ind.targetValue,
			status: a.status,
			judgedPeriodId: a.periodId,
			actual: a.actual,
			expected: a.expected,
			milestone: judged?.milestone ?? null,
			progress: a.progress,
			achievement: a.achievement,
			updateOverduePeriodId: a.updateOverdue?.periodId ?? null,
			gap,
			sdgTarget: ind.sdgTarget,
			frameworkRefs: [ind.iloOutcome, ind.euLogframeCode].filter((s) => s.trim() !== ''),
			periods
		};
	});

	// ---- risks ---------------------------------------------------------------------------------
	let previousRisks = new Map<number, { score: number; status: RiskStatus }>();
	let previous: Partial<ReportSnapshot> | null = null;
	if (previousIssue) {
		try {
			previous = JSON.parse(previousIssue.snapshot) as Partial<ReportSnapshot>;
			previousRisks = new Map((previous.risks ?? []).map((r) => [r.id, { score: r.score, status: r.status }]));
		} catch {
			previous = null;
		}
	}
	const reviewsOf = groupBy(reviewRows, (r) => r.risk_id);
	const checksOf = groupBy(checkRows, (r) => r.risk_id);
	const risks: SnapshotRisk[] = riskRows.map((r) => {
		const key = `risk:${r.code || r.id}`;
		const title = bi('risk', r.id, 'title', r.title);
		addRecord({ key, kind: 'risk', id: r.id, label: labelled(r.code, title), version: r.version, path: `${base}/risks/${r.id}` });
		const reviews = (reviewsOf.get(r.id) ?? []).map((v) => ({
			id: v.id,
			reviewedOn: v.reviewed_on,
			likelihood: v.likelihood,
			impact: v.impact
		}));
		const at = riskAsOf(r, reviews, cutOff, history.get('risk')!.get(r.id));
		const { likelihood, impact, score } = at;
		const prev = previousRisks.get(r.id);
		return {
			key,
			id: r.id,
			code: r.code,
			kind: r.kind,
			title,
			description: bi('risk', r.id, 'description', r.description),
			category: r.category,
			likelihood,
			impact,
			score,
			band: riskBand(score),
			trend: at.trend,
			status: at.status,
			mitigation: r.mitigation,
			checks: checksAsOf(
				(checksOf.get(r.id) ?? []).map((c) => ({ ...c, periodEnd: c.end_date })),
				cutOff
			)
				.filter((c) => c.end_date >= report.windowStart)
				.map((c) => ({ date: c.end_date, result: c.result, note: c.note })),
			previousScore: prev?.score ?? null,
			previousStatus: prev?.status ?? null
		};
	});

	// ---- gender --------------------------------------------------------------------------------
	const indicatorKeyById = new Map(indicators.map((i) => [i.id, i.key]));
	const linksOf = groupBy(genderLinkRows, (l) => l.action_id);
	const genderHistory = history.get('gender_action')!;
	const genderActions = genderRows.map((g) => {
		const key = `gender_action:${g.id}`;
		const title = bi('gender_action', g.id, 'title', g.title);
		addRecord({
			key,
			kind: 'gender_action',
			id: g.id,
			label: title,
			version: g.version,
			path: `${base}/gender#action-${g.id}`,
			evidenceUrl: g.evidence_url
		});
		const at = genderActionAsOf({ status: g.status, startDate: g.start_date, dueDate: g.due_date }, cutOff, genderHistory.get(g.id));
		return {
			key,
			id: g.id,
			moduleId: g.module_id,
			title,
			type: g.type,
			status: at.status,
			dueDate: at.dueDate,
			indicatorKeys: (linksOf.get(g.id) ?? []).map((l) => indicatorKeyById.get(l.indicator_id)).filter((k): k is string => !!k)
		};
	});

	// ---- recommendations -----------------------------------------------------------------------
	const keyActionHistory = history.get('key_action')!;
	const keyActionAt = (k: (typeof keyActionRows)[number]) =>
		keyActionAsOf({ dueDate: k.due_date, status: k.status as KeyActionStatus }, cutOff, keyActionHistory.get(k.id));
	const eventsOf = groupBy(eventRows, (e) => e.recommendation_id);
	const keyActionsOf = groupBy(keyActionRows, (k) => k.recommendation_id);
	const modulesOf = groupBy(recModuleRows, (m) => m.recommendation_id);
	const ladders: LadderEvent[][] = [];
	const recommendations = recommendationRows.map((r) => {
		const key = `recommendation:${r.code}`;
		const text = bi('recommendation', r.id, 'text', r.text);
		const events = (eventsOf.get(r.id) ?? []).map((e) => ({
			id: e.id,
			eventDate: e.event_date,
			status: e.status,
			instrument: e.instrument
		}));
		ladders.push(events);
		const actions = (keyActionsOf.get(r.id) ?? []).map(keyActionAt);
		const ka = summarizeKeyActions(actions, cutOff);
		addRecord({
			key,
			kind: 'recommendation',
			id: r.id,
			label: labelled(r.code, text),
			version: r.version,
			path: `${base}/recommendations/${r.id}`
		});
		return {
			key,
			id: r.id,
			code: r.code,
			text,
			addressedTo: r.addressed_to,
			addressedToText: bi('recommendation', r.id, 'addressedTo', r.addressed_to),
			area: r.area,
			priority: r.priority,
			status: statusAsOf(events, cutOff),
			instruments: events
				.filter((e) => e.eventDate <= cutOff && e.instrument.trim() !== '')
				.map((e) => ({ date: e.eventDate, status: e.status, instrument: e.instrument })),
			keyActions: { total: ka.total, completed: ka.completed, overdue: ka.overdue },
			moduleIds: (modulesOf.get(r.id) ?? []).map((m) => m.module_id)
		};
	});
	const adoption = adoptionAsOf(ladders, cutOff);

	// ---- the donors' own formats (issue 21): facts, deviations, logframe columns, responses -------
	const donor = await donorSnapshot(db, programme, {
		cutOff,
		report: { id: report.id, layout: report.layout, languages: report.languages },
		modules,
		windowStart: report.windowStart,
		bi,
		activities: activities.map((a, n) => ({ id: a.id, key: a.key, deviationReason: activityRows[n]!.deviation_reason })),
		indicatorKeyById,
		riskKeyById: new Map(risks.map((r) => [r.id, r.key])),
		recommendations: recommendationRows.map((r) => ({
			id: r.id,
			key: `recommendation:${r.code}`,
			response: r.management_response,
			responseText: r.management_response_text,
			illustrative: r.response_is_illustrative === 1,
			keyActions: (keyActionsOf.get(r.id) ?? []).map((k) => {
				const at = keyActionAt(k);
				return {
					id: k.id,
					action: k.action,
					responsible: k.responsible,
					dueDate: at.dueDate,
					status: at.status,
					illustrative: k.is_illustrative === 1
				};
			})
		}))
	});
	const allKeyActions = summarizeKeyActions(keyActionRows.map(keyActionAt), cutOff);

	// ---- figures -------------------------------------------------------------------------------
	const statusByModule: ReportSnapshot['figures']['statusByModule'] = [];
	for (const moduleId of [null, ...modules.map((m) => m.id)]) {
		const ids = indicators.filter((i) => i.moduleId === moduleId).map((i) => i.id);
		if (moduleId === null && ids.length === 0) continue;
		statusByModule.push({ moduleId, counts: countStatuses(ids.map((id) => assessment.assessments.get(id)!)) });
	}
	const genderCounts = Object.fromEntries(GENDER_ACTION_STATUSES.map((s) => [s, 0])) as Record<GenderActionStatus, number>;
	for (const g of genderActions) genderCounts[g.status] += 1;
	const openHighRisks = countOpenHighRisks(risks);

	// ---- money and results (issue 20): its own reader, the finance read model on this assessment
	const money = await financeSnapshot(
		db,
		programme,
		cutOff,
		assessment,
		(entity, id, code, title) => labelled(code, bi(entity, id, 'title', title)),
		moduleRows.map((m) => ({
			id: m.id,
			code: m.code,
			title: m.title,
			outputs: outputRows
				.filter((o) => o.module_id === m.id)
				.map((o) => ({ id: o.id, moduleId: m.id, code: o.code, title: o.title, activities: [] }))
		}))
	);
	for (const r of money.records) addRecord(r);

	// ---- the tripartite lens (issue 25): the dialogue domain's rule, on this snapshot's records
	const lens = await tripartiteSnapshot(db, programme, {
		windowStart: report.windowStart,
		cutOff,
		activityIds: activityRows.map((a) => a.id),
		periods: assessment.periods,
		adopted: recommendations.filter((r) => isAdopted(r.status)).map((r) => ({ id: r.id, key: r.key })),
		translate: (id, field, original) => bi('social_dialogue_event', id, field, original)
	});
	for (const r of lens.records) addRecord(r);

	const sectionByKey = new Map(sections.map((s) => [s.key, s]));
	const issues = (l: Locale) => report.languages.includes(l);
	const snapshotSections = OUTLINES[report.layout].map((o) => {
		const s = sectionByKey.get(o.key);
		return {
			key: o.key,
			rating: o.rated ? (s?.rating ?? null) : null,
			// Only when chosen, so snapshots of criteria rated as before keep their shape.
			...(o.rated && s?.notRated ? { notRated: true as const } : {}),
			narrative: { es: issues('es') ? (s?.narrativeEs ?? '') : null, en: issues('en') ? (s?.narrativeEn ?? '') : null },
			justification: {
				es: o.rated && issues('es') ? (s?.justificationEs ?? '') : null,
				en: o.rated && issues('en') ? (s?.justificationEn ?? '') : null
			}
		};
	});

	const changes: SnapshotChanges = {
		since:
			previousIssue && previous
				? {
						reportId: previousIssue.report_id,
						issueNumber: previousIssue.number,
						title: { es: previous.report?.title.es ?? null, en: previous.report?.title.en ?? null },
						cutOff: previous.report?.cutOff ?? '',
						sha256: previousIssue.snapshot_sha256
					}
				: null,
		items: previous
			? whatChanged(
					previous,
					{ indicators, activities, risks, recommendations, sections: snapshotSections },
					previousIssue?.report_id === report.id
				)
			: []
	};

	// Validated lessons and good practices are citable records ([[lesson:12]]), like any record.
	const evaluation = await evaluationBlock;
	for (const r of lessonRecords(evaluation)) addRecord(r);
	return {
		schema: SNAPSHOT_SCHEMA,
		report: {
			id: report.id,
			title: { es: orNull(report.titleEs), en: orNull(report.titleEn) },
			layout: report.layout,
			languages: [...report.languages],
			periods: covered,
			windowStart: report.windowStart,
			cutOff,
			issueNumber: issue.number,
			supersedes: issue.supersedes,
			correctionReason: issue.correctionReason ?? null,
			...(issue.correctionReason ? { correctionReasonText: bi('report', report.id, 'correction_reason', issue.correctionReason) } : {}),
			previousHash: issue.previousHash,
			issuedAt: issue.issuedAt,
			issuedBy: issue.issuedBy,
			origin: issue.origin
		},
		programme: {
			key: programmeKey,
			id: pid,
			slug: programme.slug,
			code: programme.code,
			shortName: programme.shortName,
			title: bi('programme', pid, 'title', programme.title),
			summary: bi('programme', pid, 'summary', programme.summary),
			contentLanguage: lang,
			country: programme.country,
			partners: programme.partners,
			donor: programme.donor,
			donorText: bi('programme', pid, 'donor', programme.donor),
			partnersText: bi('programme', pid, 'partners', programme.partners),
			countryText: bi('programme', pid, 'country', programme.country),
			fundingModality: programme.fundingModality,
			budget: programme.budgetCents === null ? null : { amount: programme.budgetCents / 100, currency: programme.currency },
			startDate: programme.startDate,
			endDate: programme.endDate,
			effectiveEndDate: programme.effectiveEndDate,
			status: programme.status,
			sdgTargets: [...programme.sdgTargets],
			genderMarker: programme.genderMarker,
			timeElapsed: timeElapsed(programme.startDate, programme.effectiveEndDate, cutOff)
		},
		allPeriods,
		modules,
		outputs,
		indicators,
		activities,
		risks,
		genderActions,
		recommendations,
		figures: {
			statusCounts: countStatuses(assessment.assessments.values()),
			statusByModule,
			activities: {
				total: activities.length,
				completed: activities.filter((a) => a.status === 'completed').length,
				onTime: activities.filter((a) => a.onTime && a.status !== 'cancelled').length,
				delayed: activities.filter((a) => !a.onTime && a.status !== 'cancelled').length
			},
			adoption: { rate: adoption.adoptionRate, addressedRate: adoption.addressedRate, counts: adoption.byStatus },
			keyActions: { total: allKeyActions.total, completed: allKeyActions.completed, overdue: allKeyActions.overdue },
			openHighRisks,
			genderActions: genderCounts
		},
		sections: snapshotSections,
		finance: money.finance,
		records: sortRecords(records),
		changes,
		forecasts: snapshotForecasts(assessment),
		evaluation,
		donor,
		tripartite: lens.tripartite
	};
}

function sortRecords(records: Record<RecordKey, SnapshotRecord>): Record<RecordKey, SnapshotRecord> {
	return Object.fromEntries(Object.entries(records).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
