import { INDICATOR_STATUSES, type IndicatorStatus } from '$lib/model';
import type { DocBlock, DocInline, DocRow, DocTable } from './document';
import type { ComposeContext } from './compose-context';
import type { EvidenceBlock } from './outline';
import { countryText, donorText, partnersText } from './fact-texts';
import { programmeBudgetMinor } from '$lib/finance-rules';
import type { SnapshotIndicator } from './snapshot';

// The generated evidence blocks of design §5, each a pure function of the snapshot. They print
// the figures the snapshot carries (computed by their one module when it was built) and never
// recompute a status, a gap or a rate.

type Builder = (ctx: ComposeContext, id: string) => DocBlock[];

const table = (id: string, caption: string, columns: [string, boolean][], rows: DocRow[]): DocBlock => ({
	type: 'table',
	table: { id, caption, columns: columns.map(([label, numeric]) => ({ label, numeric })), rows } satisfies DocTable
});
const row = (...cells: DocInline[][]): DocRow => ({ type: 'row', cells });
const none = (ctx: ComposeContext): DocBlock => ({ type: 'note', inlines: ctx.text(ctx.t('reportDoc.none')) });

/** Module of an indicator (output-level ones through their output); null for programme level. */
function moduleOf(ctx: ComposeContext, indicator: SnapshotIndicator): number | null {
	if (indicator.moduleId !== null) return indicator.moduleId;
	if (indicator.outputId !== null) return ctx.snapshot.outputs.find((o) => o.id === indicator.outputId)?.moduleId ?? null;
	return null;
}

/** Indicators grouped by module, in logframe order; programme-level ones first. */
export function indicatorGroups(ctx: ComposeContext, indicators: readonly SnapshotIndicator[]) {
	const groups: { label: DocInline[]; indicators: SnapshotIndicator[] }[] = [];
	const programmeLevel = indicators.filter((i) => moduleOf(ctx, i) === null);
	if (programmeLevel.length) groups.push({ label: ctx.text(ctx.t('reportDoc.programmeWide')), indicators: programmeLevel });
	for (const m of ctx.snapshot.modules) {
		const own = indicators.filter((i) => moduleOf(ctx, i) === m.id);
		if (own.length)
			groups.push({ label: [ctx.ref(m.code, m.key), ctx.text(' ')[0]!, ...ctx.loc(m.title, m.key, 'title')], indicators: own });
	}
	return groups;
}

function indicatorCell(ctx: ComposeContext, i: SnapshotIndicator): DocInline[] {
	return [...ctx.loc(i.title, i.key, 'title'), { type: 'text', text: ' · ' }, ...ctx.loc(i.unit, i.key, 'unit')];
}

function judgedValueKey(i: SnapshotIndicator): string {
	return i.periods.find((p) => p.periodId === i.judgedPeriodId)?.valueKey ?? i.key;
}

function womenMen(ctx: ComposeContext, i: SnapshotIndicator): DocInline[] {
	if (!i.disaggregated) return ctx.text(ctx.t('common.none'));
	const p = i.periods.find((x) => x.periodId === i.judgedPeriodId);
	const key = p?.valueKey ?? i.key;
	return [ctx.ref(`${ctx.value(i, p?.actualWomen ?? null)} / ${ctx.value(i, p?.actualMen ?? null)}`, key)];
}

/** The judged value's explanation, after the title (italic), so a figure never stands unexplained. */
function explained(ctx: ComposeContext, i: SnapshotIndicator): DocInline[] {
	const p = i.periods.find((x) => x.periodId === i.judgedPeriodId);
	if (!p?.narrative || !p.valueKey) return indicatorCell(ctx, i);
	const words = ctx.loc(p.narrative, p.valueKey, 'narrative').map((run) => (run.type === 'text' ? { ...run, italic: true } : run));
	return [...indicatorCell(ctx, i), { type: 'text', text: ` — ${ctx.t('reportDoc.explanation')}: ` }, ...words];
}

const indicatorProgress: Builder = (ctx, id) => {
	const { t } = ctx;
	const rows: DocRow[] = [];
	for (const g of indicatorGroups(ctx, ctx.snapshot.indicators)) {
		rows.push({ type: 'group', cells: g.label });
		for (const i of g.indicators)
			rows.push(
				row(
					[ctx.ref(i.code, i.key)],
					explained(ctx, i),
					[ctx.ref(ctx.typed(i, i.baseline), i.key)],
					[ctx.ref(ctx.typed(i, i.endTarget), i.key)],
					[ctx.ref(ctx.typed(i, i.milestone), i.key)],
					[ctx.ref(ctx.value(i, i.actual), judgedValueKey(i))],
					[ctx.ref(ctx.i18n.percent(i.achievement, 0), i.key)],
					[ctx.ref(ctx.status(i.status), i.key)],
					womenMen(ctx, i)
				)
			);
	}
	if (!rows.length) return [none(ctx)];
	return [
		table(
			id,
			t('reportDoc.block.indicator_progress'),
			[
				[t('reportDoc.col.code'), false],
				[t('reportDoc.col.indicator'), false],
				[t('reportDoc.col.baseline'), true],
				[t('reportDoc.col.target'), true],
				[t('reportDoc.col.milestone'), true],
				[t('reportDoc.col.actual'), true],
				[t('reportDoc.col.achieved'), true],
				[t('reportDoc.col.status'), false],
				[t('reportDoc.col.womenMen'), true]
			],
			rows
		)
	];
};

function statusesShown(ctx: ComposeContext): IndicatorStatus[] {
	return INDICATOR_STATUSES.filter((s) => ctx.snapshot.figures.statusByModule.some((m) => m.counts[s] > 0));
}

function moduleLabel(ctx: ComposeContext, moduleId: number | null): { code: string; inlines: DocInline[] } {
	const m = ctx.snapshot.modules.find((x) => x.id === moduleId);
	if (!m) return { code: ctx.t('reportDoc.programmeWide'), inlines: ctx.text(ctx.t('reportDoc.programmeWide')) };
	return { code: m.code, inlines: [ctx.ref(m.code, m.key), { type: 'text', text: ' ' }, ...ctx.loc(m.title, m.key, 'title')] };
}

const statusChart: Builder = (ctx, id) => {
	const { t } = ctx;
	const byModule = ctx.snapshot.figures.statusByModule;
	const statuses = statusesShown(ctx);
	if (!byModule.length || !statuses.length) return [none(ctx)];
	const labels = byModule.map((m) => moduleLabel(ctx, m.moduleId));
	return [
		{
			type: 'chart',
			chart: {
				id: `${id}-chart`,
				kind: 'status_by_module',
				title: t('reportDoc.chart.statusByModule'),
				alt: t('reportDoc.chart.statusAlt'),
				input: {
					modules: byModule.map((m, n) => ({ label: labels[n]!.code, counts: m.counts })),
					statuses,
					statusLabels: Object.fromEntries(INDICATOR_STATUSES.map((s) => [s, ctx.i18n.td(`status.${s}`)])) as Record<
						IndicatorStatus,
						string
					>,
					axisLabel: t('reportDoc.kf.indicators')
				}
			}
		},
		table(
			id,
			t('reportDoc.chart.statusByModule'),
			[[t('reportDoc.col.module'), false], ...statuses.map((s): [string, boolean] => [ctx.status(s), true])],
			byModule.map((m, n) => {
				const key = ctx.snapshot.modules.find((x) => x.id === m.moduleId)?.key ?? ctx.snapshot.programme.key;
				return row(labels[n]!.inlines, ...statuses.map((s) => [ctx.ref(ctx.i18n.number(m.counts[s]), key)]));
			})
		)
	];
};

const keyFigures: Builder = (ctx, id) => {
	const { t, i18n, snapshot } = ctx;
	const f = snapshot.figures;
	const p = snapshot.programme.key;
	const total = Object.values(f.statusCounts).reduce((a, b) => a + b, 0);
	const fig = (label: string, value: string): DocRow => row(ctx.text(label), [ctx.ref(value, p)]);
	const rows: DocRow[] = [fig(t('reportDoc.kf.indicators'), i18n.number(total))];
	for (const s of INDICATOR_STATUSES) if (f.statusCounts[s] > 0) rows.push(fig(`— ${ctx.status(s)}`, i18n.number(f.statusCounts[s])));
	rows.push(
		fig(t('reportDoc.kf.activitiesCompleted'), `${i18n.number(f.activities.completed)} / ${i18n.number(f.activities.total)}`),
		fig(t('reportDoc.kf.activitiesOnTime'), i18n.number(f.activities.onTime)),
		fig(t('reportDoc.kf.activitiesDelayed'), i18n.number(f.activities.delayed)),
		fig(t('reportDoc.kf.adoptionRate'), i18n.percent(f.adoption.rate, 0)),
		fig(t('reportDoc.kf.addressedRate'), i18n.percent(f.adoption.addressedRate, 0)),
		fig(t('reportDoc.kf.keyActions'), `${i18n.number(f.keyActions.completed)} / ${i18n.number(f.keyActions.total)}`),
		fig(t('reportDoc.kf.keyActionsOverdue'), i18n.number(f.keyActions.overdue)),
		fig(t('reportDoc.kf.openHighRisks'), i18n.number(f.openHighRisks))
	);
	return [
		table(
			id,
			t('reportDoc.block.key_figures'),
			[
				[t('reportDoc.kf.figure'), false],
				[t('reportDoc.kf.value'), true]
			],
			rows
		)
	];
};

export function factSheet(ctx: ComposeContext): { label: string; value: DocInline[] }[] {
	const { t, i18n, snapshot } = ctx;
	const pr = snapshot.programme;
	const r = snapshot.report;
	const p = pr.key;
	const period = r.periods.length
		? r.periods.map((x) => x.label).join(', ')
		: t('reportDoc.dates', { start: i18n.date(r.windowStart), end: i18n.date(r.cutOff) });
	const dates =
		pr.effectiveEndDate !== pr.endDate
			? t('reportDoc.effectiveEnd', {
					start: i18n.date(pr.startDate),
					end: i18n.date(pr.endDate),
					effective: i18n.date(pr.effectiveEndDate)
				})
			: t('reportDoc.dates', { start: i18n.date(pr.startDate), end: i18n.date(pr.endDate) });
	return [
		{ label: t('reportDoc.fact.symbol'), value: [ctx.ref(pr.code, p)] },
		{ label: t('reportDoc.fact.donor'), value: donorText(ctx) },
		{ label: t('reportDoc.fact.budget'), value: ctx.text(budgetText(ctx)) },
		{ label: t('reportDoc.fact.dates'), value: ctx.text(dates) },
		{ label: t('reportDoc.fact.country'), value: countryText(ctx) },
		{ label: t('reportDoc.fact.partners'), value: partnersText(ctx) },
		{ label: t('reportDoc.fact.period'), value: ctx.text(period) },
		{ label: t('reportDoc.fact.cutOff'), value: ctx.text(i18n.date(r.cutOff)) },
		{ label: t('reportDoc.fact.sdgs'), value: ctx.text(pr.sdgTargets.join(', ') || t('common.none')) },
		{ label: t('reportDoc.fact.genderMarker'), value: ctx.text(ctx.i18n.td(`genderMarker.${pr.genderMarker}`)) }
	];
}

/** The programme's budget by the one rule (finance-rules.ts); the fact sheet's is in currency units. */
export function budgetText(ctx: ComposeContext): string {
	const b = ctx.snapshot.programme.budget;
	const lines = ctx.snapshot.finance ?? null;
	const minor = programmeBudgetMinor(b ? Math.round(b.amount * 100) : null, lines?.programme.budgetMinor);
	if (minor === null) return ctx.t('reportDoc.noBudget');
	return ctx.i18n.money(minor, lines && lines.programme.budgetMinor > 0 ? lines.currency : (b?.currency ?? lines?.currency ?? ''));
}

const factSheetBlock: Builder = (ctx) => [{ type: 'facts', items: factSheet(ctx) }];

const budgetAndDates: Builder = (ctx) => {
	const { t, i18n, snapshot } = ctx;
	const pr = snapshot.programme;
	return [
		{
			type: 'facts',
			items: [
				{ label: t('reportDoc.fact.budget'), value: ctx.text(budgetText(ctx)) },
				{
					label: t('reportDoc.fact.dates'),
					value: ctx.text(
						t('reportDoc.effectiveEnd', {
							start: i18n.date(pr.startDate),
							end: i18n.date(pr.endDate),
							effective: i18n.date(pr.effectiveEndDate)
						})
					)
				},
				{
					label: t('reportDoc.fact.timeElapsed'),
					value: [ctx.ref(t('reportDoc.timeElapsed', { share: i18n.percent(pr.timeElapsed, 0) }), pr.key)]
				}
			]
		}
	];
};

const alignment: Builder = (ctx, id) => {
	const { t, snapshot } = ctx;
	const blocks: DocBlock[] = [
		{
			type: 'facts',
			items: [{ label: t('reportDoc.fact.sdgs'), value: ctx.text(snapshot.programme.sdgTargets.join(', ') || t('common.none')) }]
		}
	];
	const aligned = snapshot.indicators.filter((i) => i.sdgTarget || i.frameworkRefs.length);
	if (aligned.length)
		blocks.push(
			table(
				id,
				t('reportDoc.block.alignment'),
				[
					[t('reportDoc.col.code'), false],
					[t('reportDoc.col.indicator'), false],
					[t('reportDoc.col.sdg'), false],
					[t('reportDoc.col.frameworks'), false]
				],
				aligned.map((i) =>
					row([ctx.ref(i.code, i.key)], ctx.loc(i.title, i.key, 'title'), ctx.text(i.sdgTarget), ctx.text(i.frameworkRefs.join('; ')))
				)
			)
		);
	return blocks;
};

export const EVIDENCE_BUILDERS = {
	key_figures: keyFigures,
	fact_sheet: factSheetBlock,
	alignment,
	indicator_progress: indicatorProgress,
	status_chart: statusChart,
	budget_and_dates: budgetAndDates
} satisfies Partial<Record<EvidenceBlock, Builder>>;

export { table, row, none, indicatorCell, judgedValueKey, moduleOf, explained };
export type { Builder };
