import type { SnapshotForecast } from '$lib/reports/snapshot';
import type { ProgrammeAssessment } from '../results/assessment';

// The snapshot's forecasts: what the assessment at the cut-off already projected for each number
// or rate indicator, frozen with the report (so the printed likelihood never changes afterwards).
export function snapshotForecasts(assessment: ProgrammeAssessment): SnapshotForecast[] {
	return assessment.indicators
		.filter((i) => i.measure === 'number' || i.measure === 'percentage')
		.map((i) => ({ indicatorKey: `indicator:${i.code}`, forecast: assessment.forecasts.get(i.id)! }));
}
