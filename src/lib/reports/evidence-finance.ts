import type { DocBlock, DocRow } from './document';
import { none, row, table, type Builder } from './evidence';
import type { SnapshotFinanceFigures } from './snapshot-finance';
import { spendingAheadAnywhere } from '$lib/finance-rules';

// The "financial summary by outcome and output" block (issue 20): the efficiency criterion's
// evidence beside its narrative, printed from the snapshot's finance figures (computed by the
// finance rules when the snapshot was built), never recomputed here. Each figure links to its
// record, so a narrative's [[finance:delivery]] and the table point to the same row.

export const financialSummary: Builder = (ctx, id) => {
	const { t, i18n, snapshot } = ctx;
	const f = snapshot.finance;
	if (!f) return [none(ctx)];
	const money = (minor: number) => i18n.money(minor, f.currency);
	const pct = (r: number | null) => i18n.percent(r);
	const ahead = (x: SnapshotFinanceFigures) => (x.spendingAhead ? `▲ ${t('finance.ahead')}` : '—');
	const p = f.programme;
	// The original budget beside the one in force (snapshots frozen before it was kept print the
	// budget alone, as they did); every rate is against the budget in force, the revised one.
	const revised = p.originalBudgetMinor !== undefined && p.originalBudgetMinor !== p.budgetMinor;
	const budgetFacts = revised
		? [
				{ label: t('finance.originalBudget'), value: ctx.text(money(p.originalBudgetMinor!)) },
				{
					label: t('finance.revisedBudget'),
					value: ctx.text(
						f.revisions && f.revisions.count > 0
							? `${money(p.budgetMinor)} (${t('finance.revisionsSummary', { count: f.revisions.count, date: i18n.date(f.revisions.lastOn) })})`
							: money(p.budgetMinor)
					)
				}
			]
		: [
				{
					label: t('finance.budget'),
					value: ctx.text(
						p.originalBudgetMinor === undefined ? money(p.budgetMinor) : `${money(p.budgetMinor)} (${t('finance.notRevised')})`
					)
				}
			];
	const blocks: DocBlock[] = [
		{
			type: 'facts',
			items: [
				...budgetFacts,
				{ label: t('finance.spent'), value: ctx.text(money(p.spentMinor)) },
				{ label: t(revised ? 'finance.deliveryAgainstRevised' : 'finance.deliveryRate'), value: [ctx.ref(pct(p.deliveryRate), p.key)] },
				{ label: t('finance.burnRate'), value: ctx.text(pct(p.burnRate)) },
				{ label: t('finance.resultsProgress'), value: ctx.text(pct(p.resultsProgress)) },
				{ label: t('finance.ahead'), value: ctx.text(ahead(p)) },
				{
					label: t('finance.activities', {
						onTime: snapshot.figures.activities.onTime,
						delayed: snapshot.figures.activities.delayed,
						total: snapshot.figures.activities.total
					}),
					value: ctx.text(t('finance.programmeLevel', { amount: money(f.programmeLevelMinor) }))
				}
			]
		}
	];
	const rows: DocRow[] = [];
	const line = (label: string, x: SnapshotFinanceFigures): DocRow =>
		row(
			[ctx.ref(label, x.key)],
			...(revised ? [ctx.text(money(x.originalBudgetMinor ?? x.budgetMinor))] : []),
			ctx.text(money(x.budgetMinor)),
			ctx.text(money(x.spentMinor)),
			ctx.text(pct(x.deliveryRate)),
			ctx.text(pct(x.burnRate)),
			ctx.text(pct(x.resultsProgress)),
			ctx.text(ahead(x))
		);
	for (const m of f.modules) {
		const module = snapshot.modules.find((x) => x.id === m.moduleId);
		rows.push(line(module?.code ?? '', m));
		for (const o of m.outputs) rows.push(line(snapshot.outputs.find((x) => x.id === o.outputId)?.code ?? '', o));
	}
	blocks.push(
		table(
			id,
			t('finance.byModuleCaption'),
			[
				[t('finance.item'), false],
				...(revised ? [[t('finance.originalBudget'), true] as [string, boolean]] : []),
				[t(revised ? 'finance.revisedBudget' : 'finance.budget'), true],
				[t('finance.spent'), true],
				[t('finance.deliveryRate'), true],
				[t('finance.burnRate'), true],
				[t('finance.resultsProgress'), true],
				[t('finance.ahead'), false]
			],
			rows
		)
	);
	if (f.costPerUnit.length)
		blocks.push(
			table(
				`${id}-cost`,
				t('finance.costCaption'),
				[
					[t('finance.indicator'), false],
					[t('finance.spent'), true],
					[t('finance.change'), true],
					[t('finance.cost'), true]
				],
				f.costPerUnit.map((c) => {
					const indicator = snapshot.indicators.find((i) => i.id === c.indicatorId);
					return row(
						[ctx.ref(indicator?.code ?? '', c.indicatorKey)],
						ctx.text(money(c.spentMinor)),
						ctx.text(i18n.number(c.change)),
						ctx.text(money(c.costMinor))
					);
				})
			)
		);
	if (f.illustrative) blocks.push({ type: 'note', inlines: ctx.text(t('finance.illustrative')) });
	// The flag's legend where a row carries it; otherwise say that none does (a bare rule read as a finding).
	const flagged = spendingAheadAnywhere([f.programme, ...f.modules.flatMap((m) => [m, ...m.outputs])]);
	const margin = Math.round(f.margin * 100);
	blocks.push({ type: 'note', inlines: ctx.text(flagged ? t('finance.aheadNote', { margin }) : t('finance.aheadNone', { margin })) });
	return blocks;
};
