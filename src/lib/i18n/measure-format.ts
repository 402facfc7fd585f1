import type { Measure } from '$lib/model';
import type { I18n } from './context';

/**
 * A value as its indicator reads: "45,5 %", "Sí", "1.250", with the indicator's decimals (an
 * expected 24.94 people reads 25). Without decimals given: none for numbers, one for rates.
 */
export function formatMeasureValue(
	i18n: I18n,
	value: number | null | undefined,
	indicator: { measure: Measure; decimals?: number } | Measure
): string {
	const { measure, decimals } = typeof indicator === 'string' ? { measure: indicator, decimals: undefined } : indicator;
	if (value === null || value === undefined) return i18n.t('common.none');
	switch (measure) {
		case 'percentage':
			return i18n.percent(value / 100, decimals ?? 1);
		case 'milestone':
			return value >= 1 ? i18n.t('common.yes') : i18n.t('common.no');
		case 'qualitative':
			return i18n.t('common.none');
		default:
			return i18n.number(value, decimals ?? 0);
	}
}

/** How many decimals a figure was typed with (1.5 → 1, 0.125 → 3), at most 6. */
export function enteredDecimals(value: number): number {
	if (!Number.isFinite(value)) return 0;
	for (let d = 0; d < 6; d++)
		if (Math.abs(Math.round(value * 10 ** d) - value * 10 ** d) < 1e-9 * Math.max(1, Math.abs(value) * 10 ** d)) return d;
	return 6;
}

/**
 * A figure someone typed (a baseline, an end target, a milestone): never shown with fewer decimals
 * than it was entered with (issue 22: a target of 1.5 million with 0 decimals read "2"). Computed
 * figures (expected values, progress) keep formatMeasureValue's rounding.
 */
export function formatEnteredValue(
	i18n: I18n,
	value: number | null | undefined,
	indicator: { measure: Measure; decimals?: number }
): string {
	if (value === null || value === undefined || indicator.measure === 'milestone' || indicator.measure === 'qualitative')
		return formatMeasureValue(i18n, value, indicator);
	const fallback = indicator.measure === 'percentage' ? 1 : 0;
	return formatMeasureValue(i18n, value, {
		measure: indicator.measure,
		decimals: Math.max(indicator.decimals ?? fallback, enteredDecimals(value))
	});
}
