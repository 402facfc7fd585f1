import type { ImpactSummary } from '$lib/server/core/cascade';
import type { I18n } from './context';

/** The lines of a delete confirmation: everything that would go, one kind per line. */
export function impactLines(i18n: I18n, impact: ImpactSummary): string[] {
	const lines: [number, string][] = [
		[impact.outputs, i18n.t('logframe.impactOutputs', { n: impact.outputs })],
		[impact.activities, i18n.t('logframe.impactActivities', { n: impact.activities })],
		[impact.indicators, i18n.t('logframe.impactIndicators', { n: impact.indicators })],
		[impact.targets, i18n.t('logframe.impactTargets', { n: impact.targets })],
		[impact.values, i18n.t('logframe.impactValues', { n: impact.values })],
		[impact.risks, i18n.t('logframe.impactRisks', { n: impact.risks })],
		[impact.genderActions, i18n.t('logframe.impactGenderActions', { n: impact.genderActions })],
		[impact.checks, i18n.t('logframe.impactChecks', { n: impact.checks })],
		[impact.links, i18n.t('logframe.impactLinks', { n: impact.links })]
	];
	return lines.filter(([n]) => n > 0).map(([, line]) => line);
}
