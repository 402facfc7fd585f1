import type { z } from 'zod';
import type { IsoDate } from '$lib/model';
import type { Executor } from '../db/executor';
import { loadGenderStrategy } from '../gender/strategy';
import type { ApiProgrammeAccess } from './access';
import { at, enc, listLinks, texts, translationsFor, type AnswerContext } from './answer';
import { paginate, type PageRequest } from './cursor';
import type { genderActionListSchema, genderActionSchema } from './schemas';

type GenderAction = z.output<typeof genderActionSchema>;

/** The programme's gender actions, from the gender page's read model; `?asOf=` rewinds them (the report's rule). */
export async function readGenderActions(
	db: Executor,
	access: ApiProgrammeAccess,
	ctx: AnswerContext,
	page: PageRequest,
	options: { asOf?: IsoDate } = {}
): Promise<z.output<typeof genderActionListSchema>> {
	const { programme, viewer } = access;
	const [strategy, translations] = await Promise.all([
		loadGenderStrategy(db, programme, viewer, { asOf: options.asOf, rewind: options.asOf !== undefined }),
		translationsFor(db, programme, ctx.lang)
	]);
	const tr = texts(translations, programme.contentLanguage, ctx.lang);
	const base = `/programmes/${enc(programme.slug)}`;
	const data: GenderAction[] = strategy.groups.flatMap((g) =>
		g.actions.map((a) => ({
			id: a.id,
			...tr('gender_action', a.id, { title: a.title, description: a.description }),
			moduleId: a.moduleId,
			type: a.type,
			status: a.status,
			startDate: a.startDate,
			dueDate: a.dueDate,
			overdue: a.overdue,
			indicatorIds: [...a.indicatorIds],
			links: { self: at(ctx, `/api/v1${base}/gender-actions`), page: at(ctx, `${base}/gender#action-${a.id}`) }
		}))
	);
	const { items, nextCursor } = paginate('gender-actions', data, page);
	return {
		asOf: strategy.asOf,
		lang: ctx.lang,
		data: items,
		pagination: { limit: page.limit, nextCursor },
		links: listLinks(ctx, `${base}/gender`, nextCursor)
	};
}
