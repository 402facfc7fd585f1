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
