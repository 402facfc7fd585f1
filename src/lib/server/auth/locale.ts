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

/**
 * Only a path on this site: never an absolute or protocol-relative URL (no open redirects).
 * Browsers drop tabs and newlines from URLs, so "/\t/evil.example" would become "//evil.example":
 * control characters are refused. The path is then read the way a browser would read it, and
 * judged as read: "/.//evil.example" and "/%2e//evil.example" only turn into "//evil.example"
 * once their dot segments are removed, so a check on the text as sent is not enough.
 */
export function safeRedirectTarget(value: unknown, fallback = '/'): string {
	// eslint-disable-next-line no-control-regex -- refusing control characters is the point
	if (typeof value !== 'string' || !value.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
	const base = 'http://avance.invalid';
	const url = new URL(value, base);
	const target = url.pathname + url.search + url.hash;
	if (url.origin !== base || !target.startsWith('/') || target.startsWith('//') || new URL(target, base).origin !== base) return fallback;
	return target;
}
