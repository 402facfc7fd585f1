import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { appInChromium } from '../helpers/browser';

const env = appInChromium();

// Issue 25, the reviewer's last findings in Chromium: the admin's header fits a 390 px phone
// (its nav ran 434 px wide), the library page prints an entry's unit and references in English,
// and a donor filters the read-only results page by constituent with a plain GET form.

describe('issue 25 findings, in Chromium', () => {
	let page: Page;
	afterAll(async () => {
		await page?.context().close();
	});

	it('keeps an admin page within a 390 px screen', async () => {
		page = await env.signedInPage('admin@avance.test');
		await page.setViewportSize({ width: 390, height: 844 });
		for (const path of ['/admin/users', '/library', '/']) {
			await page.goto(`${env.app.url}${path}`);
			await expect.poll(() => page.locator('h1').count()).toBeGreaterThan(0);
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(width, path).toBeLessThanOrEqual(390);
			// Every link of the main nav is on the screen.
			const boxes = await page.locator('.site-nav a').evaluateAll((links) => links.map((a) => a.getBoundingClientRect().right));
			expect(boxes.length).toBe(4);
			for (const right of boxes) expect(right).toBeLessThanOrEqual(390);
		}
	});

	it('prints a library entry’s unit and references in English for an English reader', async () => {
		const donor = await env.signedInPage('donor.eu@avance.test');
		try {
			await donor.context().addCookies([{ name: 'avance_locale', value: 'en', url: env.app.url }]);
			await donor.goto(`${env.app.url}/library`);
			await donor.getByRole('link', { name: 'Convention 102 branches accepted or covered by national legislation' }).click();
			await donor.waitForURL(/\/library\/\d+$/);
			const sheet = donor.getByTestId('library-sheet');
			await expect.poll(() => sheet.textContent()).toContain('branches');
			expect(await donor.getByTestId('library-refs').textContent()).toContain('ILO Convention 102; SDG 1.3');
			expect(await sheet.textContent()).not.toContain('(es)');
		} finally {
			await donor.context().close();
		}
	});

	it('lets a donor filter the results page by constituent without JavaScript', async () => {
		const context = await env.browser.newContext({ javaScriptEnabled: false });
		const donor = await context.newPage();
		try {
			await donor.goto(`${env.app.url}/login`);
			await donor.getByLabel(/correo electrónico|email/i).fill('donor.iess@avance.test');
			await donor.getByLabel(/contraseña|password/i).fill('avance-demo-2026');
			await donor.getByRole('button', { name: /^(entrar|sign in)$/i }).click();
			await donor.waitForURL((url) => !url.pathname.startsWith('/login'));
			await donor.goto(`${env.app.url}/programmes/patss/results`);
			const rows = donor.getByTestId('indicator-row');
			const all = await rows.count();
			await donor.getByLabel('Mandante').selectOption('workers');
			await donor.getByRole('button', { name: 'Aplicar' }).click();
			await donor.waitForURL(/constituent=workers/);
			expect(await donor.getByLabel('Mandante').inputValue()).toBe('workers');
			// Only the indicators of the outputs the workers took part in (PATSS 1.1 and 1.3).
			const kept = await rows.count();
			expect(kept).toBeGreaterThan(0);
			expect(kept).toBeLessThan(all);
		} finally {
			await context.close();
		}
	});
});
