import type { z } from 'zod';
import type { IsoDate } from '$lib/model';
import { todayIso } from '../core/dates';
import type { Executor } from '../db/executor';
import { loadTracker } from '../recommendations/tracker';
import type { ApiProgrammeAccess } from './access';
import { at, enc, listLinks, texts, translationsFor, type AnswerContext } from './answer';
import { paginate, type PageRequest } from './cursor';
import type { recommendationListSchema, recommendationSchema } from './schemas';

type Recommendation = z.output<typeof recommendationSchema>;

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
		// An explicit ?asOf= also reads key actions as they stood then (the report's as-of rule).
		loadTracker(db, programme, viewer, { asOf, rewind: options.asOf !== undefined }),
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
