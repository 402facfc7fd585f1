import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openDatabase, type Db } from '$lib/server/db/connection';
import { buildDueDigests } from '$lib/server/notifications/digests';
import { readPreferences } from '$lib/server/notifications/preferences';
import { smtpTransport, sendDue } from '$lib/server/notifications/sender';
import { getProgrammeBySlug } from '$lib/server/programmes/programmes';
import { returnValue } from '$lib/server/results/values';
import { startApp, type RunningApp } from '../helpers/app';
import { launchBrowser, signIn } from '../helpers/browser';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

// A coordinator's mail, in Chromium (issue 23): they choose a weekly digest on the account page;
// a value of theirs returned by a reviewer sends nothing at once; on Monday morning the digest
// reaches a real SMTP server with the reviewer's note, in Spanish, with a one-click unsubscribe
// link that works without signing in. (The week is made to pass by building the digest with
// Monday's date, through the same code the app's periodic job runs.)

let app: RunningApp;
let browser: Browser;
let smtp: TestSmtp;
let db: Db;
const COORD = 'coord.patss@avance.test';

beforeAll(async () => {
	smtp = await startSmtp();
	[app, browser] = await Promise.all([startApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'avance@avance.test' } }), launchBrowser()]);
	db = openDatabase(app.databasePath);
});
afterAll(async () => {
	await db?.destroy();
	await closeDb();
	await browser?.close();
	await app?.stop();
	await smtp?.close();
});

describe('mail, in Chromium', () => {
	it('a coordinator sets a weekly digest and receives it on Monday with the returned value, and unsubscribes in one click', async () => {
		const page = await (await browser.newContext()).newPage();
		await signIn(page, app.url, COORD);
		await page.goto(`${app.url}/account`);
		await page.getByTestId('digest-weekly').check();
		await page.getByRole('button', { name: 'Guardar preferencias' }).click();
		await expect
			.poll(() => page.getByRole('status').allTextContents())
			.toContainEqual(expect.stringContaining('Preferencias de correo guardadas'));

		// A reviewer returns one of the coordinator's submitted values, with a note.
		const programme = (await getProgrammeBySlug(db, 'patss'))!;
		const coordId = (await db.selectFrom('user').select('id').where('email', '=', COORD).executeTakeFirstOrThrow()).id;
		const value = await db
			.selectFrom('indicator_value')
			.innerJoin('indicator', 'indicator.id', 'indicator_value.indicator_id')
			.select(['indicator_value.id', 'indicator_value.version'])
			.where('indicator.programme_id', '=', programme.id)
			.where('indicator_value.status', '=', 'submitted')
			.orderBy('indicator_value.id')
			.executeTakeFirst();
		// The seed's value waiting for review, as if this coordinator had entered and submitted it.
		if (value)
			await db.updateTable('indicator_value').set({ entered_by: coordId, submitted_by: coordId }).where('id', '=', value.id).execute();
		const reviewer = await db
			.selectFrom('user')
			.innerJoin('membership', 'membership.user_id', 'user.id')
			.select(['user.id', 'user.name'])
			.where('membership.programme_id', '=', programme.id)
			.where('membership.role', '=', 'coordinator')
			.where('user.id', '!=', coordId)
			.executeTakeFirst();
		if (!value || !reviewer) throw new Error('the demo data has no submitted PATSS value of the coordinator, or no second coordinator');
		const note = 'Falta la fuente: adjunte el informe del IESS de diciembre.';
		await returnValue(db, { id: reviewer.id }, programme, value.id, value.version, note);

		// Nothing goes at once: the notice waits for Monday's digest.
		await new Promise((r) => setTimeout(r, 2000));
		expect(smtp.received.filter((m) => m.envelopeTo.includes(COORD))).toHaveLength(0);
		const waiting = await db
			.selectFrom('notification')
			.select(['state', 'next_attempt_at'])
			.where('user_id', '=', coordId)
			.where('kind', '=', 'value_returned')
			.execute();
		expect(waiting).toHaveLength(1);
		expect(waiting[0]!.state).toBe('waiting');
		const monday = new Date(waiting[0]!.next_attempt_at);
		expect(monday.getUTCDay()).toBe(1);

		await buildDueDigests(db, new Date(monday.getTime() + 60_000));
		await sendDue(db, smtpTransport(smtp.url), { now: new Date(monday.getTime() + 120_000) });
		const mails = smtp.received.filter((m) => m.envelopeTo.includes(COORD));
		expect(mails).toHaveLength(1);
		const mail = mails[0]!.mail;
		expect(mail.subject).toMatch(/semanal|resumen/i);
		expect(mail.text).toContain(note);
		const unsubscribe = /https?:\/\/[^\s>]+\/unsubscribe\/[A-Za-z0-9._-]+/.exec(mail.text ?? '')?.[0];
		expect(unsubscribe).toBeTruthy();
		const headers = mails[0]!.raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
		expect(headers).toMatch(/^List-Unsubscribe: <[^>]+\/unsubscribe\//m);

		// The link works in a browser that is not signed in.
		const stranger = await (await browser.newContext()).newPage();
		await stranger.goto(`${app.url}${new URL(unsubscribe!).pathname}`);
		await stranger.getByRole('button', { name: 'Sí, dejar de recibirlos' }).click();
		await expect.poll(() => stranger.getByTestId('unsubscribed').count()).toBe(1);
		expect((await readPreferences(db, coordId)).digest).toBe('off');
		await page.context().close();
		await stranger.context().close();
	});
});
