import type { z } from 'zod';
import { localizeField, type TranslatableEntity, type TranslationMap } from '$lib/content-language';
import type { IsoDate, Locale, Programme as AppProgramme } from '$lib/model';
import { loadTranslations } from '../core/translations';
import { todayIso } from '../core/dates';
import type { Executor } from '../db/executor';
import { loadTracker } from '../recommendations/tracker';
import { assessProgramme } from '../results/assessment';
import { loadResultsTree, type IndicatorSummary } from '../results/results-page';
import { loadRiskRegister } from '../risks/register';
import type { ApiProgrammeAccess } from './access';
import { programmesForCaller } from './access';
import { paginate, type PageRequest } from './cursor';
import type {
	indicatorSchema,
	programmeListSchema,
	programmeSchema,
	recommendationListSchema,
	recommendationSchema,
	reportListSchema,
	resultsSchema,
	riskListSchema,
	riskSchema
} from './schemas';
import type { ApiCaller } from './tokens';

// The read API's answers, built from the same read models the pages use (the results tree and the
// programme assessment, the risk register, the recommendation tracker), so status, bands and
// adoption are never judged a second way, and a token sees what its user sees on the pages:
// approved values only, and for donors no internal notes, step notes or values in progress.
// Every answer takes a fixed number of statements whatever the size of the programme.

type Programme = z.output<typeof programmeSchema>;
type Indicator = z.output<typeof indicatorSchema>;
type Risk = z.output<typeof riskSchema>;
type Recommendation = z.output<typeof recommendationSchema>;

/** What shapes an answer beyond its data: where its links point, and the language of its texts. */
export interface AnswerContext {
	origin: string;
	/** The language content texts are given in; texts with no translation stay in the original. */
	lang: Locale;
	/** The request URL (its query string is kept in `self`, its cursor replaced in `next`). */
	url: URL;
}

const at = (ctx: AnswerContext, path: string) => new URL(path, ctx.origin).toString();

function listLinks(ctx: AnswerContext, page: string, nextCursor: string | null) {
	const self = new URL(ctx.url.pathname + ctx.url.search, ctx.origin);
	let next: string | null = null;
	if (nextCursor) {
		const n = new URL(self);
		n.searchParams.set('cursor', nextCursor);
		next = n.toString();
	}
	return { self: self.toString(), next, page: at(ctx, page) };
}

const enc = encodeURIComponent;

/**
 * The texts of one record in the answer's language (the localize rule of the pages), and the
 * fields that had to stay in the original: a machine's version of the "(es)" mark.
 */
function texts(translations: TranslationMap, contentLanguage: Locale, lang: Locale) {
	return <const F extends string>(entity: TranslatableEntity, id: number, originals: Record<F, string>) => {
		const out = {} as Record<F, string>;
		const untranslated: string[] = [];
		for (const field of Object.keys(originals) as F[]) {
			const l = localizeField(translations, contentLanguage, lang, { entity, id, field, original: originals[field] });
			out[field] = l.text;
			if (l.fallback) untranslated.push(field);
		}
		return { ...out, untranslated };
	};
}

/** One statement: the programme's translations into the answer's language (none needed when it is the original). */
function translationsFor(db: Executor, programme: AppProgramme, lang: Locale): Promise<TranslationMap> {
	return programme.contentLanguage === lang ? Promise.resolve(new Map()) : loadTranslations(db, programme.id, lang);
}

// ---- programmes --------------------------------------------------------------------------------

type Entry = Awaited<ReturnType<typeof programmesForCaller>>[number];

/** The programmes' titles in the answer's language: one statement for any number of programmes. */
async function programmeTitles(db: Executor, entries: Entry[], lang: Locale): Promise<TranslationMap> {
	const ids = entries.filter((e) => e.programme.contentLanguage !== lang).map((e) => e.programme.id);
	if (ids.length === 0) return new Map();
	const rows = await db
		.selectFrom('translation')
		.select(['entity_id', 'text'])
		.where('entity', '=', 'programme')
		.where('field', '=', 'title')
		.where('locale', '=', lang)
		.where('entity_id', 'in', ids)
		.execute();
	return new Map(rows.map((r) => [`programme:${r.entity_id}:title`, r.text]));
}

function programmeOut(ctx: AnswerContext, entry: Entry, titles: TranslationMap): Programme {
	const p = entry.programme;
	const api = `/api/v1/programmes/${enc(p.slug)}`;
	const t = texts(titles, p.contentLanguage, ctx.lang)('programme', p.id, { title: p.title });
	return {
		id: p.id,
		slug: p.slug,
		code: p.code,
		shortName: p.shortName,
		title: t.title,
		country: p.country,
		donor: p.donor,
		fundingModality: p.fundingModality,
		status: p.status,
		startDate: p.startDate,
		endDate: p.endDate,
		effectiveEndDate: p.effectiveEndDate,
		contentLanguage: p.contentLanguage,
		role: entry.role,
		untranslated: t.untranslated,
		links: {
			self: at(ctx, api),
			page: at(ctx, `/programmes/${enc(p.slug)}`),
			results: at(ctx, `${api}/results`),
			risks: at(ctx, `${api}/risks`),
			recommendations: at(ctx, `${api}/recommendations`),
			reports: at(ctx, `${api}/reports`)
		}
	};
}

export async function readProgrammes(
	db: Executor,
	caller: ApiCaller,
	ctx: AnswerContext,
	page: PageRequest
): Promise<z.output<typeof programmeListSchema>> {
	const entries = (await programmesForCaller(db, caller)).map((e) => ({ id: e.programme.id, entry: e }));
	const { items, nextCursor } = paginate('programmes', entries, page);
	const titles = await programmeTitles(
		db,
		items.map((i) => i.entry),
		ctx.lang
	);
	return {
		lang: ctx.lang,
		data: items.map((i) => programmeOut(ctx, i.entry, titles)),
		pagination: { limit: page.limit, nextCursor },
		links: listLinks(ctx, '/', nextCursor)
	};
}

export async function readProgramme(db: Executor, caller: ApiCaller, ctx: AnswerContext, slug: string): Promise<Programme | null> {
	const entry = (await programmesForCaller(db, caller)).find((e) => e.programme.slug === slug);
	return entry ? programmeOut(ctx, entry, await programmeTitles(db, [entry], ctx.lang)) : null;
}

// ---- results -----------------------------------------------------------------------------------

export async function readResults(
	db: Executor,
	access: ApiProgrammeAccess,
	ctx: AnswerContext,
	page: PageRequest,
	options: { asOf?: IsoDate } = {}
): Promise<z.output<typeof resultsSchema>> {
	const { programme, viewer } = access;
	const asOf = options.asOf ?? todayIso();
	// Assessed once and handed to the results tree, as composed page reads do.
	const assessment = await assessProgramme(db, programme, asOf);
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
				return {
					periodId: p.id,
					label: p.label,
					target: t?.value ?? null,
					targetWomen: t?.women ?? null,
					targetMen: t?.men ?? null,
					actual: v?.value ?? null,
					women: v?.women ?? null,
					men: v?.men ?? null
				};
			}),
			untranslated: t.untranslated,
			links: { self: at(ctx, `/api/v1${base}/indicators/${i.id}`), page: at(ctx, `${base}/indicators/${i.id}`) }
		};
	});
	const { items, nextCursor } = paginate('results', indicators, page);
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
		statusCounts: tree.statusCounts,
		data: items,
		pagination: { limit: page.limit, nextCursor },
		links: listLinks(ctx, `${base}/results`, nextCursor)
	};
}

// ---- risks -------------------------------------------------------------------------------------

export async function readRisks(
	db: Executor,
	access: ApiProgrammeAccess,
	ctx: AnswerContext,
	page: PageRequest,
	options: { asOf?: IsoDate } = {}
): Promise<z.output<typeof riskListSchema>> {
	const { programme, viewer } = access;
	const asOf = options.asOf ?? todayIso();
	const [register, translations] = await Promise.all([
		loadRiskRegister(db, programme, viewer, { asOf }),
		translationsFor(db, programme, ctx.lang)
	]);
	const tr = texts(translations, programme.contentLanguage, ctx.lang);
	const base = `/programmes/${enc(programme.slug)}`;
	const risks: Risk[] = register.entries.map((e) => ({
		id: e.id,
		code: e.code,
		kind: e.kind,
		...tr('risk', e.id, { title: e.title, description: e.description }),
		category: e.category,
		level: e.level,
		attachedTo: e.attachedTo,
		likelihood: e.likelihood,
		impact: e.impact,
		score: e.score,
		band: e.band,
		trend: e.trend,
		status: e.status,
		mitigation: e.mitigation,
		contingency: e.contingency,
		owner: e.owner,
		nextReviewDate: e.nextReviewDate,
		reviewNeeded: e.reviewNeeded ? { overdue: e.reviewNeeded.overdue, offTrack: [...e.reviewNeeded.offTrack] } : null,
		indicators: e.indicators.map((i) => ({ id: i.id, code: i.code, status: i.status })),
		lastCheck: e.lastCheck ? { period: e.lastCheck.periodLabel, result: e.lastCheck.result } : null,
		internalNotes: viewer.internal ? e.internalNotes : null,
		links: { self: at(ctx, `/api/v1${base}/risks/${e.id}`), page: at(ctx, `${base}/risks/${e.id}`) }
	}));
	const { items, nextCursor } = paginate('risks', risks, page);
	return {
		asOf,
		lang: ctx.lang,
		data: items,
		pagination: { limit: page.limit, nextCursor },
		links: listLinks(ctx, `${base}/risks`, nextCursor)
	};
}

// ---- recommendations ---------------------------------------------------------------------------

export async function readRecommendations(
	db: Executor,
	access: ApiProgrammeAccess,
	ctx: AnswerContext,
	page: PageRequest,
	options: { asOf?: IsoDate } = {}
): Promise<z.output<typeof recommendationListSchema>> {
	const { programme, viewer } = access;
	const asOf = options.asOf ?? todayIso();
	const [tracker, translations, steps] = await Promise.all([
		loadTracker(db, programme, viewer, { asOf }),
		translationsFor(db, programme, ctx.lang),
		db
			.selectFrom('adoption_event')
			.innerJoin('recommendation', 'recommendation.id', 'adoption_event.recommendation_id')
			.select([
				'adoption_event.id',
				'adoption_event.recommendation_id',
				'adoption_event.event_date',
				'adoption_event.status',
				'adoption_event.instrument',
				'adoption_event.evidence_url',
				'adoption_event.note'
			])
			.where('recommendation.programme_id', '=', programme.id)
			.where('adoption_event.event_date', '<=', asOf)
			.orderBy('adoption_event.event_date')
			.orderBy('adoption_event.id')
			.execute()
	]);
	const ladders = new Map<number, Recommendation['ladder']>();
	for (const s of steps) {
		let list = ladders.get(s.recommendation_id);
		if (!list) ladders.set(s.recommendation_id, (list = []));
		list.push({
			id: s.id,
			date: s.event_date,
			status: s.status,
			instrument: s.instrument,
			evidenceUrl: s.evidence_url,
			note: viewer.internal ? s.note : null
		});
	}
	const base = `/programmes/${enc(programme.slug)}`;
	const tr = texts(translations, programme.contentLanguage, ctx.lang);
	const recommendations: Recommendation[] = tracker.rows.map((r) => ({
		id: r.id,
		code: r.code,
		...tr('recommendation', r.id, { text: r.text }),
		issuedOn: r.issuedOn,
		addressedTo: r.addressedTo,
		area: r.area,
		priority: r.priority,
		timeframe: r.timeframe,
		source:
			r.sourceId !== null && r.sourceTitle !== null && r.sourceKind !== null
				? { id: r.sourceId, title: r.sourceTitle, kind: r.sourceKind }
				: null,
		managementResponse: r.managementResponse,
		status: r.status,
		statusDate: r.statusDate,
		ladder: ladders.get(r.id) ?? [],
		keyActions: { total: r.keyActionCount, completed: r.keyActionsCompleted, overdue: r.overdueActions },
		links: { self: at(ctx, `/api/v1${base}/recommendations/${r.id}`), page: at(ctx, `${base}/recommendations/${r.id}`) }
	}));
	const { items, nextCursor } = paginate('recommendations', recommendations, page);
	return {
		asOf,
		lang: ctx.lang,
		data: items,
		pagination: { limit: page.limit, nextCursor },
		links: listLinks(ctx, `${base}/recommendations`, nextCursor)
	};
}

// ---- reports -----------------------------------------------------------------------------------

/**
 * Issued reports (metadata and file links). Reports are not stored by this version of Avance:
 * there is no report table yet, so every programme answers an empty list in the final shape,
 * and clients written against it keep working once reports are issued.
 */
export async function readReports(
	_db: Executor,
	access: ApiProgrammeAccess,
	ctx: AnswerContext,
	page: PageRequest
): Promise<z.output<typeof reportListSchema>> {
	return {
		data: [],
		pagination: { limit: page.limit, nextCursor: null },
		links: listLinks(ctx, `/programmes/${enc(access.programme.slug)}`, null)
	};
}
