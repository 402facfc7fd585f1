import type { Executor } from '../db/executor';
import { getLogframe } from '../programmes/programmes';
import { listRecommendationChoices } from '../recommendations/choices';
import { listIndicatorChoices } from '../results/indicators';

// What a lesson's or a matrix question's form may link to, all of the programme's own records.

export interface LinkChoice {
	id: number;
	code: string;
	title: string;
}

export interface LinkChoices {
	modules: LinkChoice[];
	outputs: LinkChoice[];
	recommendations: LinkChoice[];
	indicators: LinkChoice[];
}

export async function loadLinkChoices(db: Executor, programmeId: number): Promise<LinkChoices> {
	const [logframe, recommendations, indicators] = await Promise.all([
		getLogframe(db, programmeId),
		listRecommendationChoices(db, programmeId),
		listIndicatorChoices(db, programmeId)
	]);
	const short = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}…` : s);
	return {
		modules: logframe.map((m) => ({ id: m.id, code: m.code, title: m.title })),
		outputs: logframe.flatMap((m) => m.outputs.map((o) => ({ id: o.id, code: o.code, title: o.title }))),
		recommendations: recommendations.map((r) => ({ id: r.id, code: r.code, title: short(r.text) })),
		indicators: indicators.map((i) => ({ id: i.id, code: i.code, title: i.title }))
	};
}
