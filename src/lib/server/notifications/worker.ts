import type { Db } from '../db/connection';
import { buildDueDigests } from './digests';
import { onNotificationWritten } from './outbox';
import { reminderSettingsFromEnv, writeReminders } from './reminders';
import { sendDue, transportFromEnv } from './sender';

// The periodic job each app process runs: reminders (hourly), digests that are due, and — when
// SMTP_URL is set — sending. Every step is safe to run in several processes at once (dedupe
// keys, compare-and-set claims), so no process needs to be "the" scheduler.

const TICK_MS = 60_000;
const REMINDERS_EVERY_MS = 60 * 60_000;

export function startNotificationWorker(db: Db): () => void {
	if (process.env.NOTIFICATIONS_WORKER === '0') return () => {};
	const transport = transportFromEnv();
	let running = false;
	let lastReminders = 0;
	let soon: NodeJS.Timeout | null = null;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			if (Date.now() - lastReminders >= REMINDERS_EVERY_MS) {
				lastReminders = Date.now();
				await writeReminders(db, reminderSettingsFromEnv());
			}
			await buildDueDigests(db);
			if (transport) await sendDue(db, transport);
		} catch (error) {
			console.error('notifications:', error);
		} finally {
			running = false;
		}
	};
	const timer = setInterval(tick, TICK_MS);
	timer.unref();
	// A notice written for immediate delivery is looked at a moment later (after its commit).
	onNotificationWritten(() => {
		if (soon || !transport) return;
		soon = setTimeout(() => {
			soon = null;
			void tick();
		}, 1000);
		soon.unref();
	});
	void tick();
	return () => {
		clearInterval(timer);
		onNotificationWritten(null);
	};
}
