import { beforeEach, describe, expect, it } from 'vitest';
import { formatDate } from '$lib/i18n/format';
import type { Programme } from '$lib/model';
import type { Db } from '$lib/server/db/connection';
import { writeReportDueReminders } from '$lib/server/reports/due-reminders';
import * as list from '../../../src/routes/programmes/[slug]/reports/+page.server';
import { formFailure, loadAs, postAs } from '../../helpers/actions';
import { freshDatabase, userId } from '../../helpers/db';
import { seeded } from '../../helpers/programme';
import { writtenReport } from '../../helpers/reports';

// Evaluators are told when a draft report due to the donor soon still cannot be issued (issue
// 23): the due date is set when the report is created (never before its cut-off); the hourly run
// reminds once per report, date and moment, only of drafts that have blockers, in each person's
// language, listing what stops the issue.

const EVALUATOR = 'evaluator@avance.test';
const NOW = new Date('2026-12-07T09:00:00Z');
let db: Db;
let programme: Programme;
let patss: Awaited<ReturnType<typeof seeded>>;

beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	programme = patss.programme;
});

const create = (form: Record<string, string | string[]>) =>
	postAs(db, list.actions.create, EVALUATOR, {
		params: { slug: 'patss' },
		form: {
			_form: 'new-report',
			layout: 'oecd_dac',
			titleEs: 'Informe',
			titleEn: 'Report',
			window: 'periods',
			languages: ['es', 'en'],
			...form
		}
	});

const blockedNotices = () =>
	db
		.selectFrom('notification')
		.innerJoin('user', 'user.id', 'notification.user_id')
		.select(['user.email', 'notification.subject', 'notification.body_text', 'notification.locale'])
		.where('notification.kind', '=', 'report_blocked')
		.orderBy('notification.id')
		.execute();

describe('reports blocked close to their due date', () => {
	it('takes the due date when the report is created and refuses one before the cut-off, keeping what was typed', async () => {
		const period = String(patss.periodId('2019-S1'));
		const refused = formFailure(await create({ periodIds: period, dueDate: '2019-01-15' }));
		expect(refused.status).toBe(400);
		expect(refused.data.errors.dueDate?.[0]).toMatch(/corte|cut-off/);
		expect(refused.data.values.dueDate).toBe('2019-01-15');
		const bad = formFailure(await create({ periodIds: period, dueDate: '2026-02-30' }));
		expect(bad.data.errors.dueDate).toBeTruthy();

		expect(await create({ periodIds: period, dueDate: '2026-12-10' })).toMatchObject({ kind: 'redirect', status: 303 });
		const page = await loadAs<{ reports: { dueDate: string | null; title: { es: string } }[] }>(db, list.load, EVALUATOR, {
			params: { slug: 'patss' }
		});
		if (page.kind !== 'value') throw new Error(JSON.stringify(page));
		expect(page.value.reports.find((r) => r.title.es === 'Informe')?.dueDate).toBe('2026-12-10');
	});

	it('reminds the evaluators once of a blocked draft due soon, names what blocks it, and says nothing of one that can be issued', async () => {
		const evaluator = { id: await userId(db, EVALUATOR), name: 'Elena' };
		// A fully written draft (nothing blocks it) and an empty one, both due in three days.
		const ready = await writtenReport(db, evaluator, programme, [patss.periodId('2019-S1')]);
		expect(await create({ periodIds: String(patss.periodId('2019-S2')), dueDate: '2026-12-10' })).toMatchObject({ kind: 'redirect' });
		await db.updateTable('report').set({ due_date: '2026-12-10' }).where('id', '=', ready).execute();
		// One far in the future: not yet.
		expect(await create({ periodIds: String(patss.periodId('2020-S1')), dueDate: '2027-06-30', titleEs: 'Lejano' })).toMatchObject({
			kind: 'redirect'
		});

		expect(await writeReportDueReminders(db, { daysBefore: 7 }, NOW)).toBe(1);
		const notices = await blockedNotices();
		expect(notices.map((n) => n.email)).toContain(EVALUATOR);
		const mine = notices.find((n) => n.email === EVALUATOR)!;
		expect(mine.subject).toContain(formatDate('es', '2026-12-10'));
		expect(mine.subject).toMatch(/Informe/);
		expect(mine.body_text).toMatch(/falta la calificación|missing/);

		// The next hourly runs write nothing new; once past the date, one "overdue" reminder.
		await writeReportDueReminders(db, { daysBefore: 7 }, new Date(NOW.getTime() + 3_600_000));
		expect(await blockedNotices()).toHaveLength(notices.length);
		await writeReportDueReminders(db, { daysBefore: 7 }, new Date('2026-12-11T09:00:00Z'));
		const after = await blockedNotices();
		expect(after.length).toBe(notices.length * 2);
		expect(after.at(-1)!.subject).toMatch(/venció|was due/);
	});

	it('names each blocked part by its title, for every layout (the TCPR’s own parts too)', async () => {
		expect(
			await create({ layout: 'ilo_tcpr', periodIds: String(patss.periodId('2019-S2')), dueDate: '2026-12-09', titleEs: 'TCPR' })
		).toMatchObject({ kind: 'redirect' });
		await writeReportDueReminders(db, { daysBefore: 7 }, NOW);
		const mine = (await blockedNotices()).find((n) => n.email === EVALUATOR && n.subject.includes('TCPR'))!;
		expect(mine.body_text).toContain('Identificación del proyecto');
		expect(mine.body_text).not.toMatch(/reports?(Doc)?\.section\.|[a-z]+_[a-z]+:/);
	});

	it('writes in each person’s language', async () => {
		await db.updateTable('user').set({ locale: 'en' }).where('email', '=', EVALUATOR).execute();
		expect(await create({ periodIds: String(patss.periodId('2019-S2')), dueDate: '2026-12-09' })).toMatchObject({ kind: 'redirect' });
		await writeReportDueReminders(db, { daysBefore: 7 }, NOW);
		const mine = (await blockedNotices()).find((n) => n.email === EVALUATOR)!;
		expect(mine.locale).toBe('en');
		expect(mine.subject).toContain(`is due on ${formatDate('en', '2026-12-09')} and cannot be issued yet`);
		expect(mine.body_text).toMatch(/rating is missing|missing/i);
	});
});
