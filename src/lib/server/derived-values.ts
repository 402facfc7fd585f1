import type { Indicator, IsoDate, ReportingPeriod } from '$lib/model';
import type { Executor } from './audit';
import { adoptedCountsAsOf } from './recommendations';

// Indicators whose values are counted from other records instead of entered: today, "how many
// recommendations the partner has adopted or implemented". Each period's value is the count as
// of its end (or as of today for the period under way), so the logframe and the tracker cannot
// disagree. Nobody enters or approves these values; they count as approved.

/** The derived value of each derived indicator, by period: one statement per programme, only when it has such indicators. */
export async function derivedValues(
	db: Executor,
	programmeId: number,
	indicators: Pick<Indicator, 'id' | 'source'>[],
	periods: Pick<ReportingPeriod, 'id' | 'startDate' | 'endDate'>[],
	asOf: IsoDate
): Promise<Map<number, Map<number, number>>> {
	const derived = indicators.filter((i) => i.source === 'recommendations_adopted');
	const result = new Map<number, Map<number, number>>();
	if (derived.length === 0) return result;
	const started = periods.filter((p) => p.startDate <= asOf);
	const dateOf = (p: Pick<ReportingPeriod, 'endDate'>) => (p.endDate < asOf ? p.endDate : asOf);
	const counts = await adoptedCountsAsOf(db, programmeId, [...new Set(started.map(dateOf))]);
	const byPeriod = new Map(started.map((p) => [p.id, counts.get(dateOf(p)) ?? 0]));
	for (const indicator of derived) result.set(indicator.id, byPeriod);
	return result;
}
