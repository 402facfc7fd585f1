import { adoptedCountsFrom } from '$lib/adoption';
import type { Indicator, IsoDate, ReportingPeriod } from '$lib/model';
import type { Executor } from '../db/executor';
import { laddersOfProgrammes } from '../recommendations/recommendations';

// Indicators whose values are counted from other records instead of entered: today, "how many
// recommendations the partner has adopted or implemented". Each period's value is the count as
// of its end (or as of today for the period under way), so the logframe and the tracker cannot
// disagree. Nobody enters or approves these values; they count as approved.

interface ProgrammePart {
	programmeId: number;
	indicators: Pick<Indicator, 'id' | 'source'>[];
	periods: Pick<ReportingPeriod, 'id' | 'startDate' | 'endDate'>[];
}

/**
 * The derived value of each derived indicator, by period, for several programmes at once: one
 * statement in all, and none when no programme has such indicators.
 */
export async function derivedValues(db: Executor, parts: ProgrammePart[], asOf: IsoDate): Promise<Map<number, Map<number, number>>> {
	const result = new Map<number, Map<number, number>>();
	const withDerived = parts.filter((p) => p.indicators.some((i) => i.source === 'recommendations_adopted'));
	if (withDerived.length === 0) return result;
	const ladders = await laddersOfProgrammes(
		db,
		withDerived.map((p) => p.programmeId)
	);
	for (const part of withDerived) {
		const started = part.periods.filter((p) => p.startDate <= asOf);
		const dateOf = (p: Pick<ReportingPeriod, 'endDate'>) => (p.endDate < asOf ? p.endDate : asOf);
		const counts = adoptedCountsFrom((ladders.get(part.programmeId) ?? new Map()).values(), [...new Set(started.map(dateOf))]);
		const byPeriod = new Map(started.map((p) => [p.id, counts.get(dateOf(p)) ?? 0]));
		for (const indicator of part.indicators) {
			if (indicator.source === 'recommendations_adopted') result.set(indicator.id, byPeriod);
		}
	}
	return result;
}
