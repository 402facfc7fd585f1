import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe';
import { appInChromium, signIn } from '../helpers/browser';

const env = appInChromium();

// axe-core's WCAG 2.1 A/AA rules on the pages people use most, in both languages: no serious or
// critical violation (contrast, labels, names, structure).

let page: Page;

beforeAll(async () => {
	page = await (await env.browser.newContext()).newPage();
	await signIn(page, env.app.url, 'coord.patss@avance.test');
});

async function indicatorPath(code: string): Promise<string> {
	await page.goto(`${env.app.url}/programmes/patss/results`);
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
				await page.context().addCookies([{ name: 'avance_locale', value: locale, url: env.app.url }]);
				await page.goto(env.app.url + (await path()));
				expect(await page.locator('html').getAttribute('lang')).toBe(locale);
				const violations = await seriousViolations(page);
				expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
			}
		});
	}

	it('finds no serious violation on the admin pages', async () => {
		const admin = await env.signedInPage('admin@avance.test');
		for (const path of ['/admin/users', '/admin/users/2', '/admin/periods', '/admin/audit']) {
			await admin.goto(env.app.url + path);
			const violations = await seriousViolations(admin);
			expect(violations, `${path}: ${JSON.stringify(violations)}`).toEqual([]);
		}
		await admin.context().close();
	});

	it('finds no serious violation on the sign-in page and the not-found page', async () => {
		const anonymous = await (await env.browser.newContext()).newPage();
		await anonymous.goto(`${env.app.url}/login`);
		expect(await seriousViolations(anonymous)).toEqual([]);
		await anonymous.goto(`${env.app.url}/nowhere`);
		expect(await seriousViolations(anonymous)).toEqual([]);
		await anonymous.context().close();
	});
});
