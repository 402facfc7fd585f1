import { GENDER_ACTION_STATUSES, ADOPTION_STATUSES } from '$lib/model';
import type { DocBlock, DocRow } from './document';
import type { ComposeContext } from './compose-context';
import { indicatorCell, judgedValueKey, none, row, table, type Builder } from './evidence';
import type { SnapshotIndicator, SnapshotRisk } from './snapshot';
import { partnersText } from './fact-texts';

// Evidence blocks on activities, risks, recommendations and gender (see evidence.ts).

const riskTitle = (ctx: ComposeContext, r: SnapshotRisk) => ctx.loc(r.title, r.key, 'title');

export const assumptionChecks: Builder = (ctx, id) => {
	const { t, i18n } = ctx;
	const rows: DocRow[] = [];
	for (const r of ctx.snapshot.risks)
		for (const c of r.checks)
			rows.push(
				row(
					[ctx.ref(r.code, r.key)],
					riskTitle(ctx, r),
					ctx.text(i18n.date(c.date)),
					[ctx.ref(i18n.td(`assumptionResult.${c.result}`), r.key)],
					// Check notes have no translation field: the original, marked in the other language.
					ctx.loc({ original: c.note, translation: null }, r.key, 'checkNote')
				)
			);
	if (!rows.length) return [none(ctx)];
	return [
		table(
			id,
			t('reportDoc.block.assumption_checks'),
			[
				[t('reportDoc.col.code'), false],
				[t('reportDoc.col.risk'), false],
				[t('reportDoc.col.date'), false],
				[t('reportDoc.col.result'), false],
				[t('reportDoc.col.note'), false]
			],
			rows
		)
	];
};

export const materialisedRisks: Builder = (ctx, id) => {
	const { t, i18n } = ctx;
	const hit = ctx.snapshot.risks.filter((r) => r.status === 'materialised' || r.checks.at(-1)?.result === 'no');
	if (!hit.length) return [none(ctx)];
	return [
		table(
			id,
			t('reportDoc.block.materialised_risks'),
			[
				[t('reportDoc.col.code'), false],
				[t('reportDoc.col.risk'), false],
				[t('reportDoc.col.kind'), false],
				[t('reportDoc.col.status'), false],
				[t('reportDoc.col.note'), false]
			],
			hit.map((r) =>
				row(
					[ctx.ref(r.code, r.key)],
					riskTitle(ctx, r),
					ctx.text(i18n.td(`riskKind.${r.kind}`)),
					[ctx.ref(i18n.td(`riskStatus.${r.status}`), r.key)],
					ctx.loc(r.description, r.key, 'description')
				)
			)
		)
	];
};

export const linkedRecommendations: Builder = (ctx, id) => {
	const { t, i18n, snapshot } = ctx;
	const blocks: DocBlock[] = [{ type: 'facts', items: [{ label: t('reportDoc.fact.partners'), value: partnersText(ctx) }] }];
	const linked = snapshot.recommendations.filter((r) => r.moduleIds.length);
	if (!linked.length) return [...blocks, none(ctx)];
	blocks.push(
		table(
			id,
			t('reportDoc.block.linked_recommendations'),
			[
				[t('reportDoc.col.code'), false],
				[t('reportDoc.col.recommendation'), false],
				[t('reportDoc.col.module'), false],
				[t('reportDoc.col.status'), false]
			],
			linked.map((r) =>
				row(
					[ctx.ref(r.code, r.key)],
					ctx.loc(r.text, r.key, 'text'),
					r.moduleIds.flatMap((mid, n) => {
						const m = snapshot.modules.find((x) => x.id === mid);
						return m ? [...(n ? ctx.text(', ') : []), ctx.ref(m.code, m.key)] : [];
					}),
					[ctx.ref(i18n.td(`adoptionStatus.${r.status}`), r.key)]
				)
			)
		)
	);
	return blocks;
};

export const activitiesSummary: Builder = (ctx, id) => {
	const { t, i18n, snapshot } = ctx;
	const a = snapshot.figures.activities;
	const p = snapshot.programme.key;
	const blocks: DocBlock[] = [
		{
			type: 'facts',
			items: [
				{ label: t('reportDoc.kf.activitiesCompleted'), value: [ctx.ref(`${i18n.number(a.completed)} / ${i18n.number(a.total)}`, p)] },
				{ label: t('reportDoc.kf.activitiesOnTime'), value: [ctx.ref(i18n.number(a.onTime), p)] },
				{ label: t('reportDoc.kf.activitiesDelayed'), value: [ctx.ref(i18n.number(a.delayed), p)] }
			]
		}
	];
	if (!snapshot.activities.length) return blocks;
	const dates = (s: string | null, e: string | null) => `${i18n.date(s)} – ${i18n.date(e)}`;
	blocks.push(
		table(
			id,
			t('reportDoc.block.activities_summary'),
			[
				[t('reportDoc.col.code'), false],
				[t('reportDoc.col.activity'), false],
				[t('reportDoc.col.status'), false],
				[t('reportDoc.col.planned'), false],
				[t('reportDoc.col.actualDates'), false],
				[t('reportDoc.col.onTime'), false]
			],
			snapshot.activities.map((x) =>
				row(
					[ctx.ref(x.code, x.key)],
					ctx.loc(x.title, x.key, 'title'),
					[ctx.ref(i18n.td(`activityStatus.${x.status}`), x.key)],
					ctx.text(dates(x.plannedStart, x.plannedEnd)),
					ctx.text(dates(x.actualStart, x.actualEnd)),
					[ctx.ref(ctx.yesNo(x.onTime), x.key)]
				)
			)
		)
	);
	return blocks;
};

/** Trend charts are drawn for key numeric indicators only (at most this many per report). */
const MAX_TREND_CHARTS = 4;

function trend(ctx: ComposeContext, i: SnapshotIndicator, id: string): DocBlock[] {
	const { t, snapshot } = ctx;
	const periods = snapshot.allPeriods.filter(
		(p) => p.end <= snapshot.report.cutOff || i.periods.some((x) => x.periodId === p.id && x.actual !== null)
	);
	const of = (pid: number) => i.periods.find((x) => x.periodId === pid);
	const labels = periods.map((p) => p.label);
	return [
		{
			type: 'chart',
			chart: {
				id: `${id}-chart`,
				kind: 'indicator_trend',
				title: t('reportDoc.chart.trend', { code: i.code }),
				alt: t('reportDoc.chart.trendAlt', { code: i.code }),
				input: {
					periods: labels,
					actual: periods.map((p) => of(p.id)?.actual ?? null),
					target: periods.map((p) => of(p.id)?.expected ?? null),
					women: i.disaggregated ? periods.map((p) => of(p.id)?.actualWomen ?? null) : null,
					men: i.disaggregated ? periods.map((p) => of(p.id)?.actualMen ?? null) : null,
					labels: {
						actual: t('reportDoc.col.actual'),
						target: t('reportDoc.col.expected'),
						women: t('reportDoc.col.women'),
						men: t('reportDoc.col.men')
					},
					beginAtZero: i.measure !== 'percentage'
				}
			}
		},
		table(
			id,
			t('reportDoc.chart.trend', { code: i.code }),
			[
				[t('reportDoc.col.period'), false],
				[t('reportDoc.col.milestone'), true],
				[t('reportDoc.col.expected'), true],
				[t('reportDoc.col.actual'), true],
				...(i.disaggregated
					? ([
							[t('reportDoc.col.women'), true],
							[t('reportDoc.col.men'), true]
						] as [string, boolean][])
					: []),
				[t('reportDoc.col.status'), false]
			],
			periods.map((p) => {
				const x = of(p.id);
				const key = x?.valueKey ?? i.key;
				return row(
					ctx.text(p.label),
					ctx.text(ctx.typed(i, x?.milestone)),
					ctx.text(ctx.value(i, x?.expected)),
					[ctx.ref(ctx.value(i, x?.actual), key)],
					...(i.disaggregated ? [[ctx.ref(ctx.value(i, x?.actualWomen), key)], [ctx.ref(ctx.value(i, x?.actualMen), key)]] : []),
					ctx.text(ctx.status(x?.status ?? null))
				);
			})
		)
	];
}

export const impactIndicators: Builder = (ctx, id) => {
	const { t } = ctx;
	const higher = ctx.snapshot.indicators.filter((i) => i.level !== 'output');
	if (!higher.length) return [none(ctx)];
	const blocks: DocBlock[] = [
		table(
			id,
			t('reportDoc.block.impact_indicators'),
			[
				[t('reportDoc.col.code'), false],
				[t('reportDoc.col.indicator'), false],
				[t('reportDoc.col.level'), false],
				[t('reportDoc.col.baseline'), true],
				[t('reportDoc.col.target'), true],
				[t('reportDoc.col.actual'), true],
				[t('reportDoc.col.achieved'), true],
				[t('reportDoc.col.status'), false]
			],
			higher.map((i) =>
				row(
					[ctx.ref(i.code, i.key)],
					indicatorCell(ctx, i),
					ctx.text(ctx.i18n.td(`level.${i.level}`)),
					[ctx.ref(ctx.typed(i, i.baseline), i.key)],
					[ctx.ref(ctx.typed(i, i.endTarget), i.key)],
					[ctx.ref(ctx.value(i, i.actual), judgedValueKey(i))],
					[ctx.ref(ctx.i18n.percent(i.achievement, 0), i.key)],
					[ctx.ref(ctx.status(i.status), i.key)]
				)
			)
		)
	];
	const charted = higher.filter((i) => i.isKey && (i.measure === 'number' || i.measure === 'percentage')).slice(0, MAX_TREND_CHARTS);
	charted.forEach((i, n) => blocks.push(...trend(ctx, i, `${id}-trend-${n + 1}`)));
	return blocks;
};

export const adoption: Builder = (ctx, id) => {
	const { t, i18n, snapshot } = ctx;
	const a = snapshot.figures.adoption;
	const p = snapshot.programme.key;
	const blocks: DocBlock[] = [
		{
			type: 'facts',
			items: [
				{ label: t('reportDoc.kf.adoptionRate'), value: [ctx.ref(i18n.percent(a.rate, 0), p)] },
				{ label: t('reportDoc.kf.addressedRate'), value: [ctx.ref(i18n.percent(a.addressedRate, 0), p)] },
				...ADOPTION_STATUSES.filter((s) => a.counts[s] > 0).map((s) => ({
					label: i18n.td(`adoptionStatus.${s}`),
					value: [ctx.ref(i18n.number(a.counts[s]), p)]
				}))
			]
		}
	];
	const rows: DocRow[] = snapshot.recommendations.flatMap((r) =>
		r.instruments.map((x) =>
			row(
				[ctx.ref(r.code, r.key)],
				ctx.text(i18n.date(x.date)),
				[ctx.ref(i18n.td(`adoptionStatus.${x.status}`), r.key)],
				ctx.loc({ original: x.instrument, translation: null }, r.key, 'instrument')
			)
		)
	);
	if (rows.length)
		blocks.push(
			table(
				id,
				t('reportDoc.col.instruments'),
				[
					[t('reportDoc.col.code'), false],
					[t('reportDoc.col.date'), false],
					[t('reportDoc.col.status'), false],
					[t('reportDoc.col.instruments'), false]
				],
				rows
			)
		);
	return blocks;
};

export const genderActions: Builder = (ctx, id) => {
	const { t, i18n, snapshot } = ctx;
	const p = snapshot.programme.key;
	const blocks: DocBlock[] = [
		{
			type: 'facts',
			items: GENDER_ACTION_STATUSES.map((s) => ({
				label: i18n.td(`genderActionStatus.${s}`),
				value: [ctx.ref(i18n.number(snapshot.figures.genderActions[s]), p)]
			}))
		}
	];
	if (!snapshot.genderActions.length) return blocks;
	blocks.push(
		table(
			id,
			t('reportDoc.block.gender_actions'),
			[
				[t('reportDoc.col.action'), false],
				[t('reportDoc.col.type'), false],
				[t('reportDoc.col.status'), false],
				[t('reportDoc.col.due'), false]
			],
			snapshot.genderActions.map((g) =>
				row(
					ctx.locRef(g.title, g.key, 'title'),
					ctx.text(i18n.td(`genderActionType.${g.type}`)),
					[ctx.ref(i18n.td(`genderActionStatus.${g.status}`), g.key)],
					ctx.text(i18n.date(g.dueDate))
				)
			)
		)
	);
	return blocks;
};

function riskChange(ctx: ComposeContext, r: SnapshotRisk): string {
	const { t, i18n } = ctx;
	if (r.previousScore === null) return t('reportDoc.change.new');
	const parts: string[] = [];
	if (r.score > r.previousScore) parts.push(t('reportDoc.change.up', { from: r.previousScore, to: r.score }));
	else if (r.score < r.previousScore) parts.push(t('reportDoc.change.down', { from: r.previousScore, to: r.score }));
	if (r.previousStatus && r.previousStatus !== r.status)
		parts.push(t('reportDoc.change.status', { from: i18n.td(`riskStatus.${r.previousStatus}`), to: i18n.td(`riskStatus.${r.status}`) }));
	return parts.join('; ') || t('reportDoc.change.same');
}

export const riskMatrix: Builder = (ctx, id) => {
	const { t, i18n } = ctx;
	if (!ctx.snapshot.risks.length) return [none(ctx)];
	return [
		table(
			id,
			t('reportDoc.block.risk_matrix'),
			[
				[t('reportDoc.col.code'), false],
				[t('reportDoc.col.risk'), false],
				[t('reportDoc.col.kind'), false],
				[t('reportDoc.col.score'), true],
				[t('reportDoc.col.band'), false],
				[t('reportDoc.col.trend'), false],
				[t('reportDoc.col.status'), false],
				[t('reportDoc.col.change'), false]
			],
			ctx.snapshot.risks.map((r) =>
				row(
					[ctx.ref(r.code, r.key)],
					riskTitle(ctx, r),
					ctx.text(`${i18n.td(`riskKind.${r.kind}`)} · ${i18n.td(`riskCategory.${r.category}`)}`),
					[ctx.ref(`${r.likelihood} × ${r.impact} = ${r.score}`, r.key)],
					[ctx.ref(i18n.td(`riskBand.${r.band}`), r.key)],
					ctx.text(i18n.td(`riskTrend.${r.trend}`)),
					[ctx.ref(i18n.td(`riskStatus.${r.status}`), r.key)],
					ctx.text(riskChange(ctx, r))
				)
			)
		)
	];
};

export const sexGaps: Builder = (ctx, id) => {
	const { t } = ctx;
	const gaps = ctx.snapshot.indicators.filter((i) => i.disaggregated && i.gap);
	if (!gaps.length) return [none(ctx)];
	return [
		table(
			id,
			t('reportDoc.block.sex_gaps'),
			[
				[t('reportDoc.col.code'), false],
				[t('reportDoc.col.indicator'), false],
				[t('reportDoc.col.women'), true],
				[t('reportDoc.col.men'), true],
				[t('reportDoc.col.gap'), true],
				[t('reportDoc.col.previousGap'), true],
				[t('reportDoc.col.trend'), false]
			],
			gaps.map((i) => {
				const g = i.gap!;
				const key = judgedValueKey(i);
				return row(
					[ctx.ref(i.code, i.key)],
					ctx.loc(i.title, i.key, 'title'),
					[ctx.ref(ctx.value(i, g.women), key)],
					[ctx.ref(ctx.value(i, g.men), key)],
					[ctx.ref(ctx.value(i, g.gap), key)],
					ctx.text(ctx.value(i, g.previousGap)),
					ctx.text(g.trend ? t(`reportDoc.trend.${g.trend}`) : t('common.none'))
				);
			})
		)
	];
};
