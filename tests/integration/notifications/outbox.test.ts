import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDb, openDatabase, databasePath, type Db } from '$lib/server/db/connection';
import { actions } from '../../../src/routes/programmes/[slug]/indicators/[id]/+page.server';
import { buildDueDigests } from '$lib/server/notifications/digests';
import { readUnsubscribeToken } from '$lib/server/notifications/keys';
import { savePreferences, readPreferences, unsubscribe } from '$lib/server/notifications/preferences';
import { writeReminders } from '$lib/server/notifications/reminders';
import { sendDue, smtpTransport, transportFromEnv } from '$lib/server/notifications/sender';
import { MAX_ATTEMPTS } from '$lib/server/notifications/kinds';
import { issueReport } from '$lib/server/reports/jobs';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';
import { seeded } from '../../helpers/programme';
import { fakeRenderers, writtenReport } from '../../helpers/reports';
import { startSmtp, type TestSmtp } from '../../helpers/smtp';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The outbox of issue 23 against a real SMTP server started here (smtp-server): notices written
// in the event's transaction, digests by default, immediate on request, in the reader's language,
// with a signed unsubscribe link; retried after a refusal; sent once by two senders at once.

let db: Db;
let smtp: TestSmtp;
let patss: Awaited<ReturnType<typeof seeded>>;
const COORD = 'coord.patss@avance.test';
const COORD2 = 'coord2.patss@avance.test';
const ORIGIN = 'https://avance.example.org';

beforeAll(async () => {
	process.env.ORIGIN = ORIGIN;
	process.env.UPLOADS_PATH = mkdtempSync(join(tmpdir(), 'avance-notify-'));
	smtp = await startSmtp();
});
afterAll(async () => {
	delete process.env.ORIGIN;
	await smtp.close();
});
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
	patss = await seeded(db, 'patss');
	smtp.received.length = 0;
});

async function act(name: keyof typeof actions, email: string, code: string, form: Record<string, string>) {
	const event = makeEvent({
		user: await sessionUser(db, email),
		params: { slug: 'patss', id: String(patss.indicatorId(code)) },
		url: `http://localhost/programmes/patss/indicators/${patss.indicatorId(code)}`,
		form
	});
	return outcome(() => call(actions[name], event));
}

/** COORD records and submits a value; COORD2 returns it with a note. Returns the value's id. */
async function submitAndReturn(note: string) {
	const period = String(patss.periodId('2022-S1'));
	const form = {
		periodId: period,
		value: '150',
		women: '80',
		men: '70',
		notStated: '',
		narrative: '',
		evidenceUrl: '',
		correctionReason: '',
		valueVersion: ''
	};
	expect(await act('save', COORD, '5.1-3', { ...form, intent: 'submit' })).toMatchObject({ kind: 'redirect' });
	const row = await db
		.selectFrom('indicator_value')
		.select(['id', 'version'])
		.where('indicator_id', '=', patss.indicatorId('5.1-3'))
		.where('status', '=', 'submitted')
		.executeTakeFirstOrThrow();
	expect(await act('return', COORD2, '5.1-3', { valueId: String(row.id), valueVersion: String(row.version), note })).toMatchObject({
		kind: 'redirect'
	});
	return row.id;
}

const rowsFor = async (email: string) =>
	db
		.selectFrom('notification')
		.selectAll()
		.where('user_id', '=', await userId(db, email))
		.orderBy('id')
		.execute();

describe('notices written with their event', () => {
	it('holds a returned value for the daily digest by default, and tells the other coordinator of the submission', async () => {
		await submitAndReturn('Falta la fuente.');
		const mine = await rowsFor(COORD);
		expect(mine.map((r) => [r.kind, r.state, r.locale])).toEqual([['value_returned', 'waiting', 'es']]);
		expect(mine[0]!.body_text).toContain('Falta la fuente.');
		expect(mine[0]!.body_text).toContain(`${ORIGIN}/programmes/patss/indicators/${patss.indicatorId('5.1-3')}`);
		// The next 06:00 UTC after it was written.
		const due = new Date(mine[0]!.next_attempt_at);
		expect(due.getUTCHours()).toBe(6);
		expect(due.getTime() - Date.parse(mine[0]!.created_at)).toBeLessThanOrEqual(24 * 3600 * 1000);
		expect((await rowsFor(COORD2)).map((r) => r.kind)).toEqual(['value_to_review']);
	});

	it('writes nothing when the event rolls back (a stale version)', async () => {
		const period = String(patss.periodId('2022-S1'));
		const form = {
			periodId: period,
			value: '150',
			women: '80',
			men: '70',
			notStated: '',
			narrative: '',
			evidenceUrl: '',
			correctionReason: '',
			valueVersion: ''
		};
		await act('save', COORD, '5.1-3', { ...form, intent: 'submit' });
		const before = await db.selectFrom('notification').select('id').execute();
		const row = await db
			.selectFrom('indicator_value')
			.select(['id', 'version'])
			.where('indicator_id', '=', patss.indicatorId('5.1-3'))
			.where('status', '=', 'submitted')
			.executeTakeFirstOrThrow();
		const stale = await act('return', COORD2, '5.1-3', { valueId: String(row.id), valueVersion: String(row.version - 1), note: 'x' });
		expect(stale.kind).not.toBe('redirect');
		expect(await db.selectFrom('notification').select('id').execute()).toEqual(before);
	});
});

describe('sending through a real SMTP server', () => {
	it('sends an immediate notice once, in Spanish, with the page link and a signed unsubscribe link that works without signing in', async () => {
		const coord = await userId(db, COORD);
		const prefs = await readPreferences(db, coord);
		await savePreferences(db, { id: coord }, { ...prefs, kinds: { ...prefs.kinds, value_returned: 'immediate' } });
		await submitAndReturn('Revise el desglose.');
		const transport = smtpTransport(smtp.url);
		expect(await sendDue(db, transport)).toEqual({ sent: 1, retried: 0, failed: 0 });
		expect(await sendDue(db, transport)).toEqual({ sent: 0, retried: 0, failed: 0 });
		expect(smtp.received).toHaveLength(1);
		const { mail, envelopeTo } = smtp.received[0]!;
		expect(envelopeTo).toEqual([COORD]);
		expect(mail.subject).toContain('fue devuelto');
		expect(mail.text).toContain('Hola, Carlos Coordinador (PATSS):');
		expect(mail.text).toContain('Revise el desglose.');
		expect(mail.html).toContain(`href="${ORIGIN}/programmes/patss/indicators/`);
		expect(mail.html).not.toMatch(/<img/i);
		const link = unsubscribeHeader(smtp.received[0]!.raw);
		expect(mail.text).toContain(link);
		const token = link.slice(`${ORIGIN}/unsubscribe/`.length);
		expect(await readUnsubscribeToken(db, token)).toEqual({ userId: coord, scope: 'value_returned' });
		// One character changed: refused.
		const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
		expect(await readUnsubscribeToken(db, tampered)).toBeNull();
		expect(await readUnsubscribeToken(db, token.replace('value_returned', 'report_issued'))).toBeNull();
		await unsubscribe(db, coord, 'value_returned');
		expect((await readPreferences(db, coord)).kinds.value_returned).toBe('off');
		await submitAndReturnAgain();
		expect((await rowsFor(COORD)).filter((r) => r.kind === 'value_returned')).toHaveLength(1);
	});

	it('retries after the server refuses, never loses the message and sends it once', async () => {
		const coord = await userId(db, COORD);
		const prefs = await readPreferences(db, coord);
		await savePreferences(db, { id: coord }, { ...prefs, kinds: { ...prefs.kinds, value_returned: 'immediate' } });
		await submitAndReturn('Nota.');
		const transport = smtpTransport(smtp.url);
		smtp.refuseNext(1);
		const now = new Date();
		expect(await sendDue(db, transport, { now })).toEqual({ sent: 0, retried: 1, failed: 0 });
		const [row] = await rowsFor(COORD);
		expect([row!.state, row!.attempts]).toEqual(['pending', 1]);
		expect(row!.last_error).toMatch(/451/);
		// Not before its wait (one minute) is over.
		expect(await sendDue(db, transport, { now: new Date(now.getTime() + 30_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
		expect(await sendDue(db, transport, { now: new Date(now.getTime() + 61_000) })).toEqual({ sent: 1, retried: 0, failed: 0 });
		expect(smtp.received).toHaveLength(1);
		expect((await rowsFor(COORD))[0]!.state).toBe('sent');
	});

	it('marks a message failed after the last attempt, for the admin to see', async () => {
		const coord = await userId(db, COORD);
		const prefs = await readPreferences(db, coord);
		await savePreferences(db, { id: coord }, { ...prefs, kinds: { ...prefs.kinds, value_returned: 'immediate' } });
		await submitAndReturn('Nota.');
		const transport = smtpTransport(smtp.url);
		smtp.refuseNext(MAX_ATTEMPTS);
		let now = Date.now();
		for (let i = 0; i < MAX_ATTEMPTS; i++) {
			await sendDue(db, transport, { now: new Date(now) });
			now += 7 * 3600 * 1000;
		}
		const [row] = await rowsFor(COORD);
		expect([row!.state, row!.attempts]).toEqual(['failed', MAX_ATTEMPTS]);
		expect(smtp.received).toHaveLength(0);
	});

	it('sends each message once when two senders with their own connections run at the same time', async () => {
		for (const email of [COORD, COORD2, 'evaluator@avance.test']) {
			const id = await userId(db, email);
			const prefs = await readPreferences(db, id);
			await savePreferences(db, { id }, { ...prefs, kinds: { ...prefs.kinds, value_returned: 'immediate', value_to_review: 'immediate' } });
		}
		for (let i = 0; i < 3; i++) await submitAndReturnAgain();
		const pending = await db.selectFrom('notification').select('id').where('state', '=', 'pending').execute();
		expect(pending.length).toBeGreaterThanOrEqual(6);
		// A second process: its own connection to the same database file.
		const other = testingSqlite() ? openDatabase(databasePath()) : db;
		const transport = smtpTransport(smtp.url);
		const [a, b] = await Promise.all([sendDue(db, transport, { worker: 'one' }), sendDue(other, transport, { worker: 'two' })]);
		if (other !== db) await other.destroy();
		expect(a.sent + b.sent).toBe(pending.length);
		expect(smtp.received).toHaveLength(pending.length);
		const ids = smtp.received.map((r) => r.mail.messageId);
		expect(new Set(ids).size).toBe(ids.length);
	});
});

/** The address in the raw List-Unsubscribe header (folded lines joined). */
function unsubscribeHeader(raw: string): string {
	const headers = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
	expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
	return /^List-Unsubscribe: <([^>]+)>$/m.exec(headers)![1]!;
}

function testingSqlite() {
	return !process.env.DATABASE_URL;
}

/** Another submit-and-return round on a fresh value of the same indicator. */
async function submitAndReturnAgain() {
	const open = await db
		.selectFrom('indicator_value')
		.select(['id', 'version', 'status'])
		.where('indicator_id', '=', patss.indicatorId('5.1-3'))
		.where('period_id', '=', patss.periodId('2022-S1'))
		.where('status', 'in', ['draft', 'returned', 'submitted'])
		.executeTakeFirst();
	if (!open) return submitAndReturn('Otra vez.');
	const period = String(patss.periodId('2022-S1'));
	const form = {
		periodId: period,
		value: '151',
		women: '80',
		men: '71',
		notStated: '',
		narrative: '',
		evidenceUrl: '',
		correctionReason: ''
	};
	const saved = await act('save', COORD, '5.1-3', { ...form, valueVersion: String(open.version), intent: 'submit' });
	expect(saved, JSON.stringify(saved)).toMatchObject({ kind: 'redirect' });
	const row = await db
		.selectFrom('indicator_value')
		.select(['id', 'version'])
		.where('indicator_id', '=', patss.indicatorId('5.1-3'))
		.where('status', '=', 'submitted')
		.executeTakeFirstOrThrow();
	const returned = await act('return', COORD2, '5.1-3', { valueId: String(row.id), valueVersion: String(row.version), note: 'Otra vez.' });
	expect(returned, JSON.stringify(returned)).toMatchObject({ kind: 'redirect' });
}

describe('digests', () => {
	it("folds the day's notices into one message at 06:00 UTC, and a weekly reader gets Monday's", async () => {
		await submitAndReturn('Primera.');
		await submitAndReturnAgain();
		const waiting = await rowsFor(COORD);
		expect(waiting.map((r) => r.state)).toEqual(['waiting', 'waiting']);
		const due = new Date(waiting[0]!.next_attempt_at);
		expect(await buildDueDigests(db, new Date(due.getTime() - 1000))).toBe(0);
		expect(await buildDueDigests(db, due)).toBeGreaterThanOrEqual(1);
		expect(await buildDueDigests(db, due)).toBe(0);
		const after = await rowsFor(COORD);
		const digest = after.find((r) => r.kind === 'digest')!;
		expect(after.filter((r) => r.kind !== 'digest').every((r) => r.state === 'digested' && r.digest_id === digest.id)).toBe(true);
		await sendDue(db, smtpTransport(smtp.url), { now: due });
		const mail = smtp.received.find((r) => r.envelopeTo.includes(COORD))!.mail;
		expect(mail.subject).toBe('Avance: resumen del día (2)');
		expect(mail.text).toContain('Primera.');
		expect(mail.text).toContain('Otra vez.');
		const link = unsubscribeHeader(smtp.received.find((r) => r.envelopeTo.includes(COORD))!.raw);
		expect(await readUnsubscribeToken(db, link.split('/').pop()!)).toEqual({ userId: await userId(db, COORD), scope: 'digest' });
	});

	it('sends a weekly digest on Monday, and an issued report reaches the donor in English', async () => {
		const coord = await userId(db, COORD);
		await savePreferences(db, { id: coord }, { ...(await readPreferences(db, coord)), digest: 'weekly' });
		await submitAndReturn('Semanal.');
		const [row] = await rowsFor(COORD);
		const due = new Date(row!.next_attempt_at);
		expect([due.getUTCDay(), due.getUTCHours()]).toEqual([1, 6]);

		// A donor with an English account on a programme: add donor.eu to PATSS for this test.
		const donor = await userId(db, 'donor.eu@avance.test');
		await db.insertInto('membership').values({ user_id: donor, programme_id: patss.programme.id, role: 'donor' }).execute();
		const evaluator = { id: await userId(db, 'evaluator@avance.test'), name: 'Elena Evaluadora' };
		const reportId = await writtenReport(db, evaluator, patss.programme, [patss.periodId('2019-S1')]);
		const { version } = await db.selectFrom('report').select('version').where('id', '=', reportId).executeTakeFirstOrThrow();
		await issueReport(db, evaluator, patss.programme, reportId, version, fakeRenderers, { origin: ORIGIN });
		const donorRows = await rowsFor('donor.eu@avance.test');
		expect(donorRows.map((r) => [r.kind, r.locale, r.state])).toEqual([['report_issued', 'en', 'waiting']]);
		expect(donorRows[0]!.subject).toBe('PATSS: report issued, “Test progress report”');
		expect((await rowsFor('donor.iess@avance.test')).map((r) => r.subject)).toEqual([
			'PATSS: informe emitido, «Informe de avance de prueba»'
		]);

		await buildDueDigests(db, new Date(donorRows[0]!.next_attempt_at));
		await sendDue(db, smtpTransport(smtp.url), { now: new Date(donorRows[0]!.next_attempt_at) });
		const mail = smtp.received.find((r) => r.envelopeTo.includes('donor.eu@avance.test'))!.mail;
		expect(mail.subject).toBe('Avance: daily digest (1)');
		expect(mail.text).toContain('Hello EU Delegation (donor),');
		expect(mail.text).toContain(`${ORIGIN}/programmes/patss/reports/${reportId}`);
		// The weekly reader's notice waits for Monday.
		expect((await rowsFor(COORD)).find((r) => r.kind === 'value_returned')!.state).toBe(
			due.getTime() <= Date.parse(donorRows[0]!.next_attempt_at) ? 'digested' : 'waiting'
		);
	});
});

describe('reminders and the embedded default', () => {
	it('reminds coordinators of a period ending soon once, however often the job runs', async () => {
		const period = await db
			.selectFrom('reporting_period')
			.select(['id', 'end_date', 'label'])
			.where('programme_id', '=', patss.programme.id)
			.orderBy('end_date', 'desc')
			.executeTakeFirstOrThrow();
		const now = new Date(Date.parse(`${period.end_date}T12:00:00Z`) - 3 * 86_400_000);
		const first = await writeReminders(db, { daysBefore: 7, daysAfter: 3 }, now);
		expect(first).toBeGreaterThanOrEqual(2);
		expect(await writeReminders(db, { daysBefore: 7, daysAfter: 3 }, now)).toBe(0);
		const rows = (await rowsFor(COORD)).filter((r) => r.kind === 'period_due');
		expect(rows).toHaveLength(1);
		expect(rows[0]!.subject).toContain(period.label);
		expect(rows[0]!.dedupe_key).toBe(`period:${period.id}:soon:${period.end_date}`);
		// No reminder for donors.
		expect(await rowsFor('donor.iess@avance.test')).toEqual([]);
	});

	it('keeps messages in the outbox without SMTP_URL', () => {
		delete process.env.SMTP_URL;
		expect(transportFromEnv()).toBeNull();
	});
});

afterAll(async () => {
	await closeDb();
});
