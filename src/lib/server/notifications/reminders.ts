import type { Locale } from '$lib/model';
import { formatDate } from '$lib/i18n/format';
import { translate } from '$lib/i18n/translate';
import type { Db } from '../db/connection';
import { inTransaction } from '../db/executor';
import { notify } from './outbox';

// Reminders the periodic job writes: reporting periods due soon and overdue, key actions due and
// overdue, risk reviews due. Each carries a dedupe key (the record, the moment, the date it is
// about), so running the job every few minutes, in one process or several, writes each reminder
// once; a new due date makes a new reminder. Only the recent past counts (LOOK_BACK_DAYS), so a
// new instance does not mail years of history.

export interface ReminderSettings {
	/** Days before a period ends (or a key action / risk review falls due) to remind. */
	daysBefore: number;
	/** Days after a period ended to say it is overdue. */
	daysAfter: number;
}

const LOOK_BACK_DAYS = 30;

function envDays(name: string, fallback: number): number {
	const n = Number(process.env[name]);
	return Number.isInteger(n) && n >= 0 && n <= 90 ? n : fallback;
}

export function reminderSettingsFromEnv(): ReminderSettings {
	return { daysBefore: envDays('REMINDER_DAYS_BEFORE', 7), daysAfter: envDays('REMINDER_DAYS_AFTER', 3) };
}

const day = (now: Date, offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

export async function writeReminders(db: Db, settings: ReminderSettings, now = new Date()): Promise<number> {
	const today = day(now, 0);
	const soonUntil = day(now, settings.daysBefore);
	const overdueUntil = day(now, -settings.daysAfter);
	const since = day(now, -LOOK_BACK_DAYS);
	const [periods, actions, risks, coordinators] = await Promise.all([
		db
			.selectFrom('reporting_period')
			.innerJoin('programme', 'programme.id', 'reporting_period.programme_id')
			.select([
				'reporting_period.id',
				'reporting_period.label',
				'reporting_period.end_date',
				'programme.id as programme_id',
				'programme.slug',
				'programme.short_name'
			])
			.select((eb) =>
				eb
					.exists(
						eb
							.selectFrom('indicator')
							.select('indicator.id')
							.whereRef('indicator.programme_id', '=', 'reporting_period.programme_id')
							.where((e) =>
								e.not(
									e.exists(
										e
											.selectFrom('indicator_value')
											.select('indicator_value.id')
											.whereRef('indicator_value.indicator_id', '=', 'indicator.id')
											.whereRef('indicator_value.period_id', '=', 'reporting_period.id')
											.where('indicator_value.status', '=', 'approved')
									)
								)
							)
					)
					.as('missing')
			)
			.where('reporting_period.locked', '=', 0)
			.where('reporting_period.end_date', '>=', since)
			.where('reporting_period.end_date', '<=', soonUntil)
			.execute(),
		db
			.selectFrom('key_action')
			.innerJoin('recommendation', 'recommendation.id', 'key_action.recommendation_id')
			.innerJoin('programme', 'programme.id', 'recommendation.programme_id')
			.select([
				'key_action.id',
				'key_action.action',
				'key_action.due_date',
				'recommendation.code',
				'recommendation.id as recommendation_id'
			])
			.select(['programme.id as programme_id', 'programme.slug', 'programme.short_name'])
			.where('key_action.status', 'in', ['not_initiated', 'initiated'])
			.where('key_action.due_date', '>=', since)
			.where('key_action.due_date', '<=', soonUntil)
			.execute(),
		db
			.selectFrom('risk')
			.innerJoin('programme', 'programme.id', 'risk.programme_id')
			.select(['risk.id', 'risk.code', 'risk.title', 'risk.next_review_date'])
			.select(['programme.id as programme_id', 'programme.slug', 'programme.short_name'])
			.where('risk.status', '!=', 'closed')
			.where('risk.next_review_date', '>=', since)
			.where('risk.next_review_date', '<=', soonUntil)
			.execute(),
		db.selectFrom('membership').select(['programme_id', 'user_id']).where('role', '=', 'coordinator').execute()
	]);
	const coordinatorsOf = (programmeId: number) => coordinators.filter((c) => c.programme_id === programmeId).map((c) => c.user_id);
	const fmt = (locale: Locale, date: string) => formatDate(locale, date as never);
	let written = 0;
	await inTransaction(db, async (trx) => {
		for (const p of periods) {
			const overdue = p.end_date <= overdueUntil;
			if (!overdue && p.end_date < today) continue; // ended, but not yet overdue
			if (overdue && !p.missing) continue; // every indicator has its approved value
			const key = overdue ? 'overdue' : 'soon';
			written += await notify(trx, {
				kind: 'period_due',
				userIds: coordinatorsOf(p.programme_id),
				programmeId: p.programme_id,
				programme: p.short_name,
				link: `/programmes/${p.slug}/results?period=${p.id}`,
				dedupeKey: `period:${p.id}:${key}:${p.end_date}`,
				now,
				compose: (locale) => {
					const params = { programme: p.short_name, period: p.label, date: fmt(locale, p.end_date) };
					return overdue
						? {
								subject: translate(locale, 'notify.period_overdue.subject', params),
								body: translate(locale, 'notify.period_overdue.body', params)
							}
						: {
								subject: translate(locale, 'notify.period_soon.subject', params),
								body: translate(locale, 'notify.period_soon.body', params)
							};
				}
			});
		}
		for (const a of actions) {
			const due = a.due_date!;
			const overdue = due < today;
			written += await notify(trx, {
				kind: 'key_action_due',
				userIds: coordinatorsOf(a.programme_id),
				programmeId: a.programme_id,
				programme: a.short_name,
				link: `/programmes/${a.slug}/recommendations/${a.recommendation_id}`,
				dedupeKey: `key_action:${a.id}:${overdue ? 'overdue' : 'soon'}:${due}`,
				now,
				compose: (locale) => {
					const params = { programme: a.short_name, action: a.action, code: a.code, date: fmt(locale, due) };
					return overdue
						? {
								subject: translate(locale, 'notify.key_action_overdue.subject', params),
								body: translate(locale, 'notify.key_action_overdue.body', params)
							}
						: {
								subject: translate(locale, 'notify.key_action_soon.subject', params),
								body: translate(locale, 'notify.key_action_soon.body', params)
							};
				}
			});
		}
		for (const r of risks) {
			const due = r.next_review_date!;
			written += await notify(trx, {
				kind: 'risk_review_due',
				userIds: coordinatorsOf(r.programme_id),
				programmeId: r.programme_id,
				programme: r.short_name,
				link: `/programmes/${r.slug}/risks/${r.id}`,
				dedupeKey: `risk:${r.id}:${due}`,
				now,
				compose: (locale) => {
					const params = { programme: r.short_name, code: r.code, risk: r.title, date: fmt(locale, due) };
					return {
						subject: translate(locale, 'notify.risk_review.subject', params),
						body: translate(locale, 'notify.risk_review.body', params)
					};
				}
			});
		}
	});
	return written;
}
