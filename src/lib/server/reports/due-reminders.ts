import type { Locale } from '$lib/model';
import { translateDynamic } from '$lib/i18n/translate';
import { reportBlockers, type Blocker } from '$lib/reports/blockers';
import type { Db } from '../db/connection';
import { inTransaction } from '../db/executor';
import { notifyReportBlocked } from '../notifications/events';
import { toProgramme } from '../programmes/programmes';
import { draftSnapshot } from './reports';

// Evaluators are told when a draft report that is due to the donor soon (or is already late)
// still cannot be issued (issue 23): the same blockers the editor lists and the issue path
// enforces (reportBlockers), read from the snapshot the issue would freeze. Only drafts with a due
// date in the reminder window are looked at — a handful — so the hourly run stays cheap. Each
// reminder is written once per report, due date and moment (the outbox's dedupe key).

export interface ReportDueSettings {
	/** Days before the due date to remind. */
	daysBefore: number;
}

const LOOK_BACK_DAYS = 30;
const day = (now: Date, offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

function blockerLine(locale: Locale, blocker: Blocker): string {
	const section = translateDynamic(locale, `reportDoc.section.${blocker.section}`);
	const language = 'lang' in blocker ? translateDynamic(locale, `reports.language.${blocker.lang}`) : '';
	return translateDynamic(locale, `reports.blocker.${blocker.kind}`, {
		section,
		language,
		raw: 'raw' in blocker ? blocker.raw : '',
		module: 'module' in blocker ? blocker.module : '',
		typed: 'typed' in blocker ? blocker.typed : '',
		cited: 'cited' in blocker ? blocker.cited : ''
	});
}

/** Writes the reminders due now; returns how many reports were found blocked. */
export async function writeReportDueReminders(db: Db, settings: ReportDueSettings, now = new Date()): Promise<number> {
	const today = day(now, 0);
	const drafts = await db
		.selectFrom('report')
		.innerJoin('programme', 'programme.id', 'report.programme_id')
		.selectAll('programme')
		.select([
			'report.id as report_id',
			'report.title_es as report_title_es',
			'report.title_en as report_title_en',
			'report.created_by as report_created_by',
			'report.due_date as report_due_date'
		])
		.where('report.status', '=', 'draft')
		.where('report.due_date', '>=', day(now, -LOOK_BACK_DAYS))
		.where('report.due_date', '<=', day(now, settings.daysBefore))
		.orderBy('report.id')
		.execute();
	let blocked = 0;
	for (const row of drafts) {
		const programme = toProgramme(row);
		const snapshot = await draftSnapshot(db, programme, row.report_id, '');
		const blockers = reportBlockers(snapshot);
		if (blockers.length === 0) continue;
		blocked++;
		const report = {
			id: row.report_id,
			title_es: row.report_title_es,
			title_en: row.report_title_en,
			created_by: row.report_created_by,
			due_date: row.report_due_date!
		};
		await inTransaction(db, (trx) =>
			notifyReportBlocked(
				trx,
				programme,
				report,
				report.due_date < today ? 'overdue' : 'soon',
				{ count: blockers.length, describe: (locale) => blockers.map((b) => blockerLine(locale, b)) },
				now
			)
		);
	}
	return blocked;
}

const EVERY_MS = 60 * 60_000;

/** The hourly run in each app process (the dedupe key makes several processes safe). */
export function startReportDueReminders(db: Db, settings: ReportDueSettings): () => void {
	if (process.env.NOTIFICATIONS_WORKER === '0') return () => {};
	const run = () => writeReportDueReminders(db, settings).catch((error) => console.error('report due reminders:', error));
	const timer = setInterval(run, EVERY_MS);
	timer.unref();
	void run();
	return () => clearInterval(timer);
}
