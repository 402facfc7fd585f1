import type { ComposeContext } from './compose-context';
import type { DocBlock, DocInline, DocRow } from './document';
import { indicatorGroups, judgedValueKey, none, row, table, type Builder } from './evidence';
import { activitiesTable, dateRange, fact } from './evidence-tcpr';
import { countryText, partnersOrNone } from './fact-texts';
import type { SnapshotIndicator } from './snapshot';

// The generated blocks of the EU interim narrative report (grant Annex VI, issue 21), pure
// functions of the snapshot: the description of the action, the target groups with the women and
// men the sex-disaggregated indicators reached, the activities modified with their reasons, the
// visibility disclaimer, and the updated logframe annex with sources of data, assumptions, years
// and EU codes.

const euDescription: Builder = (ctx) => {
	const { t, snapshot } = ctx;
	const pr = snapshot.programme;
	const r = snapshot.report;
	const contract = snapshot.donor?.facts.contractNumber.original.trim();
	const countries = snapshot.donor?.facts.targetCountries.original.trim() ? fact(ctx, 'targetCountries') : countryText(ctx);
	return [
		{
			type: 'facts',
			items: [
				{ label: t('donorDoc.fact.contractNumber'), value: contract ? [ctx.ref(contract, pr.key)] : ctx.text(t('donorDoc.notRecorded')) },
				{ label: t('donorDoc.fact.action'), value: ctx.locRef(pr.title, pr.key, 'title') },
				{ label: t('donorDoc.fact.coordinatorContact'), value: fact(ctx, 'coordinatorContact') },
				{ label: t('donorDoc.fact.affiliatedEntities'), value: fact(ctx, 'affiliatedEntities') },
				{ label: t('reportDoc.fact.partners'), value: partnersOrNone(ctx) },
				{ label: t('donorDoc.fact.targetCountries'), value: countries },
				{
					label: t('reportDoc.fact.period'),
					value: ctx.text(r.periods.map((p) => p.label).join(', ') || dateRange(ctx, r.windowStart, r.cutOff))
				}
			]
		}
	];
};

function split(i: SnapshotIndicator) {
	const p = i.periods.find((x) => x.periodId === i.judgedPeriodId);
	return { women: p?.actualWomen ?? null, men: p?.actualMen ?? null, key: p?.valueKey ?? i.key };
}

const beneficiaries: Builder = (ctx, id) => {
	const { t, snapshot } = ctx;
	const groups = fact(ctx, 'targetGroups');
	const blocks: DocBlock[] = [{ type: 'facts', items: [{ label: t('donorDoc.fact.targetGroups'), value: groups }] }];
	const reached = snapshot.indicators.filter((i) => i.disaggregated);
	blocks.push(
		reached.length
			? table(
					id,
					t('donorDoc.reached'),
					[
						[t('reportDoc.col.code'), false],
						[t('reportDoc.col.indicator'), false],
						[t('donorDoc.col.women'), true],
						[t('donorDoc.col.men'), true],
						[t('donorDoc.col.total'), true]
					],
					reached.map((i) => {
						const s = split(i);
						return row(
							[ctx.ref(i.code, i.key)],
							[...ctx.loc(i.title, i.key, 'title'), { type: 'text', text: ' · ' }, ...ctx.loc(i.unit, i.key, 'unit')],
							[ctx.ref(ctx.value(i, s.women), s.key)],
							[ctx.ref(ctx.value(i, s.men), s.key)],
							[ctx.ref(ctx.value(i, i.actual), judgedValueKey(i))]
						);
					})
				)
			: { type: 'note', inlines: ctx.text(t('donorDoc.noSexData')) }
	);
	return blocks;
};

/** Activities modified (a reason written) or off their plan, with their reasons. */
const activityDeviations: Builder = (ctx, id) => {
	const { snapshot } = ctx;
	const reasons = new Set((snapshot.donor?.deviations ?? []).map((d) => d.activityKey));
	const modified = snapshot.activities.filter((a) => reasons.has(a.key) || (!a.onTime && a.status !== 'cancelled'));
	if (!modified.length) return [{ type: 'note', inlines: ctx.text(ctx.t('donorDoc.noDeviations')) }];
	return [activitiesTable(ctx, id, ctx.t('donorDoc.modifications'), modified)];
};

const euVisibility: Builder = (ctx) => [
	{ type: 'paragraph', inlines: [{ type: 'text', text: ctx.t('donorDoc.euDisclaimer'), italic: true }] }
];

export const EU_BUILDERS = {
	eu_description: euDescription,
	beneficiaries,
	activity_deviations: activityDeviations,
	eu_visibility: euVisibility
};

/** The updated logframe of the EU annex (landscape): every column Annex VI asks for. */
export function euLogframe(ctx: ComposeContext, id: string): DocBlock[] {
	const { t, i18n, snapshot } = ctx;
	const columns = new Map((snapshot.donor?.logframe ?? []).map((l) => [l.indicatorKey, l]));
	const year = (y: number | null | undefined) => (y ? ` (${y})` : '');
	const rows: DocRow[] = [];
	for (const g of indicatorGroups(ctx, snapshot.indicators)) {
		rows.push({ type: 'group', cells: g.label });
		for (const i of g.indicators) {
			const l = columns.get(i.key);
			const sources = l ? ctx.loc(l.sources, i.key, 'means_of_verification') : [];
			const assumptions: DocInline[] = (l?.assumptionKeys ?? []).flatMap((key, n) => [
				...(n ? ctx.text('; ') : []),
				...ctx.recordLabel(key, key)
			]);
			rows.push(
				row(
					[ctx.ref(`${i18n.td(`donorDoc.level.${i.level}`)} ${i.code}`, i.key)],
					[
						...ctx.loc(i.title, i.key, 'title'),
						...ctx.text(` · ${i.disaggregated ? t('donorDoc.bySex') : t('donorDoc.notDisaggregated')}`)
					],
					[ctx.ref(`${ctx.typed(i, i.baseline)}${year(l?.baselineYear)}`, i.key)],
					[ctx.ref(`${ctx.typed(i, i.endTarget)}${year(l?.targetYear)}`, i.key)],
					[ctx.ref(ctx.value(i, i.actual), judgedValueKey(i))],
					sources.length ? sources : ctx.text(t('donorDoc.notRecorded')),
					assumptions.length ? assumptions : ctx.text('—'),
					ctx.text(l?.euCode || '—')
				)
			);
		}
	}
	if (!rows.length) return [none(ctx)];
	return [
		table(
			id,
			t('donorDoc.annex.eu_logframe'),
			[
				[t('donorDoc.col.resultsChain'), false],
				[t('reportDoc.col.indicator'), false],
				[t('donorDoc.col.baselineYear'), true],
				[t('donorDoc.col.targetYear'), true],
				[t('donorDoc.col.current'), true],
				[t('donorDoc.col.sources'), false],
				[t('donorDoc.col.assumptions'), false],
				[t('donorDoc.col.euCode'), false]
			],
			rows
		)
	];
}
