import nodemailer from 'nodemailer';
import { hostname } from 'node:os';
import type { Db } from '../db/connection';
import { publicOrigin } from '../core/public-origin';
import { MAX_ATTEMPTS, retryDelayMs } from './kinds';
import { unsubscribeUrl } from './outbox';
import type { UnsubscribeScope } from './keys';
import type { NotificationState } from '../db/schema';

// Sends what waits in the outbox, after commit, never inside a transaction. Several processes
// may run this at once: a process takes a message by moving it from the state and attempt count
// it read to 'sending' with its own name (compare and set, one statement): only one process wins
// a message. A claim older than the lease (a process that died mid-send) may be taken again; the
// lease is far longer than the SMTP timeouts, so a living sender always finishes first. A message
// that fails goes back to 'pending' with a growing wait, and to 'failed' after MAX_ATTEMPTS, where
// the admin's outbox page shows it with its error.

export interface OutgoingMail {
	from: string;
	to: string;
	subject: string;
	text: string;
	html: string;
	messageId: string;
	headers: Record<string, string>;
}
export interface MailTransport {
	send(mail: OutgoingMail): Promise<void>;
}

const SMTP_TIMEOUT_MS = 30_000;
export const LEASE_MS = 10 * 60 * 1000;

/** A transport to `smtpUrl` (smtp://user:pass@host:port, smtps://… for TLS), through nodemailer. */
export function smtpTransport(smtpUrl: string): MailTransport {
	// Every wait bounded, so a server that hangs fails the attempt well within the claim's lease.
	const transporter = nodemailer.createTransport({
		url: smtpUrl,
		connectionTimeout: SMTP_TIMEOUT_MS,
		greetingTimeout: SMTP_TIMEOUT_MS,
		socketTimeout: SMTP_TIMEOUT_MS
	});
	return {
		async send(mail) {
			await transporter.sendMail({ ...mail, disableUrlAccess: true, disableFileAccess: true });
		}
	};
}

/** The SMTP relay from the environment, or null: then messages stay in the outbox. */
export function transportFromEnv(): MailTransport | null {
	const url = process.env.SMTP_URL?.trim();
	return url ? smtpTransport(url) : null;
}

export function mailFrom(): string {
	return process.env.MAIL_FROM?.trim() || `Avance <avance@${new URL(publicOrigin()).hostname}>`;
}

export interface SendResult {
	sent: number;
	retried: number;
	failed: number;
}

const senderName = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

/** Sends the messages due at `now` (at most `batch`). */
export async function sendDue(
	db: Db,
	transport: MailTransport,
	options: { now?: Date; worker?: string; batch?: number } = {}
): Promise<SendResult> {
	const now = options.now ?? new Date();
	const worker = options.worker ?? senderName;
	const at = now.toISOString();
	const staleBefore = new Date(now.getTime() - LEASE_MS).toISOString();
	const candidates = await db
		.selectFrom('notification')
		.select(['id', 'state', 'attempts'])
		.where((eb) =>
			eb.or([
				eb.and([eb('state', '=', 'pending'), eb('next_attempt_at', '<=', at)]),
				eb.and([eb('state', '=', 'sending'), eb('claimed_at', '<', staleBefore)])
			])
		)
		.orderBy('id')
		.limit(options.batch ?? 50)
		.execute();
	const result: SendResult = { sent: 0, retried: 0, failed: 0 };
	for (const candidate of candidates) {
		const claimed = await db
			.updateTable('notification')
			.set({ state: 'sending', claimed_by: worker, claimed_at: at, attempts: candidate.attempts + 1 })
			.where('id', '=', candidate.id)
			.where('state', '=', candidate.state as NotificationState)
			.where('attempts', '=', candidate.attempts)
			.executeTakeFirst();
		if (Number(claimed.numUpdatedRows) !== 1) continue;
		const row = await db.selectFrom('notification').selectAll().where('id', '=', candidate.id).executeTakeFirstOrThrow();
		const attempts = candidate.attempts + 1;
		try {
			const scope = (row.kind === 'digest' ? 'digest' : row.kind) as UnsubscribeScope;
			const stop = await unsubscribeUrl(db, row.user_id, scope);
			await transport.send({
				from: mailFrom(),
				to: row.recipient,
				subject: row.subject,
				text: row.body_text,
				html: row.body_html,
				// The same id on every attempt: a receiver that got a message whose confirmation was lost can drop the copy.
				messageId: `<avance-${row.id}@${new URL(publicOrigin()).hostname}>`,
				headers: {
					'List-Unsubscribe': `<${stop}>`,
					'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
					'Auto-Submitted': 'auto-generated'
				}
			});
			await db
				.updateTable('notification')
				.set({ state: 'sent', sent_at: new Date().toISOString(), last_error: null })
				.where('id', '=', row.id)
				.where('claimed_by', '=', worker)
				.where('state', '=', 'sending')
				.execute();
			result.sent++;
		} catch (error) {
			const gaveUp = attempts >= MAX_ATTEMPTS;
			await db
				.updateTable('notification')
				.set({
					state: gaveUp ? 'failed' : 'pending',
					next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
					last_error: String((error as Error)?.message ?? error).slice(0, 500)
				})
				.where('id', '=', row.id)
				.where('claimed_by', '=', worker)
				.where('state', '=', 'sending')
				.execute();
			if (gaveUp) result.failed++;
			else result.retried++;
		}
	}
	return result;
}
