// How a notice reaches a person, and when digests and retries happen (design §2,
// notification_preference). Pure rules: no database here.
import { NOTIFICATION_KINDS, type NotificationKind } from '$lib/notification-kinds';

/** The preference row that holds the person's digest choice. */
export const DEFAULT_KIND = 'default';
/** The unsubscribe scope of a digest: every notice that would go into it. */
export const DIGEST_SCOPE = 'digest';

export function isNotificationKind(value: string): value is NotificationKind {
	return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

export type Route = { state: 'pending' } | { state: 'waiting'; digest: 'daily' | 'weekly' } | { state: 'skip' };

/**
 * Where one notice for one person goes, from their preference rows (kind → delivery). Digests
 * are the default, daily unless the person chose weekly; immediate only when asked for.
 */
export function routeFor(kind: NotificationKind, preferences: ReadonlyMap<string, string>): Route {
	const own = preferences.get(kind);
	if (own === 'off') return { state: 'skip' };
	if (own === 'immediate') return { state: 'pending' };
	const digest = preferences.get(DEFAULT_KIND);
	if (digest === 'off') return { state: 'skip' };
	return { state: 'waiting', digest: digest === 'weekly' ? 'weekly' : 'daily' };
}

/** Digests go out at this hour (UTC): daily, or on Mondays for weekly ones. */
export const DIGEST_HOUR_UTC = 6;

/** The moment the digest holding a notice written at `now` goes out: the next digest hour (a Monday's for weekly). */
export function digestDueAt(now: Date, digest: 'daily' | 'weekly'): Date {
	const due = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC));
	if (due.getTime() <= now.getTime()) due.setUTCDate(due.getUTCDate() + 1);
	if (digest === 'weekly') {
		// getUTCDay: 0 Sunday … 1 Monday.
		while (due.getUTCDay() !== 1) due.setUTCDate(due.getUTCDate() + 1);
	}
	return due;
}

/** Retries: the wait before attempt n+1 after n failed ones (1 min, 2, 4 … at most 6 h). */
export const MAX_ATTEMPTS = 8;
export function retryDelayMs(failedAttempts: number): number {
	return Math.min(60_000 * 2 ** Math.max(0, failedAttempts - 1), 6 * 60 * 60 * 1000);
}
