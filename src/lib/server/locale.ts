import type { Cookies } from '@sveltejs/kit';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '$lib/model';

export const LOCALE_COOKIE = 'avance_locale';

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language of this request: the last explicit choice (the cookie), else the signed-in user's
 * saved choice, else Spanish.
 */
export function resolveLocale(cookieValue: string | undefined, userLocale: Locale | undefined): Locale {
	if (isLocale(cookieValue)) return cookieValue;
	return userLocale ?? DEFAULT_LOCALE;
}

export function setLocaleCookie(cookies: Cookies, url: URL, locale: Locale): void {
	cookies.set(LOCALE_COOKIE, locale, {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: 60 * 60 * 24 * 365
	});
}

/** Only a path on this site: never an absolute or protocol-relative URL (no open redirects). */
export function safeRedirectTarget(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
		return fallback;
	}
	return value;
}
