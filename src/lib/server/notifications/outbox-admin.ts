import type { Executor } from '../db/executor';
import type { NotificationState } from '../db/schema';
import { NotFoundError } from '../core/errors';
import { recordAudit } from '../core/audit';
import type { Actor } from '../core/actor';

// The admin's view of the outbox: every message with its text, newest first, by state.

export const OUTBOX_STATES = [
	'pending',
	'sending',
	'sent',
	'failed',
	'waiting',
	'digested'
] as const satisfies readonly NotificationState[];
const PAGE = 100;

export interface OutboxMessage {
	id: number;
	kind: string;
	recipient: string;
	locale: string;
	subject: string;
	text: string;
	state: NotificationState;
	attempts: number;
	lastError: string | null;
	createdAt: string;
	sentAt: string | null;
}

/** One page of messages (one statement) and the count per state (one more). */
export async function listOutbox(db: Executor, state: NotificationState | null) {
	let q = db
		.selectFrom('notification')
		.select(['id', 'kind', 'recipient', 'locale', 'subject', 'body_text', 'state', 'attempts', 'last_error', 'created_at', 'sent_at'])
		.orderBy('id', 'desc')
		.limit(PAGE);
	if (state) q = q.where('state', '=', state);
	const [rows, counts] = await Promise.all([
		q.execute(),
		db
			.selectFrom('notification')
			.select(['state', (eb) => eb.fn.countAll<number>().as('n')])
			.groupBy('state')
			.execute()
	]);
	return {
		messages: rows.map((r): OutboxMessage => ({
			id: r.id,
			kind: r.kind,
			recipient: r.recipient,
			locale: r.locale,
			subject: r.subject,
			text: r.body_text,
			state: r.state,
			attempts: r.attempts,
			lastError: r.last_error,
			createdAt: r.created_at,
			sentAt: r.sent_at
		})),
		counts: Object.fromEntries(counts.map((c) => [c.state, Number(c.n)])) as Partial<Record<NotificationState, number>>
	};
}

/** A failed message goes back to the queue with its attempts counted afresh. */
export async function retryMessage(db: Executor, actor: Actor, id: number): Promise<void> {
	const result = await db
		.updateTable('notification')
		.set({ state: 'pending', attempts: 0, next_attempt_at: new Date().toISOString() })
		.where('id', '=', id)
		.where('state', '=', 'failed')
		.executeTakeFirst();
	if (Number(result.numUpdatedRows) !== 1) throw new NotFoundError('notification', id);
	await recordAudit(db, {
		userId: actor.id,
		entity: 'notification',
		entityId: id,
		action: 'retry',
		before: { state: 'failed' },
		after: { state: 'pending' }
	});
}
