import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appInChromium, signIn } from '../helpers/browser';

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

describe('foundation, in Chromium', () => {
	it('a coordinator signs in, switches to English, opens PATSS and sees its fact sheet and modules', async () => {
		await signIn(page, env.app.url, 'coord.patss@avance.test');
		await expect.poll(() => page.locator('h1').textContent()).toBe('Cartera de programas');
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('es');

		await page.getByRole('button', { name: /EN/ }).click();
		await expect.poll(() => page.locator('h1').textContent()).toBe('Programme portfolio');
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');

		await page.getByRole('link', { name: 'Open PATSS' }).click();
		await page.waitForURL(/\/programmes\/patss$/);
		const facts = page.getByTestId('fact-sheet');
		await expect.poll(() => facts.textContent()).toContain('Direct trust fund');
		expect(await facts.textContent()).toContain('1 Oct 2018 – 31 Mar 2022');
		const modules = await page.getByTestId('logframe').locator(':scope > li h3').allTextContents();
		expect(modules).toHaveLength(5);
		expect(modules[3]).toContain("Strengthening IESS's Actuarial Directorate");

		// The choice is remembered on the account: a new browser signs in straight into English.
		const other = await env.browser.newContext();
		const second = await other.newPage();
		await signIn(second, env.app.url, 'coord.patss@avance.test');
		await expect.poll(() => second.locator('h1').textContent()).toBe('Programme portfolio');
		await other.close();
	});

	it('a donor sees only their programmes and gets a bilingual 404 for another donor’s', async () => {
		await signIn(page, env.app.url, 'donor.eu@avance.test');
		const names = await page.getByTestId('portfolio').locator('h2').allTextContents();
		expect(names.map((n) => n.trim()).sort()).toEqual(['Desempleo Ecuador (UE)', 'Desempleo Perú (UE)']);

		const response = await page.goto(`${env.app.url}/programmes/patss`);
		expect(response?.status()).toBe(404);
		// This donor's account is in English.
		expect(await page.locator('h1').textContent()).toBe('We could not find this page.');
		expect(await page.content()).not.toContain('Programa de Asistencia Técnica');

		await page.getByRole('button', { name: /ES/ }).click();
		await expect.poll(() => page.locator('h1').textContent()).toBe('No encontramos esta página.');
	});

	it('a donor opening a programme lands on its dashboard, with no overview tab', async () => {
		await signIn(page, env.app.url, 'donor.eu@avance.test');
		await page.goto(`${env.app.url}/programmes/peru-desempleo-ue`);
		expect(new URL(page.url()).pathname).toBe('/programmes/peru-desempleo-ue/dashboard');
		// By address, not by words: the test before this one switches this donor's language.
		const tabs = page.locator('nav.tabs a');
		await tabs.first().waitFor();
		const hrefs = await tabs.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
		expect(hrefs[0]).toBe('/programmes/peru-desempleo-ue/dashboard');
		expect(hrefs).not.toContain('/programmes/peru-desempleo-ue');
	});

	it('a wrong password shows the generic message and keeps the email typed', async () => {
		await page.goto(`${env.app.url}/login`);
		await page.getByLabel('Correo electrónico').fill('coord.patss@avance.test');
		await page.getByLabel('Contraseña').fill('wrong-password');
		await page.getByRole('button', { name: 'Entrar' }).click();
		await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('El correo o la contraseña no son correctos.');
		expect(await page.getByLabel('Correo electrónico').inputValue()).toBe('coord.patss@avance.test');
		expect(new URL(page.url()).pathname).toBe('/login');
	});

	it('signs out from the user menu and cannot go back in without signing in', async () => {
		await signIn(page, env.app.url, 'evaluator@avance.test');
		await page.locator('.user-menu summary').click();
		await page.getByRole('button', { name: 'Cerrar sesión' }).click();
		await page.waitForURL(/\/login$/);
		await page.goto(`${env.app.url}/programmes/patss`);
		expect(new URL(page.url()).pathname).toBe('/login');
	});

	it('works on a phone-sized screen: the portfolio fits without sideways scrolling', async () => {
		await page.setViewportSize({ width: 375, height: 740 });
		await signIn(page, env.app.url, 'evaluator@avance.test');
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});
});
