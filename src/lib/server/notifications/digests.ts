import type { Db } from '../db/connection';
import { inTransaction } from '../db/executor';
import { translate } from '$lib/i18n/translate';
import { escapeHtml, wrapMessage } from './compose';
import { DEFAULT_KIND, DIGEST_SCOPE } from './kinds';
import { unsubscribeUrl } from './outbox';

// Folds the notices held for a person's digest into one message once the first of them is due.
// One transaction per person: the digest row is written and its notices marked 'digested' only
// if they are all still waiting, so two processes building digests at once never send one
// notice twice (the second finds them taken and rolls back).

class AlreadyDigested extends Error {}

export async function buildDueDigests(db: Db, now = new Date()): Promise<number> {
	const at = now.toISOString();
	const due = await db
		.selectFrom('notification')
		.select('user_id')
		.distinct()
		.where('state', '=', 'waiting')
		.where('next_attempt_at', '<=', at)
		.execute();
	let built = 0;
	for (const { user_id: userId } of due) {
		try {
			await inTransaction(db, async (trx) => {
				const [items, user, choice] = await Promise.all([
					trx
						.selectFrom('notification')
						.leftJoin('programme', 'programme.id', 'notification.programme_id')
						.select(['notification.id', 'notification.subject', 'notification.body_text', 'notification.body_html', 'programme.short_name'])
						.where('notification.user_id', '=', userId)
						.where('notification.state', '=', 'waiting')
						.orderBy('notification.id')
						.execute(),
					trx.selectFrom('user').select(['name', 'email', 'locale', 'active']).where('id', '=', userId).executeTakeFirstOrThrow(),
					trx
						.selectFrom('notification_preference')
						.select('delivery')
						.where('user_id', '=', userId)
						.where('kind', '=', DEFAULT_KIND)
						.executeTakeFirst()
				]);
				if (items.length === 0) return;
				const locale = user.locale;
				const programmes = [...new Set(items.map((i) => i.short_name).filter((n): n is string => !!n))];
				const message = wrapMessage(
					{
						locale,
						name: user.name,
						programme: programmes.join(', ') || null,
						unsubscribeUrl: await unsubscribeUrl(trx, userId, DIGEST_SCOPE),
						digest: true
					},
					[
						{ text: translate(locale, 'mail.digestIntro'), html: `<p>${escapeHtml(translate(locale, 'mail.digestIntro'))}</p>` },
						...items.map((i) => ({
							text: `* ${i.subject}\n${i.body_text}`,
							html: `<h2 style="font-size: 1.05em;">${escapeHtml(i.subject)}</h2>${i.body_html}`
						}))
					]
				);
				const weekly = choice?.delivery === 'weekly';
				const subject = translate(locale, weekly ? 'mail.digestSubject.weekly' : 'mail.digestSubject.daily', { count: items.length });
				// A person switched off or made inactive since: the notices are closed without a message.
				const silent = !user.active || choice?.delivery === 'off';
				const { id: digestId } = await trx
					.insertInto('notification')
					.values({
						user_id: userId,
						programme_id: null,
						kind: 'digest',
						locale,
						recipient: user.email,
						subject,
						body_text: message.text,
						body_html: message.html,
						link: '/inbox',
						state: silent ? 'failed' : 'pending',
						last_error: silent ? 'digests off' : null,
						next_attempt_at: at,
						created_at: at
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				const taken = await trx
					.updateTable('notification')
					.set({ state: 'digested', digest_id: digestId })
					.where(
						'id',
						'in',
						items.map((i) => i.id)
					)
					.where('state', '=', 'waiting')
					.executeTakeFirst();
				if (Number(taken.numUpdatedRows) !== items.length) throw new AlreadyDigested();
				built++;
			});
		} catch (error) {
			if (!(error instanceof AlreadyDigested)) throw error;
		}
	}
	return built;
}
