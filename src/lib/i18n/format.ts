import type { IsoDate, Locale } from '$lib/model';

// Dates, numbers and money for each locale, through Intl. ILO documents use day-month-year in
// both languages, so English follows British conventions.
export const INTL_LOCALE: Record<Locale, string> = { es: 'es', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
	let f = cache.get(key) as T | undefined;
	if (!f) cache.set(key, (f = make()));
	return f;
}

export function formatNumber(locale: Locale, value: number | null | undefined, maximumFractionDigits = 2): string {
	if (value === null || value === undefined || Number.isNaN(value)) return '—';
	return cached(`n:${locale}:${maximumFractionDigits}`, () => new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits })).format(
		value
	);
}

/** `ratio` 0.85 → "85 %" / "85%". */
export function formatPercent(locale: Locale, ratio: number | null | undefined, maximumFractionDigits = 0): string {
	if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
	return cached(
		`p:${locale}:${maximumFractionDigits}`,
		() => new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'percent', maximumFractionDigits })
	).format(ratio);
}

export function formatMoney(locale: Locale, cents: number | null | undefined, currency: string): string {
	if (cents === null || cents === undefined) return '—';
	const amount = cents / 100;
	return cached(
		`m:${locale}:${currency}:${Number.isInteger(amount)}`,
		() =>
			new Intl.NumberFormat(INTL_LOCALE[locale], {
				style: 'currency',
				currency,
				maximumFractionDigits: Number.isInteger(amount) ? 0 : 2,
				// Spanish CLDR leaves four-digit figures ungrouped ("1000,10 US$" beside "1.000.000 US$"):
				// money columns group every figure alike, so amounts line up and read the same.
				useGrouping: 'always'
			})
	).format(amount);
}

/** 'YYYY-MM-DD' → "1 nov 2017" / "1 Nov 2017". Read as a calendar date, never shifted by time zone. */
export function formatDate(locale: Locale, date: IsoDate | null | undefined): string {
	if (!date) return '—';
	const [y, m, d] = date.split('-').map(Number);
	if (!y || !m || !d) return date;
	return cached(
		`d:${locale}`,
		() => new Intl.DateTimeFormat(INTL_LOCALE[locale], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
	).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An ISO instant → "21 nov 2026, 14:05" in UTC (the server's clock; shown as such). */
export function formatDateTime(locale: Locale, instant: string | Date | null | undefined): string {
	if (!instant) return '—';
	const date = typeof instant === 'string' ? new Date(instant) : instant;
	return cached(
		`dt:${locale}`,
		() =>
			new Intl.DateTimeFormat(INTL_LOCALE[locale], {
				day: 'numeric',
				month: 'short',
				year: 'numeric',
				hour: '2-digit',
				minute: '2-digit',
				timeZone: 'UTC',
				timeZoneName: 'short'
			})
	).format(date);
}

/** A wait in words: 40 → "40 segundos" / "40 seconds"; 900 → "15 minutos" / "15 minutes" (rounded up). */
export function formatWait(locale: Locale, seconds: number): string {
	const [unit, amount] = seconds < 60 ? (['second', Math.ceil(seconds)] as const) : (['minute', Math.ceil(seconds / 60)] as const);
	return cached(
		`w:${locale}:${unit}`,
		() => new Intl.NumberFormat(INTL_LOCALE[locale], { style: 'unit', unit, unitDisplay: 'long' })
	).format(amount);
}
