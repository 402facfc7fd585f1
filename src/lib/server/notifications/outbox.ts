import { AsyncLocalStorage } from 'node:async_hooks';
import type { Locale } from '$lib/model';
import type { Executor } from '../db/executor';
import { absoluteUrl, noticeCore, wrapMessage, type NoticeText } from './compose';
import type { NotificationKind } from '$lib/notification-kinds';
import { DEFAULT_KIND, digestDueAt, routeFor } from './kinds';
import { unsubscribeToken } from './keys';

// The outbox writer: every event that mails someone calls `notify` inside the transaction that
// records the event, so the notice commits or rolls back with it. Sending happens later, after
// commit, in the sender (never inside a transaction). Two statements to read the recipients and
// their preferences, one to write every row, whatever the number of recipients.

export interface Notice {
	kind: NotificationKind;
	userIds: readonly number[];
	programmeId: number | null;
	/** The programme's name for the footer ("you take part in …"). */
	programme: string | null;
	/** A path on this site: the page the notice is about. */
	link: string;
	/** The notice in one language (called once per language among the recipients). */
	compose: (locale: Locale) => NoticeText;
	/** A reminder's identity: the same key for the same person and kind is written once. */
	dedupeKey?: string;
	now?: Date;
}

// Work that replays a past through the real workflow (the demo seed's approvals and issued
// reports) must not mail anyone about it: inside `withoutNotices` the events are recorded as
// usual and `notify` writes nothing. Scoped to the async calls `fn` makes, so a request served
// meanwhile by the same process still writes its notices.
const quiet = new AsyncLocalStorage<true>();

export function withoutNotices<T>(fn: () => Promise<T>): Promise<T> {
	return quiet.run(true, fn);
}

/** Writes the notice for each active recipient, as each one asked to receive it. Returns how many rows were written. */
export async function notify(db: Executor, notice: Notice): Promise<number> {
	if (quiet.getStore()) return 0;
	const ids = [...new Set(notice.userIds)];
	if (ids.length === 0) return 0;
	const now = notice.now ?? new Date();
	const [users, prefs] = await Promise.all([
		db.selectFrom('user').select(['id', 'name', 'email', 'locale']).where('id', 'in', ids).where('active', '=', 1).orderBy('id').execute(),
		db
			.selectFrom('notification_preference')
			.select(['user_id', 'kind', 'delivery'])
			.where('user_id', 'in', ids)
			.where('kind', 'in', [notice.kind, DEFAULT_KIND])
			.execute()
	]);
	const texts = new Map<Locale, NoticeText>();
	const rows = [];
	for (const user of users) {
		const mine = new Map(prefs.filter((p) => p.user_id === user.id).map((p) => [p.kind, p.delivery as string]));
		const route = routeFor(notice.kind, mine);
		if (route.state === 'skip') continue;
		const locale = user.locale;
		if (!texts.has(locale)) texts.set(locale, notice.compose(locale));
		const text = texts.get(locale)!;
		const core = noticeCore(locale, text, notice.link);
		const body =
			route.state === 'pending'
				? wrapMessage(
						{ locale, name: user.name, programme: notice.programme, unsubscribeUrl: await unsubscribeUrl(db, user.id, notice.kind) },
						[core]
					)
				: core;
		rows.push({
			user_id: user.id,
			programme_id: notice.programmeId,
			kind: notice.kind,
			locale,
			recipient: user.email,
			subject: text.subject,
			body_text: body.text,
			body_html: body.html,
			link: notice.link,
			dedupe_key: notice.dedupeKey ?? null,
			state: route.state,
			next_attempt_at: (route.state === 'pending' ? now : digestDueAt(now, route.digest)).toISOString(),
			created_at: now.toISOString()
		});
	}
	if (rows.length === 0) return 0;
	const result = await db
		.insertInto('notification')
		.values(rows)
		.onConflict((oc) => oc.columns(['user_id', 'kind', 'dedupe_key']).doNothing())
		.executeTakeFirst();
	wakeSender();
	return Number(result.numInsertedOrUpdatedRows ?? rows.length);
}

export async function unsubscribeUrl(db: Executor, userId: number, scope: Parameters<typeof unsubscribeToken>[2]): Promise<string> {
	return absoluteUrl(`/unsubscribe/${await unsubscribeToken(db, userId, scope)}`);
}

// The running sender (if any) is asked to look at the outbox soon; it reads only committed rows,
// so a notice of a transaction still open waits for the next look.
let wake: (() => void) | null = null;
export function onNotificationWritten(fn: (() => void) | null): void {
	wake = fn;
}
function wakeSender() {
	wake?.();
}
