import type { EvaluationCriterion } from '$lib/evaluation/model';
import type { ComposeContext } from './compose-context';
import type { DocBlock, DocInline, DocRow } from './document';
import { questionInlines } from './evaluation-evidence';
import { budgetText, explained, judgedValueKey, moduleOf, none, row, table, type Builder } from './evidence';
import type { SnapshotActivity } from './snapshot';
import type { DonorFact } from './snapshot-donor';
import { narrativeBlocks } from './narrative-blocks';
import { dialogueBodiesText, donorText, linkedProgrammeTexts, partnersOrNone } from './fact-texts';

// The generated blocks of the ILO technical cooperation progress report (issue 21), pure
// functions of the snapshot like every other block: the identification sheet, the progress of each
// outcome with its activities planned against done and the reason for each deviation, the data
// the app holds on each cross-cutting policy driver, partnerships, the management response to the
// recommendations and the work plan of the next period.

/** A donor fact in the reader's language, or "not recorded" (never a blank). */
export function fact(ctx: ComposeContext, f: DonorFact): DocInline[] {
	const d = ctx.snapshot.donor;
	const text = d?.facts[f];
	if (!text || !text.original.trim()) return ctx.text(ctx.t('donorDoc.notRecorded'));
	return ctx.loc(text, ctx.snapshot.programme.key, `donor.${f}`);
}

export const dateRange = (ctx: ComposeContext, start: string | null, end: string | null): string =>
	`${ctx.i18n.date(start)} – ${ctx.i18n.date(end)}`;

const tcprIdentification: Builder = (ctx) => {
	const { t, i18n, snapshot } = ctx;
	const pr = snapshot.programme;
	const r = snapshot.report;
	const f = snapshot.finance;
	const symbol = snapshot.donor?.facts.tcSymbol.original.trim() || pr.code;
	const period = r.periods.length ? r.periods.map((x) => x.label).join(', ') : dateRange(ctx, r.windowStart, r.cutOff);
	return [
		{
			type: 'facts',
			items: [
				{ label: t('donorDoc.fact.tcSymbol'), value: [ctx.ref(symbol, pr.key)] },
				{ label: t('reportDoc.fact.donor'), value: donorText(ctx) },
				{
					label: t('reportDoc.fact.budget'),
					value: ctx.text(budgetText(ctx))
				},
				{
					label: t('donorDoc.fact.delivery'),
					value: f
						? [
								ctx.ref(
									t('donorDoc.delivery', {
										spent: i18n.money(f.programme.spentMinor, f.currency),
										rate: i18n.percent(f.programme.deliveryRate)
									}),
									f.programme.key
								)
							]
						: ctx.text(t('donorDoc.noFinance'))
				},
				{ label: t('donorDoc.fact.originalDates'), value: ctx.text(dateRange(ctx, pr.startDate, pr.endDate)) },
				{
					label: t('donorDoc.fact.revisedEnd'),
					value: ctx.text(pr.effectiveEndDate !== pr.endDate ? i18n.date(pr.effectiveEndDate) : t('donorDoc.noRevision'))
				},
				{ label: t('donorDoc.fact.administrativeUnit'), value: fact(ctx, 'administrativeUnit') },
				{ label: t('donorDoc.fact.backstoppingUnit'), value: fact(ctx, 'backstoppingUnit') },
				{ label: t('donorDoc.fact.pbOutcomes'), value: fact(ctx, 'pbOutcomes') },
				{ label: t('donorDoc.fact.dwcpOutcome'), value: fact(ctx, 'dwcpOutcome') },
				{ label: t('reportDoc.fact.sdgs'), value: ctx.text(pr.sdgTargets.join(', ') || t('common.none')) },
				{ label: t('reportDoc.fact.period'), value: ctx.text(period) },
				{ label: t('reportDoc.fact.cutOff'), value: ctx.text(i18n.date(r.cutOff)) }
			]
		}
	];
};

/** The reason an activity departs from its plan, or why none is needed / none was written. */
export function deviationOf(ctx: ComposeContext, a: SnapshotActivity): DocInline[] {
	const d = ctx.snapshot.donor?.deviations.find((x) => x.activityKey === a.key);
	if (d) return ctx.loc(d.reason, a.key, 'deviation_reason');
	return ctx.text(a.onTime || a.status === 'completed' ? '—' : ctx.t('donorDoc.noReason'));
}

export function activitiesTable(ctx: ComposeContext, id: string, caption: string, activities: readonly SnapshotActivity[]): DocBlock {
	const { t, i18n } = ctx;
	return table(
		id,
		caption,
		[
			[t('reportDoc.col.code'), false],
			[t('reportDoc.col.activity'), false],
			[t('reportDoc.col.planned'), false],
			[t('donorDoc.col.done'), false],
			[t('donorDoc.col.deviation'), false]
		],
		activities.map((a) =>
			row(
				[ctx.ref(a.code, a.key)],
				ctx.loc(a.title, a.key, 'title'),
				ctx.text(dateRange(ctx, a.plannedStart, a.plannedEnd)),
				[
					ctx.ref(
						`${i18n.td(`activityStatus.${a.status}`)}${a.progress !== null ? ` (${i18n.number(a.progress)} %)` : ''}${a.actualEnd ? ` · ${i18n.date(a.actualEnd)}` : ''}`,
						a.key
					)
				],
				deviationOf(ctx, a)
			)
		)
	);
}

type SnapshotModule = ComposeContext['snapshot']['modules'][number];

/** The outcome's own narrative in the reader's language (issue 21), as the evaluator wrote it. */
export function outcomeNarrative(ctx: ComposeContext, m: SnapshotModule): DocBlock[] {
	const written = ctx.snapshot.donor?.outcomes?.find((o) => o.moduleKey === m.key);
	return narrativeBlocks(ctx, written?.narrative[ctx.lang] ?? null);
}

/**
 * What the report prints for one outcome after its heading: its objective, its narrative (when
 * `narrative`), its indicator table with the value explanations and its activities planned
 * against done. The editor shows the same beside the outcome's narrative being written.
 */
export function outcomeBlocks(ctx: ComposeContext, id: string, m: SnapshotModule, options: { narrative: boolean }): DocBlock[] {
	const { t, snapshot } = ctx;
	const blocks: DocBlock[] = [];
	const objective = ctx.loc(m.objective, m.key, 'objective');
	if (objective.length)
		blocks.push({ type: 'paragraph', inlines: [{ type: 'text', text: `${t('donorDoc.objective')}: `, italic: true }, ...objective] });
	if (options.narrative) blocks.push(...outcomeNarrative(ctx, m));
	const indicators = snapshot.indicators.filter((i) => moduleOf(ctx, i) === m.id);
	if (indicators.length)
		blocks.push(
			table(
				`${id}-${m.id}-indicators`,
				t('donorDoc.outcomeIndicators', { code: m.code }),
				[
					[t('reportDoc.col.code'), false],
					[t('reportDoc.col.indicator'), false],
					[t('reportDoc.col.baseline'), true],
					[t('reportDoc.col.target'), true],
					[t('reportDoc.col.actual'), true],
					[t('reportDoc.col.status'), false]
				],
				indicators.map((i) =>
					row(
						[ctx.ref(i.code, i.key)],
						explained(ctx, i),
						[ctx.ref(ctx.typed(i, i.baseline), i.key)],
						[ctx.ref(ctx.typed(i, i.endTarget), i.key)],
						[ctx.ref(ctx.value(i, i.actual), judgedValueKey(i))],
						[ctx.ref(ctx.status(i.status), i.key)]
					)
				)
			)
		);
	const outputIds = new Set(snapshot.outputs.filter((o) => o.moduleId === m.id).map((o) => o.id));
	const activities = snapshot.activities.filter((a) => outputIds.has(a.outputId));
	if (activities.length)
		blocks.push(activitiesTable(ctx, `${id}-${m.id}-activities`, t('donorDoc.plannedDone', { code: m.code }), activities));
	return blocks;
}

const outcomeProgress: Builder = (ctx, id) => {
	const blocks: DocBlock[] = [];
	for (const m of ctx.snapshot.modules) {
		const heading: DocInline[] = [ctx.ref(m.code, m.key), { type: 'text', text: ' ' }, ...ctx.loc(m.title, m.key, 'title')];
		blocks.push({ type: 'paragraph', inlines: heading.map((i) => (i.type === 'text' ? { ...i, bold: true } : i)) });
		blocks.push(...outcomeBlocks(ctx, id, m, { narrative: true }));
	}
	return blocks.length ? blocks : [none(ctx)];
};

/** What the evaluator's instruments hold on a driver: the matrix's questions and validated entries tagged with it. */
function driverRecords(ctx: ComposeContext, driver: EvaluationCriterion): DocBlock[] {
	const e = ctx.snapshot.evaluation;
	if (!e) return [];
	const blocks: DocBlock[] = [];
	const questions = e.questions.filter((q) => q.criterion === driver);
	if (questions.length)
		blocks.push(
			{ type: 'paragraph', inlines: [{ type: 'text', text: ctx.t('evaluation.report.questions'), bold: true }] },
			{
				type: 'list',
				ordered: false,
				items: questions.map((q) => [
					...questionInlines(ctx, q, 'question'),
					...ctx.text(` — ${ctx.i18n.td(`evaluation.sufficiency.${q.sufficiency}`)}`)
				])
			}
		);
	const lessons = e.lessons.filter((l) => l.criterion === driver);
	if (lessons.length)
		blocks.push(
			{ type: 'paragraph', inlines: [{ type: 'text', text: ctx.t('donorDoc.driverLessons'), bold: true }] },
			{
				type: 'list',
				ordered: false,
				items: lessons.map((l) => [...ctx.text(`${ctx.i18n.td(`evaluation.kinds.${l.kind}`)}: `), ...ctx.locRef(l.title, l.key, 'title')])
			}
		);
	return blocks;
}

const noData = (ctx: ComposeContext): DocBlock => ({ type: 'note', inlines: ctx.text(ctx.t('donorDoc.noDriverData')) });

const labourStandards: Builder = (ctx, id) => {
	const { t, i18n, snapshot } = ctx;
	const rows: DocRow[] = snapshot.recommendations.flatMap((r) =>
		r.instruments.map((x) =>
			row(
				[ctx.ref(r.code, r.key)],
				// No translation field: in the reader's language when it is the original, else marked.
				ctx.loc({ original: x.instrument, translation: null }, r.key, 'instrument'),
				ctx.text(i18n.td(`adoptionStatus.${x.status}`)),
				ctx.text(i18n.date(x.date))
			)
		)
	);
	const blocks: DocBlock[] = rows.length
		? [
				table(
					id,
					t('donorDoc.instruments'),
					[
						[t('reportDoc.col.code'), false],
						[t('reportDoc.col.instruments'), false],
						[t('reportDoc.col.status'), false],
						[t('donorDoc.col.date'), false]
					],
					rows
				)
			]
		: [];
	blocks.push(...driverRecords(ctx, 'labour_standards'));
	return blocks.length ? blocks : [noData(ctx)];
};

const socialDialogue: Builder = (ctx, id) => {
	const { t, i18n, snapshot } = ctx;
	const events = snapshot.donor?.dialogue ?? [];
	const blocks: DocBlock[] = events.length
		? [
				table(
					id,
					t('donorDoc.dialogueEvents'),
					[
						[t('donorDoc.col.date'), false],
						[t('donorDoc.col.body'), false],
						[t('donorDoc.col.parties'), false],
						[t('donorDoc.col.outcome'), false]
					],
					events.map((e) =>
						row(
							ctx.text(i18n.date(e.heldOn)),
							ctx.text(e.illustrative ? `${e.body} (${t('donorDoc.illustrative')})` : e.body),
							ctx.text(e.constituents.map((c) => i18n.td(`dialogue.constituent.${c}`)).join(', ') || '—'),
							ctx.text(e.outcome || '—')
						)
					)
				)
			]
		: [];
	blocks.push(...driverRecords(ctx, 'social_dialogue'));
	return blocks.length ? blocks : [noData(ctx)];
};

const driverOnly =
	(driver: EvaluationCriterion): Builder =>
	(ctx) => {
		const blocks = driverRecords(ctx, driver);
		return blocks.length ? blocks : [noData(ctx)];
	};

/** Partners, affiliated entities, dialogue bodies and linked programmes (coherence and partnerships). */
const partnersSynergies: Builder = (ctx, id) => {
	const { t, snapshot } = ctx;
	const pr = snapshot.programme;
	const bodies = [...new Set((snapshot.donor?.dialogue ?? []).map((e) => e.body))];
	const linked = snapshot.donor?.linkedProgrammes ?? [];
	const blocks: DocBlock[] = [
		{
			type: 'facts',
			items: [
				{ label: t('reportDoc.fact.partners'), value: partnersOrNone(ctx) },
				{ label: t('donorDoc.fact.affiliatedEntities'), value: fact(ctx, 'affiliatedEntities') },
				{ label: t('donorDoc.dialogueBodies'), value: dialogueBodiesText(ctx, bodies) }
			]
		}
	];
	blocks.push(
		linked.length
			? table(
					id,
					t('donorDoc.linkedProgrammes', { country: pr.country }),
					[
						[t('reportDoc.col.code'), false],
						[t('donorDoc.col.programme'), false],
						[t('reportDoc.fact.donor'), false]
					],
					linked.map((l) => {
						const texts = linkedProgrammeTexts(ctx, l);
						return row(ctx.text(l.code), texts.name, texts.donor);
					})
				)
			: { type: 'note', inlines: ctx.text(t('donorDoc.noLinkedProgrammes')) }
	);
	return blocks;
};

/** The management response to each recommendation and its key actions (also the TCPR annex). */
export const managementResponse: Builder = (ctx, id) => {
	const { t, i18n, snapshot } = ctx;
	const responses = snapshot.donor?.responses ?? [];
	if (!responses.length) return [none(ctx)];
	const rows: DocRow[] = [];
	let illustrative = false;
	for (const r of responses) {
		const rec = snapshot.recommendations.find((x) => x.key === r.recommendationKey);
		if (!rec) continue;
		illustrative ||= r.illustrative || r.keyActions.some((k) => k.illustrative);
		const response = r.response ? `${i18n.td(`managementResponse.${r.response}`)}${r.illustrative ? ' *' : ''}` : t('donorDoc.noResponse');
		rows.push({ type: 'group', cells: [ctx.ref(rec.code, rec.key), { type: 'text', text: ' ' }, ...ctx.loc(rec.text, rec.key, 'text')] });
		const why = ctx.loc(r.text, rec.key, 'management_response_text');
		if (!r.keyActions.length)
			rows.push(row([ctx.ref(response, rec.key)], why.length ? why : ctx.text('—'), ctx.text('—'), ctx.text('—'), ctx.text('—')));
		r.keyActions.forEach((k, n) =>
			rows.push(
				row(
					// The response's own words print with it, in the reader's language (or marked), key actions or not.
					n === 0 ? [ctx.ref(response, rec.key), ...(why.length ? [...ctx.text(': '), ...why] : [])] : ctx.text(''),
					[...ctx.loc(k.action, rec.key, `key_action.${n}`), ...(k.illustrative ? ctx.text(' *') : [])],
					k.responsible ? ctx.loc({ original: k.responsible, translation: null }, rec.key, 'responsible') : ctx.text('—'),
					ctx.text(k.dueDate ? i18n.date(k.dueDate) : '—'),
					ctx.text(i18n.td(`keyActionStatus.${k.status}`))
				)
			)
		);
	}
	const blocks: DocBlock[] = [
		table(
			id,
			t('donorDoc.managementResponse'),
			[
				[t('donorDoc.col.response'), false],
				[t('reportDoc.col.keyActions'), false],
				[t('donorDoc.col.responsible'), false],
				[t('donorDoc.col.due'), false],
				[t('reportDoc.col.status'), false]
			],
			rows
		)
	];
	if (illustrative) blocks.push({ type: 'note', inlines: ctx.text(t('donorDoc.illustrativeResponse')) });
	return blocks;
};

/** Activities planned in the period after the cut-off (not finished or cancelled by then). */
export function workPlanActivities(ctx: ComposeContext): SnapshotActivity[] {
	const next = ctx.snapshot.donor?.nextPeriod;
	if (!next) return [];
	return ctx.snapshot.activities.filter(
		(a) =>
			a.status !== 'completed' &&
			a.status !== 'cancelled' &&
			a.plannedStart !== null &&
			a.plannedStart <= next.end &&
			(a.plannedEnd ?? a.plannedStart) >= next.start
	);
}

const workPlan: Builder = (ctx, id) => {
	const { t, i18n, snapshot } = ctx;
	const next = snapshot.donor?.nextPeriod;
	if (!next) return [{ type: 'note', inlines: ctx.text(t('donorDoc.noNextPeriod')) }];
	const activities = workPlanActivities(ctx);
	const intro: DocBlock = {
		type: 'paragraph',
		inlines: ctx.text(t('donorDoc.nextPeriod', { label: next.label, dates: dateRange(ctx, next.start, next.end) }))
	};
	if (!activities.length) return [intro, none(ctx)];
	return [
		intro,
		table(
			id,
			t('donorDoc.workPlan', { label: next.label }),
			[
				[t('reportDoc.col.code'), false],
				[t('reportDoc.col.activity'), false],
				[t('donorDoc.col.output'), false],
				[t('reportDoc.col.planned'), false],
				[t('reportDoc.col.status'), false]
			],
			activities.map((a) => {
				const output = snapshot.outputs.find((o) => o.id === a.outputId);
				return row(
					[ctx.ref(a.code, a.key)],
					ctx.loc(a.title, a.key, 'title'),
					output ? [ctx.ref(output.code, output.key)] : ctx.text('—'),
					ctx.text(dateRange(ctx, a.plannedStart, a.plannedEnd)),
					ctx.text(i18n.td(`activityStatus.${a.status}`))
				);
			})
		)
	];
};

export const TCPR_BUILDERS = {
	tcpr_identification: tcprIdentification,
	outcome_progress: outcomeProgress,
	labour_standards_evidence: labourStandards,
	social_dialogue_evidence: socialDialogue,
	disability_evidence: driverOnly('disability_inclusion'),
	environment_evidence: driverOnly('environmental_sustainability'),
	partners_synergies: partnersSynergies,
	management_response: managementResponse,
	work_plan: workPlan
};
