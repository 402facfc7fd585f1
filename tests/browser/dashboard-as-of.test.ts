import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '$lib/i18n/format';
import { appInChromium } from '../helpers/browser';

const env = appInChromium();

// The dashboard's "as of" control (issue 19), in Chromium: a donor chooses a past date in the
// date field, submits the plain GET form, and reads the dashboard labelled with that date and with
// the figures it had then; a date outside the programme is refused beside the field.

const CUT_OFF = '2020-06-30';
let page: Page;

/** How many approved values the completeness card counts (the evidence row's denominator). */
const approvedValues = async () => Number(await page.getByTestId('completeness-evidence').getAttribute('data-total'));

describe('the dashboard as of a date, in Chromium', () => {
	beforeAll(async () => {
		page = await env.signedInPage('donor.iess@avance.test');
		await page.context().addCookies([{ name: 'avance_locale', value: 'es', url: env.app.url }]);
	});
	afterAll(async () => {
		await page.context().close();
	});

	it('a donor chooses a past date and sees the older figures, labelled with that date', async () => {
		await page.goto(`${env.app.url}/programmes/patss/dashboard`);
		expect(await page.getByTestId('as-of-banner').count()).toBe(0);
		const today = await approvedValues();
		expect(today).toBeGreaterThan(0);

		await page.getByLabel('Situación al', { exact: true }).fill(CUT_OFF);
		await page.getByTestId('as-of-form').getByRole('button', { name: 'Ver' }).click();
		await page.waitForURL(new RegExp(`/programmes/patss/dashboard\\?asOf=${CUT_OFF}$`));

		const banner = page.getByTestId('as-of-banner');
		await expect.poll(() => banner.textContent()).toContain(`Tablero tal como estaba al ${formatDate('es', CUT_OFF)}`);
		expect(await page.getByLabel('Situación al', { exact: true }).inputValue()).toBe(CUT_OFF);
		const then = await approvedValues();
		expect(then).toBeLessThan(today);

		// Back to today: the banner goes and today's figure returns.
		await page.getByTestId('as-of-today').click();
		await page.waitForURL(/\/programmes\/patss\/dashboard$/);
		expect(await page.getByTestId('as-of-banner').count()).toBe(0);
		expect(await approvedValues()).toBe(today);
	});

	it('a date before the programme began is refused beside the field, and today’s figures stay', async () => {
		await page.goto(`${env.app.url}/programmes/patss/dashboard?asOf=2018-01-15`);
		const field = page.getByLabel('Situación al', { exact: true });
		expect(await field.getAttribute('aria-invalid')).toBe('true');
		expect(await field.inputValue()).toBe('2018-01-15');
		expect(await page.locator('#dashboard-as-of-error').textContent()).toContain('Elija una fecha entre el');
		expect(await page.getByTestId('as-of-banner').count()).toBe(0);
	});
});
