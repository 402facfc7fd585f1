import type { z } from 'zod';
import type { IsoDate } from '$lib/model';
import { todayIso } from '../core/dates';
import type { Executor } from '../db/executor';
import { assessProgramme, assessProgrammes, countStatuses } from '../results/assessment';
import { loadResultsTree, type IndicatorSummary } from '../results/results-page';
import type { ApiProgrammeAccess } from './access';
import { at, enc, listLinks, texts, translationsFor, type AnswerContext } from './answer';
import { encodeCursor, type PageRequest } from './cursor';
import type { indicatorSchema, resultsSchema } from './schemas';
import { forecastAnswer } from './forecast-answer';

type Indicator = z.output<typeof indicatorSchema>;

export async function readResults(
	db: Executor,
	access: ApiProgrammeAccess,
	ctx: AnswerContext,
	page: PageRequest,
	options: { asOf?: IsoDate; statusCounts?: boolean } = {}
): Promise<z.output<typeof resultsSchema>> {
	const { programme, viewer } = access;
	const asOf = options.asOf ?? todayIso();
	// The page is chosen in SQL (ids after the cursor, one more than the limit to know whether
	// another page follows) and only its indicators are assessed: the first 50 of 3,000 cost about
	// what the first 50 of 300 do. Assessed once and handed to the results tree, as composed page
	// reads do. The whole programme's status counts need every indicator: only when asked for.
	const pageRows = await db
		.selectFrom('indicator')
		.select('id')
		.where('programme_id', '=', programme.id)
		.$if(page.afterId !== null, (q) => q.where('id', '>', page.afterId!))
		.orderBy('id')
		.limit(page.limit + 1)
		.execute();
	const more = pageRows.length > page.limit;
	const ids = pageRows.slice(0, page.limit).map((r) => r.id);
	// An explicit ?asOf= reads targets as they stood then (the report's as-of rule).
	const rewind = options.asOf !== undefined;
	const pageOnly = async () => (await assessProgrammes(db, [programme], asOf, undefined, ids, rewind)).get(programme.id)!;
	const [assessment, whole] = await Promise.all([
		pageOnly(),
		options.statusCounts ? assessProgramme(db, programme, asOf, rewind) : Promise.resolve(null)
	]);
	const [tree, targetRows, translations] = await Promise.all([
		loadResultsTree(db, programme, viewer, { asOf, assessment }),
		db
			.selectFrom('indicator_target')
			.innerJoin('indicator', 'indicator.id', 'indicator_target.indicator_id')
			.select([
				'indicator_target.indicator_id',
				'indicator_target.period_id',
				'indicator_target.value',
				'indicator_target.women',
				'indicator_target.men'
			])
			.where('indicator.programme_id', '=', programme.id)
			.where('indicator.id', 'in', ids.length ? ids : [0])
			.execute(),
		translationsFor(db, programme, ctx.lang)
	]);
	const tr = texts(translations, programme.contentLanguage, ctx.lang);
	const targets = new Map(targetRows.map((t) => [`${t.indicator_id}:${t.period_id}`, t]));
	const summaries = new Map<number, IndicatorSummary>();
	for (const s of tree.programmeIndicators) summaries.set(s.id, s);
	for (const m of tree.modules) {
		for (const s of m.indicators) summaries.set(s.id, s);
		for (const o of m.outputs) for (const s of o.indicators) summaries.set(s.id, s);
	}
	const base = `/programmes/${enc(programme.slug)}`;
	const indicators: Indicator[] = assessment.indicators.map((i) => {
		const s = summaries.get(i.id)!;
		const approved = assessment.approved.get(i.id);
		const t = tr('indicator', i.id, { title: i.title, definition: i.definition, unit: i.unit });
		const judged = new Map(assessment.assessments.get(i.id)!.periods.map((p) => [p.periodId, p]));
		return {
			id: i.id,
			code: i.code,
			title: t.title,
			definition: t.definition,
			level: i.level,
			moduleId: i.moduleId,
			outputId: i.outputId,
			unit: t.unit,
			measure: i.measure,
			direction: i.direction,
			aggregation: i.aggregation,
			decimals: i.decimals,
			isKey: i.isKey,
			disaggregatedBySex: i.disaggregatedBySex,
			baseline: { value: i.baselineValue, date: i.baselineDate },
			endTarget: i.targetValue,
			status: s.status,
			latestValue: s.latestValue,
			latestPeriod: s.latestPeriodLabel,
			updateOverduePeriod: s.updateOverduePeriod,
			pendingState: s.pending === 'draft' || s.pending === 'submitted' || s.pending === 'returned' ? s.pending : null,
			periods: assessment.periods.map((p) => {
				const t = targets.get(`${i.id}:${p.id}`);
				const v = approved?.get(p.id);
				// The milestone as it stood at `asOf` (the assessment rewinds later changes); its
				// women/men split only when the milestone is still the one stored today.
				const milestone = judged.get(p.id)?.milestone ?? null;
				const same = t !== undefined && t.value === milestone;
				return {
					periodId: p.id,
					label: p.label,
					target: milestone,
					targetWomen: same ? t.women : null,
					targetMen: same ? t.men : null,
					actual: v?.value ?? null,
					women: v?.women ?? null,
					men: v?.men ?? null
				};
			}),
			untranslated: t.untranslated,
			links: { self: at(ctx, `/api/v1${base}/indicators/${i.id}`), page: at(ctx, `${base}/indicators/${i.id}`) },
			forecast: forecastAnswer(assessment.forecasts.get(i.id)!, i, ctx.lang)
		};
	});
	const items = [...indicators].sort((a, b) => a.id - b.id);
	const nextCursor = more && items.length ? encodeCursor('results', items.at(-1)!.id) : null;
	return {
		programme: { slug: programme.slug, code: programme.code, shortName: programme.shortName },
		asOf,
		lang: ctx.lang,
		periods: assessment.periods.map((p) => ({ id: p.id, label: p.label, startDate: p.startDate, endDate: p.endDate, locked: p.locked })),
		modules: tree.modules.map((m) => ({
			id: m.id,
			code: m.code,
			...tr('module', m.id, { title: m.title }),
			outputs: m.outputs.map((o) => ({ id: o.id, code: o.code, ...tr('output', o.id, { title: o.title }) }))
		})),
		statusCounts: whole ? countStatuses(whole.assessments.values()) : null,
		data: items,
		pagination: { limit: page.limit, nextCursor },
		links: listLinks(ctx, `${base}/results`, nextCursor)
	};
}
