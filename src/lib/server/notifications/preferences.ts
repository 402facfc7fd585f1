import { z } from 'zod';
import type { Actor } from '../core/actor';
import { recordAudit } from '../core/audit';
import type { Executor } from '../db/executor';
import { inTransaction } from '../db/executor';
import {
	DIGEST_CHOICES,
	KIND_DELIVERIES,
	NOTIFICATION_KINDS,
	type DigestChoice,
	type KindDelivery,
	type NotificationKind
} from '$lib/notification-kinds';
import { DEFAULT_KIND, DIGEST_SCOPE } from './kinds';
import type { UnsubscribeScope } from './keys';

// A person's e-mail preferences: the digest (daily, weekly, off) and, per kind, in the digest,
// immediate or off. Stored as notification_preference rows; a kind in the digest has no row.

export interface Preferences {
	digest: DigestChoice;
	kinds: Record<NotificationKind, KindDelivery>;
}

export async function readPreferences(db: Executor, userId: number): Promise<Preferences> {
	const rows = await db.selectFrom('notification_preference').select(['kind', 'delivery']).where('user_id', '=', userId).execute();
	const byKind = new Map(rows.map((r) => [r.kind, r.delivery as string]));
	const digest = byKind.get(DEFAULT_KIND);
	return {
		digest: digest === 'weekly' || digest === 'off' ? digest : 'daily',
		kinds: Object.fromEntries(
			NOTIFICATION_KINDS.map((k) => {
				const d = byKind.get(k);
				return [k, d === 'immediate' || d === 'off' ? d : 'digest'];
			})
		) as Record<NotificationKind, KindDelivery>
	};
}

export const preferencesSchema = z.object({
	digest: z.enum(DIGEST_CHOICES, { error: 'validation.choice' }),
	...Object.fromEntries(
		NOTIFICATION_KINDS.map((k) => [`kind_${k}`, z.enum(KIND_DELIVERIES, { error: 'validation.choice' }).default('digest')])
	)
}) as unknown as z.ZodType<{ digest: DigestChoice } & Record<`kind_${NotificationKind}`, KindDelivery>>;

export async function savePreferences(db: Executor, actor: Actor, prefs: Preferences): Promise<void> {
	await inTransaction(db, async (trx) => {
		const before = await readPreferences(trx, actor.id);
		await trx.deleteFrom('notification_preference').where('user_id', '=', actor.id).execute();
		const rows = [
			...(prefs.digest === 'daily' ? [] : [{ user_id: actor.id, kind: DEFAULT_KIND, delivery: prefs.digest }]),
			...NOTIFICATION_KINDS.filter((k) => prefs.kinds[k] !== 'digest').map((k) => ({
				user_id: actor.id,
				kind: k,
				delivery: prefs.kinds[k] as 'immediate' | 'off'
			}))
		];
		if (rows.length) await trx.insertInto('notification_preference').values(rows).execute();
		await recordAudit(trx, {
			userId: actor.id,
			entity: 'notification_preference',
			entityId: actor.id,
			action: 'update',
			before: { digest: before.digest, ...asFields(before.kinds) },
			after: { digest: prefs.digest, ...asFields(prefs.kinds) }
		});
	});
}

/** The audit row names each kind as its form field does (kind_value_returned…), which the log has words for. */
const asFields = (kinds: Record<NotificationKind, KindDelivery>) =>
	Object.fromEntries(NOTIFICATION_KINDS.map((k) => [`kind_${k}`, kinds[k]]));

/** The one-click unsubscribe: that kind off, or for a digest every digest off. Audited as the person's own change. */
export async function unsubscribe(db: Executor, userId: number, scope: UnsubscribeScope): Promise<void> {
	await inTransaction(db, async (trx) => {
		const user = await trx.selectFrom('user').select('id').where('id', '=', userId).executeTakeFirst();
		if (!user) return;
		const kind = scope === DIGEST_SCOPE ? DEFAULT_KIND : scope;
		const field = scope === DIGEST_SCOPE ? 'digest' : `kind_${scope}`;
		await trx
			.insertInto('notification_preference')
			.values({ user_id: userId, kind, delivery: 'off' })
			.onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ delivery: 'off', updated_at: new Date().toISOString() }))
			.execute();
		await recordAudit(trx, {
			userId,
			entity: 'notification_preference',
			entityId: userId,
			action: 'unsubscribe',
			after: { [field]: 'off' }
		});
	});
}
