import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '$lib/server/db/connection';
import { actions as loginActions, load as loginLoad } from '../../../src/routes/login/+page.server';
import { POST as switchLanguage } from '../../../src/routes/language/+server';
import { DEMO_PASSWORD } from '../../../seed/demo-accounts';
import { freshDatabase } from '../../helpers/db';
import { call, makeEvent, outcome, sessionUser } from '../../helpers/events';

// The address an attacker would put in a link: it looks like a path on this site, but once the
// URL parser drops the dot segments it is "//evil.example", another host.
const DISGUISED = ['/.//evil.example', '/..//evil.example', '/%2e//evil.example', '/a/..//evil.example'];

let db: Db;
beforeEach(async () => {
	db = await freshDatabase({ demoAccounts: true });
});

describe('redirects after sign-in and the language switch', () => {
	it.each(DISGUISED)('refuses to send a signed-in visitor of /login?redirectTo=%s off the site', async (target) => {
		const user = await sessionUser(db, 'coord.patss@avance.test');
		const event = makeEvent({ user, url: `http://localhost/login?redirectTo=${encodeURIComponent(target)}` });
		expect(await outcome(() => call(loginLoad, event))).toEqual({ kind: 'redirect', status: 303, location: '/' });
	});

	it.each(DISGUISED)('leaves %s out of the sign-in form it renders', async (target) => {
		const event = makeEvent({ url: `http://localhost/login?redirectTo=${encodeURIComponent(target)}` });
		expect(await outcome(() => call(loginLoad, event))).toEqual({
			kind: 'value',
			value: { redirectTo: '', oidc: null, oidcFailure: null }
		});
	});

	it.each(DISGUISED)('sends someone who signs in with redirectTo=%s to the portfolio instead', async (target) => {
		const event = makeEvent({ form: { email: 'coord.patss@avance.test', password: DEMO_PASSWORD, redirectTo: target } });
		expect(await outcome(() => call(loginActions.default, event))).toEqual({ kind: 'redirect', status: 303, location: '/' });
	});

	it.each(DISGUISED)('goes back to the portfolio, not to %s, after switching the language', async (target) => {
		const event = makeEvent({ form: { locale: 'en', redirectTo: target } });
		expect(await outcome(() => call(switchLanguage, event))).toEqual({ kind: 'redirect', status: 303, location: '/' });
		expect(event.cookies.get('avance_locale')).toBe('en');
	});

	it('still goes back to a page of the site', async () => {
		const event = makeEvent({
			form: { email: 'coord.patss@avance.test', password: DEMO_PASSWORD, redirectTo: '/programmes/patss/./results' }
		});
		expect(await outcome(() => call(loginActions.default, event))).toEqual({
			kind: 'redirect',
			status: 303,
			location: '/programmes/patss/results'
		});
	});
});
