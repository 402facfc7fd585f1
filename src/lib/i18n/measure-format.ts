import type { Measure } from '$lib/model';
import type { I18n } from './context';

/** A value as its measure reads: "45 %", "Yes", "1,250". */
export function formatMeasureValue(i18n: I18n, value: number | null | undefined, measure: Measure): string {
	if (value === null || value === undefined) return i18n.t('common.none');
	switch (measure) {
		case 'percentage':
			return i18n.percent(value / 100, 1);
		case 'milestone':
			return value >= 1 ? i18n.t('common.yes') : i18n.t('common.no');
		case 'qualitative':
			return i18n.t('common.none');
		default:
			return i18n.number(value);
	}
}
