import { adoptionAsOf, type AdoptionSummary } from '$lib/adoption';
import type { IsoDate } from '$lib/model';
import { OPEN_HIGH_RISK } from '$lib/risk-rules';
import type { Executor } from '../db/executor';
import { laddersOfProgrammes } from '../recommendations/recommendations';

// The portfolio's other figures (design §4): how far each programme's recommendations have been
// adopted and how many high or critical risks are still open. Three statements for any number of
// programmes, with the same rules as the tracker (adoptionAsOf) and the risk rules (OPEN_HIGH_RISK).

export interface PortfolioFigures {
	adoption: AdoptionSummary;
	/** Risks (not assumptions) not closed, in the bands high and critical. */
	openHighRisks: number;
}

export async function portfolioFigures(db: Executor, programmeIds: number[], asOf: IsoDate): Promise<Map<number, PortfolioFigures>> {
	const figures = new Map<number, PortfolioFigures>();
	if (programmeIds.length === 0) return figures;
	const [recommendations, ladders, risks] = await Promise.all([
		db.selectFrom('recommendation').select(['id', 'programme_id']).where('programme_id', 'in', programmeIds).execute(),
		laddersOfProgrammes(db, programmeIds),
		db
			.selectFrom('risk')
			.select((eb) => ['programme_id', eb.fn.countAll<number>().as('n')])
			.where('programme_id', 'in', programmeIds)
			.where('kind', '=', OPEN_HIGH_RISK.kind)
			.where('status', '!=', OPEN_HIGH_RISK.notStatus)
			.where((eb) => eb(eb('likelihood', '*', eb.ref('impact')), '>=', OPEN_HIGH_RISK.minScore))
			.groupBy('programme_id')
			.execute()
	]);
	const highRisks = new Map(risks.map((r) => [r.programme_id, r.n]));
	for (const id of programmeIds) {
		const programmeLadders = ladders.get(id) ?? new Map();
		const ladderOf = (recommendationId: number) => programmeLadders.get(recommendationId) ?? [];
		const adoption = adoptionAsOf(
			recommendations.filter((r) => r.programme_id === id).map((r) => ladderOf(r.id)),
			asOf
		);
		figures.set(id, { adoption, openHighRisks: highRisks.get(id) ?? 0 });
	}
	return figures;
}
