import type { z } from 'zod';
import type { IsoDate } from '$lib/model';
import { todayIso } from '../core/dates';
import type { Executor } from '../db/executor';
import { loadRiskRegister } from '../risks/register';
import type { ApiProgrammeAccess } from './access';
import { at, enc, listLinks, texts, translationsFor, type AnswerContext } from './answer';
import { paginate, type PageRequest } from './cursor';
import type { riskListSchema, riskSchema } from './schemas';

type Risk = z.output<typeof riskSchema>;

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
		// An explicit ?asOf= reads the register as it stood then (the report's as-of rule).
		loadRiskRegister(db, programme, viewer, { asOf, rewind: options.asOf !== undefined }),
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
