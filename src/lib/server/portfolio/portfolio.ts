import { statusAsOf, summarizeAdoption, type AdoptionSummary } from '$lib/adoption';
import type { IsoDate } from '$lib/model';
import type { Executor } from '../db/executor';

// The portfolio's other figures (design §4): how far each programme's recommendations have been
// adopted and how many high or critical risks are still open. Three statements for any number of
// programmes, using the same rules as the tracker and the risk matrix.

export interface PortfolioFigures {
	adoption: AdoptionSummary;
	/** Risks (not assumptions) not closed, scoring 10 or more (bands high and critical). */
	openHighRisks: number;
}

export async function portfolioFigures(db: Executor, programmeIds: number[], asOf: IsoDate): Promise<Map<number, PortfolioFigures>> {
	const figures = new Map<number, PortfolioFigures>();
	if (programmeIds.length === 0) return figures;
	const [recommendations, events, risks] = await Promise.all([
		db.selectFrom('recommendation').select(['id', 'programme_id']).where('programme_id', 'in', programmeIds).execute(),
		db
			.selectFrom('adoption_event')
			.innerJoin('recommendation', 'recommendation.id', 'adoption_event.recommendation_id')
			.select(['adoption_event.id', 'adoption_event.recommendation_id', 'adoption_event.event_date', 'adoption_event.status'])
			.where('recommendation.programme_id', 'in', programmeIds)
			.execute(),
		db
			.selectFrom('risk')
			.select((eb) => ['programme_id', eb.fn.countAll<number>().as('n')])
			.where('programme_id', 'in', programmeIds)
			.where('kind', '=', 'risk')
			.where('status', '!=', 'closed')
			.where((eb) => eb(eb('likelihood', '*', eb.ref('impact')), '>=', 10))
			.groupBy('programme_id')
			.execute()
	]);
	const eventsByRecommendation = new Map<number, { id: number; eventDate: IsoDate; status: (typeof events)[number]['status'] }[]>();
	for (const e of events) {
		let list = eventsByRecommendation.get(e.recommendation_id);
		if (!list) eventsByRecommendation.set(e.recommendation_id, (list = []));
		list.push({ id: e.id, eventDate: e.event_date, status: e.status });
	}
	const highRisks = new Map(risks.map((r) => [r.programme_id, r.n]));
	for (const id of programmeIds) {
		const statuses = recommendations
			.filter((r) => r.programme_id === id)
			.map((r) => statusAsOf(eventsByRecommendation.get(r.id) ?? [], asOf));
		figures.set(id, { adoption: summarizeAdoption(statuses), openHighRisks: highRisks.get(id) ?? 0 });
	}
	return figures;
}
