import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { seriousViolations } from '../helpers/axe';
import { launchBrowser, signIn } from '../helpers/browser';

// axe-core's WCAG 2.1 A/AA rules on the pages people use most, in both languages: no serious or
// critical violation (contrast, labels, names, structure).

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
	[app, browser] = await Promise.all([startApp(), launchBrowser()]);
	page = await (await browser.newContext()).newPage();
	await signIn(page, app.url, 'coord.patss@avance.test');
});
afterAll(async () => {
	await browser?.close();
	await app?.stop();
});

async function indicatorPath(code: string): Promise<string> {
	await page.goto(`${app.url}/programmes/patss/results`);
	return (await page.locator(`[data-code="${code}"] a`).getAttribute('href'))!;
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
	const pages = [
		['portfolio', () => '/'],
		['programme overview', () => '/programmes/patss'],
		['results framework', () => '/programmes/patss/results'],
		['indicator page', () => indicatorPath('M3-1')],
		['logframe editor', () => '/programmes/patss/logframe'],
		['reporting periods', () => '/programmes/patss/periods'],
		['new indicator', () => '/programmes/patss/indicators/new']
	] as const;

	for (const [name, path] of pages) {
		it(`finds no serious violation on the ${name}, in Spanish and in English`, async () => {
			for (const locale of ['es', 'en']) {
				await page.context().addCookies([{ name: 'avance_locale', value: locale, url: app.url }]);
				await page.goto(app.url + (await path()));
				expect(await page.locator('html').getAttribute('lang')).toBe(locale);
				const violations = await seriousViolations(page);
				expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
			}
		});
	}

	it('finds no serious violation on the admin pages', async () => {
		const admin = await (await browser.newContext()).newPage();
		await signIn(admin, app.url, 'admin@avance.test');
		for (const path of ['/admin/users', '/admin/users/2', '/admin/periods', '/admin/audit']) {
			await admin.goto(app.url + path);
			const violations = await seriousViolations(admin);
			expect(violations, `${path}: ${JSON.stringify(violations)}`).toEqual([]);
		}
		await admin.context().close();
	});

	it('finds no serious violation on the sign-in page and the not-found page', async () => {
		const anonymous = await (await browser.newContext()).newPage();
		await anonymous.goto(`${app.url}/login`);
		expect(await seriousViolations(anonymous)).toEqual([]);
		await anonymous.goto(`${app.url}/nowhere`);
		expect(await seriousViolations(anonymous)).toEqual([]);
		await anonymous.context().close();
	});
});
