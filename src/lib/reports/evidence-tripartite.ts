import { CONSTITUENT_SYMBOL, type Constituent } from '$lib/constituents';
import type { DocBlock, DocInline } from './document';
import { none, row, table, type Builder } from './evidence';

// The "social dialogue and tripartism" block (issue 25): the report's cross-cutting evidence on who
// of the constituents took part, printed from the snapshot's tripartite part. The figures were
// computed by the dialogue domain's lens rule when the snapshot was built (the dashboard section's
// rule), never here. Any layout may print it: the ILO TCPR's cross-cutting drivers reuse this builder.

export const tripartiteBlock: Builder = (ctx, id) => {
	const { t, i18n, snapshot } = ctx;
	const lens = snapshot.tripartite;
	if (!lens) return [none(ctx)];
	const constituent = (c: Constituent) => `${CONSTITUENT_SYMBOL[c]} ${i18n.td(`dialogue.constituent.${c}`)}`;
	const blocks: DocBlock[] = [
		{
			type: 'paragraph',
			inlines: ctx.text(t('dialogue.report.summary', { total: lens.totalEvents, window: lens.events.length }))
		},
		table(
			`${id}-activities`,
			t('dialogue.shareOfActivities'),
			[
				[t('dialogue.col.constituent'), false],
				[t('dialogue.col.activities'), true],
				[t('dialogue.col.share'), true]
			],
			lens.activities.map((a) =>
				row(
					ctx.text(constituent(a.constituent)),
					ctx.text(t('dialogue.report.nOf', { n: a.n, total: a.total })),
					ctx.text(i18n.percent(a.share, 0))
				)
			)
		),
		lens.eventsPerPeriod.length
			? table(
					`${id}-periods`,
					t('dialogue.eventsPerPeriod'),
					[
						[t('dialogue.col.period'), false],
						[t('dialogue.col.events'), true],
						[t('dialogue.tripartite'), true]
					],
					lens.eventsPerPeriod.map((p) => row(ctx.text(p.label), ctx.text(i18n.number(p.count)), ctx.text(i18n.number(p.tripartite))))
				)
			: { type: 'note', inlines: ctx.text(t('dialogue.report.noEvents')) }
	];
	const adopted: DocInline[] = [
		...ctx.text(t('dialogue.recommendationsTripartiteValue', { n: lens.recommendations.tripartite, total: lens.recommendations.adopted })),
		...lens.recommendations.tripartiteKeys.flatMap((key, n) => [
			...ctx.text(n === 0 ? ': ' : ', '),
			ctx.ref(snapshot.recommendations.find((r) => r.key === key)?.code ?? key, key)
		])
	];
	blocks.push({ type: 'facts', items: [{ label: t('dialogue.recommendationsTripartite'), value: adopted }] });
	if (lens.events.length)
		blocks.push(
			table(
				`${id}-events`,
				t('dialogue.report.eventsCaption'),
				[
					[t('dialogue.heldOn'), false],
					[t('dialogue.body'), false],
					[t('dialogue.parties'), false],
					[t('dialogue.tripartite'), false],
					[t('dialogue.outcome'), false]
				],
				lens.events.map((e) =>
					row(
						[ctx.ref(i18n.date(e.heldOn), e.key)],
						// The body in the report's language; untranslated (or frozen before it could be), marked "(es)".
						ctx.loc(e.bodyText ?? { original: e.body, translation: null }, e.key, 'body'),
						partiesText(ctx, e),
						ctx.text(ctx.yesNo(e.tripartite)),
						e.outcomeText?.original.trim() ? ctx.loc(e.outcomeText, e.key, 'outcome') : ctx.text('—')
					)
				)
			)
		);
	return blocks;
};

type ComposeCtx = Parameters<Builder>[0];
type TripartiteEvent = NonNullable<ComposeCtx['snapshot']['tripartite']>['events'][number];

/**
 * Who took part: each group present with the names typed for it, in the reader's language or the
 * original marked (issue 25). A snapshot frozen before the names were kept prints the groups only.
 */
function partiesText(ctx: ComposeCtx, e: TripartiteEvent): DocInline[] {
	const group = (c: Constituent) => `${CONSTITUENT_SYMBOL[c]} ${ctx.i18n.td(`dialogue.constituent.${c}`)}`;
	if (!e.parties) return ctx.text(e.constituents.map(group).join(', '));
	return e.parties.flatMap((p, n) => {
		const names = p.names.original.trim() ? ctx.loc(p.names, `${e.key}:${p.constituent}`, 'names') : [];
		return [...ctx.text(`${n ? '; ' : ''}${group(p.constituent)}${names.length ? ': ' : ''}`), ...names];
	});
}
