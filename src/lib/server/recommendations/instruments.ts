import { ADOPTED_STATUSES } from '$lib/adoption';
import type { IsoDate } from '$lib/model';
import type { Executor } from '../db/executor';

// The instruments (a resolution, a regulation, a circular…) by which the partner adopted or
// implemented recommendations, as of a date: what the dashboard and the reports name beside the
// adoption figures. One statement whatever the number of recommendations.

export interface AdoptionInstrument {
	recommendationId: number;
	eventDate: IsoDate;
	instrument: string;
}

/** Every adoption or implementation step with an instrument, dated on or before `asOf`, oldest first. */
export async function listAdoptionInstruments(db: Executor, programmeId: number, asOf: IsoDate): Promise<AdoptionInstrument[]> {
	const rows = await db
		.selectFrom('adoption_event')
		.innerJoin('recommendation', 'recommendation.id', 'adoption_event.recommendation_id')
		.select(['adoption_event.recommendation_id', 'adoption_event.event_date', 'adoption_event.instrument'])
		.where('recommendation.programme_id', '=', programmeId)
		.where('adoption_event.status', 'in', ADOPTED_STATUSES)
		.where('adoption_event.instrument', '!=', '')
		.where('adoption_event.event_date', '<=', asOf)
		.orderBy('adoption_event.event_date')
		.orderBy('adoption_event.id')
		.execute();
	return rows.map((r) => ({ recommendationId: r.recommendation_id, eventDate: r.event_date, instrument: r.instrument }));
}
