import type { z } from 'zod';
import type { IsoDate } from '$lib/model';
import type { Executor } from '../db/executor';
import { loadActivitiesAt } from '../programmes/activities-at';
import type { ApiProgrammeAccess } from './access';
import { at, enc, listLinks, texts, translationsFor, type AnswerContext } from './answer';
import { paginate, type PageRequest } from './cursor';
import type { activityListSchema, activitySchema } from './schemas';

type Activity = z.output<typeof activitySchema>;

/** The programme's activities; an explicit `?asOf=` reads them as they stood then (the report's as-of rule). */
export async function readActivities(
	db: Executor,
	access: ApiProgrammeAccess,
	ctx: AnswerContext,
	page: PageRequest,
	options: { asOf?: IsoDate } = {}
): Promise<z.output<typeof activityListSchema>> {
	const { programme } = access;
	const [{ asOf, activities }, translations] = await Promise.all([
		loadActivitiesAt(db, programme.id, { asOf: options.asOf, rewind: options.asOf !== undefined }),
		translationsFor(db, programme, ctx.lang)
	]);
	const tr = texts(translations, programme.contentLanguage, ctx.lang);
	const base = `/programmes/${enc(programme.slug)}`;
	const data: Activity[] = activities.map((a) => ({
		id: a.id,
		code: a.code,
		...tr('activity', a.id, { title: a.title }),
		moduleId: a.moduleId,
		outputId: a.outputId,
		status: a.status,
		plannedStart: a.plannedStart,
		plannedEnd: a.plannedEnd,
		actualStart: a.actualStart,
		actualEnd: a.actualEnd,
		progress: a.progress,
		onTime: a.onTime,
		responsible: a.responsible,
		links: { self: at(ctx, `/api/v1${base}/activities`), page: at(ctx, `${base}/results#activity-${a.id}`) }
	}));
	const { items, nextCursor } = paginate('activities', data, page);
	return {
		asOf,
		lang: ctx.lang,
		data: items,
		pagination: { limit: page.limit, nextCursor },
		links: listLinks(ctx, `${base}/results`, nextCursor)
	};
}
