import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appInChromium, signIn } from '../helpers/browser';

// Content in both languages (issue 10 item 5): the English-speaking EU donor reads the Peru
// project in English; an untranslated text shows in Spanish with a visible "(es)"; a coordinator
// writes a translation beside the original on the same form.

const env = appInChromium();

let context: BrowserContext;
let page: Page;
beforeEach(async () => {
	context = await env.browser.newContext();
	page = await context.newPage();
});
afterEach(async () => {
	await context.close();
});

describe('content in both languages, in Chromium', () => {
	it('the EU donor reads the Peru results in English, with no Spanish title left unmarked', async () => {
		await signIn(page, env.app.url, 'donor.eu@avance.test');
		await page.goto(`${env.app.url}/programmes/peru-desempleo-ue/results`);
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
		const modules = await page.locator('main h2[id^="module-"]').allTextContents();
		expect(modules.join(' | ')).toContain('Design of the unemployment protection system');
		const row = page.locator('[data-testid="indicator-row"][data-code="PE-6"]');
		expect(await row.textContent()).toContain("Workshops on the proposal with workers' and employers' organisations");
		expect(await row.textContent()).toContain('workshops');
		expect(await page.locator('main .fallback-mark').count()).toBe(0);
	});

	it('a coordinator reading in English sees untranslated PATSS texts marked (es), and translates one beside the original', async () => {
		await signIn(page, env.app.url, 'coord.patss@avance.test');
		await page.getByRole('button', { name: /EN/ }).click();
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');

		// The seeded risks have their English version (seed/translations-donor.ts): no title is marked.
		await page.goto(`${env.app.url}/programmes/patss/risks`);
		await expect.poll(() => page.locator('[data-testid="risk-row"]').count()).toBeGreaterThan(0);
		expect((await page.locator('[data-testid="risk-row"]').allTextContents()).join(' | ')).toContain('Social unrest of October 2019');
		expect(await page.locator('[data-testid="risk-row"] .fallback-mark').count()).toBe(0);

		await page.goto(`${env.app.url}/programmes/patss/logframe`);
		const moduleTitle = page.locator('h2', { hasText: 'M1' });
		await expect.poll(() => moduleTitle.textContent()).toContain('Social dialogue, tripartism and institutional governance of IESS');
		const output = page.locator('li[id^="output-"]').first();
		const outputTitle = page.locator('li[id^="output-"] h3').first();
		expect(await outputTitle.locator('.fallback-mark').count()).toBe(0);

		// Removing the output's English title leaves the Spanish original, marked (es).
		await output.locator(':scope > details').first().locator('summary').click();
		await output.locator(':scope > details').first().locator('form').getByLabel('Title in English').fill('');
		await output.locator(':scope > details').first().locator('form').getByRole('button', { name: 'Save' }).click();
		await page.waitForURL(/notice=saved/);
		await expect.poll(() => outputTitle.locator('.fallback-mark').textContent()).toBe('(es)');

		// The edit form of the first output holds the original and its English version side by side.
		const details = output.locator(':scope > details').first();
		await details.locator('summary').click();
		const form = details.locator('form');
		expect(await form.locator('input[name="title"]').getAttribute('lang')).toBe('es');
		await form.getByLabel('Title in English').fill('Working group for social dialogue');
		await form.getByRole('button', { name: 'Save' }).click();
		await page.waitForURL(/notice=saved/);
		await expect.poll(() => page.locator('li[id^="output-"] h3').first().textContent()).toContain('Working group for social dialogue');
		expect(await page.locator('li[id^="output-"] h3').first().locator('.fallback-mark').count()).toBe(0);
	});
});
