import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { unsubscribeToken } from '$lib/server/notifications/keys';
import { readPreferences } from '$lib/server/notifications/preferences';
import { actions as accountActions, load as accountLoad } from '../../../src/routes/account/+page.server';
import { actions as outboxActions, load as outboxLoad } from '../../../src/routes/admin/outbox/+page.server';
import { actions as unsubscribeActions, load as unsubscribeLoad } from '../../../src/routes/unsubscribe/[token]/+page.server';
import { freshDatabase, userId } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';

// The pages of issue 23's mail: preferences on the account page, the one-click unsubscribe that
// needs no sign-in (and refuses an altered link), and the admin's outbox.

let db: Db;
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
});

describe('the account page', () => {
	it('saves a weekly digest with one kind immediate, and refuses an unknown choice keeping what was typed', async () => {
		const user = await sessionUser(db, 'coord.patss@avance.test');
		const saved = await outcome(() =>
			call(
				accountActions.preferences,
				makeEvent({
					user,
					url: 'http://localhost/account',
					route: '/account',
					form: { digest: 'weekly', kind_value_returned: 'immediate' }
				})
			)
		);
		expect(saved).toMatchObject({ kind: 'redirect', status: 303 });
		const prefs = await readPreferences(db, user.id);
		expect(prefs.digest).toBe('weekly');
		expect(prefs.kinds.value_returned).toBe('immediate');
		expect(prefs.kinds.report_issued).toBe('digest');
		const page = await outcome(() => call(accountLoad, makeEvent({ user, url: 'http://localhost/account' })));
		expect(page).toMatchObject({ kind: 'value', value: { preferences: { digest: 'weekly' } } });

		const bad = await outcome(() =>
			call(
				accountActions.preferences,
				makeEvent({
					user,
					url: 'http://localhost/account',
					route: '/account',
					form: { digest: 'hourly', kind_value_returned: 'immediate' }
				})
			)
		);
		expect(bad).toMatchObject({ kind: 'value', value: { status: 400, data: { values: { digest: 'hourly' } } } });
		expect((await readPreferences(db, user.id)).digest).toBe('weekly');
	});
});

describe('one-click unsubscribe', () => {
	it('turns the kind off without signing in, and says an altered link is not valid', async () => {
		const coord = await userId(db, 'coord.patss@avance.test');
		const token = await unsubscribeToken(db, coord, 'report_comment');
		const url = `http://localhost/unsubscribe/${token}`;
		expect(await outcome(() => call(unsubscribeLoad, makeEvent({ params: { token }, url })))).toMatchObject({
			kind: 'value',
			value: { valid: true, email: 'coord.patss@avance.test', scope: 'report_comment' }
		});
		const altered = token.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'));
		expect(await outcome(() => call(unsubscribeLoad, makeEvent({ params: { token: altered }, url })))).toMatchObject({
			kind: 'value',
			value: { valid: false, email: null }
		});
		expect(await outcome(() => call(unsubscribeActions.default, makeEvent({ params: { token: altered }, url, form: {} })))).toMatchObject({
			kind: 'value',
			value: { status: 400, data: { invalid: true } }
		});
		// The last character altered in its two spare bits only (which a base64 decoder ignores).
		const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		const spare = token.slice(0, -1) + ALPHABET[ALPHABET.indexOf(token.at(-1)!) ^ 1];
		expect(spare).not.toBe(token);
		expect(await outcome(() => call(unsubscribeLoad, makeEvent({ params: { token: spare }, url })))).toMatchObject({
			kind: 'value',
			value: { valid: false, email: null }
		});
		expect((await readPreferences(db, coord)).kinds.report_comment).toBe('digest');
		expect(
			await outcome(() =>
				call(unsubscribeActions.default, makeEvent({ params: { token }, url, form: { 'List-Unsubscribe': 'One-Click' } }))
			)
		).toMatchObject({ kind: 'value', value: { done: true } });
		expect((await readPreferences(db, coord)).kinds.report_comment).toBe('off');
	});
});

describe('the outbox page', () => {
	it('lists messages for the admin only, and a failed message can be retried', async () => {
		const coord = await userId(db, 'coord.patss@avance.test');
		const { id } = await db
			.insertInto('notification')
			.values({
				user_id: coord,
				programme_id: null,
				kind: 'value_returned',
				locale: 'es',
				recipient: 'coord.patss@avance.test',
				subject: 'Asunto de prueba',
				body_text: 'Texto de prueba',
				body_html: '<p>Texto de prueba</p>',
				link: '/',
				state: 'failed',
				attempts: 8,
				last_error: '451 Mailbox temporarily unavailable',
				next_attempt_at: new Date().toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const admin = await sessionUser(db, 'admin@avance.test');
		const page = await outcome(() => call(outboxLoad, makeEvent({ user: admin, url: 'http://localhost/admin/outbox?state=failed' })));
		expect(page).toMatchObject({
			kind: 'value',
			value: {
				state: 'failed',
				smtp: false,
				counts: { failed: 1 },
				messages: [{ subject: 'Asunto de prueba', text: 'Texto de prueba', lastError: '451 Mailbox temporarily unavailable' }]
			}
		});
		const coordinator = await sessionUser(db, 'coord.patss@avance.test');
		expect(await outcome(() => call(outboxLoad, makeEvent({ user: coordinator, url: 'http://localhost/admin/outbox' })))).toMatchObject({
			kind: 'error',
			status: 403
		});
		const retried = await outcome(() =>
			call(
				outboxActions.retry,
				makeEvent({ user: admin, url: 'http://localhost/admin/outbox', route: '/admin/outbox', form: { id: String(id) } })
			)
		);
		expect(retried).toMatchObject({ kind: 'redirect', status: 303 });
		const row = await db.selectFrom('notification').select(['state', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
		expect(row).toEqual({ state: 'pending', attempts: 0 });
	});
});
