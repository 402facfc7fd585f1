import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe';
import { appInChromium } from '../helpers/browser';

const env = appInChromium();

describe('API tokens, in Chromium', () => {
	it('a donor creates a token from the user menu, sees it once, reads the approved results with it, revokes it, and it stops working', async () => {
		const page = await env.signedInPage('donor.iess@avance.test');
		await page.locator('.user-menu summary').click();
		await page.getByRole('link', { name: 'Tokens de la API' }).click();
		await page.waitForURL(/\/account\/tokens$/);
		await page.getByLabel('Nombre').fill('Script del IESS');
		await page.getByRole('button', { name: 'Crear el token' }).click();

		const shown = page.getByLabel('Token', { exact: true });
		await expect.poll(() => shown.inputValue()).toMatch(/^avn_[a-z2-7]{52}$/);
		const token = await shown.inputValue();
		expect(await seriousViolations(page)).toEqual([]);
		await expect.poll(() => page.getByTestId('tokens').textContent()).toContain('Script del IESS');
		expect(await page.getByTestId('token-state').first().textContent()).toContain('Activo');

		// A script with the donor's token reads PATSS's results: approved values only.
		const read = () => fetch(`${env.app.url}/api/v1/programmes/patss/results?limit=5`, { headers: { Authorization: `Bearer ${token}` } });
		const ok = await read();
		expect(ok.status).toBe(200);
		const body = (await ok.json()) as { data: { code: string; pendingState: string | null }[] };
		expect(body.data).toHaveLength(5);
		expect(body.data.every((i) => i.pendingState === null)).toBe(true);

		// The browser's own session cookie does not open the API.
		const withCookieOnly = await page.evaluate(async () => (await fetch('/api/v1/programmes')).status);
		expect(withCookieOnly).toBe(401);

		// Shown once: after a reload only its first characters remain.
		await page.reload();
		expect(await page.getByTestId('created-token').count()).toBe(0);
		expect(await page.content()).not.toContain(token);
		expect(await page.getByTestId('tokens').textContent()).toContain(token.slice(0, 8));

		await page.getByRole('button', { name: 'Revocar el token Script del IESS' }).click();
		await expect.poll(() => page.getByTestId('notice').textContent()).toContain('Token revocado');
		await expect.poll(() => page.getByTestId('token-state').first().textContent()).toContain('Revocado');
		expect((await read()).status).toBe(401);
		await page.context().close();
	});

	it('shows the API reference to a browser at /api/v1, in both languages', async () => {
		const page = await (await env.browser.newContext()).newPage();
		await page.goto(`${env.app.url}/api/v1`);
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('API de lectura de Avance');
		expect(await page.getByTestId('api-endpoints').textContent()).toContain('/api/v1/programmes/{slug}/results');
		expect(await seriousViolations(page)).toEqual([]);
		await page.context().addCookies([{ name: 'avance_locale', value: 'en', url: env.app.url }]);
		await page.reload();
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Avance read API');
		// A program asking for JSON gets the index instead.
		const index = await fetch(`${env.app.url}/api/v1`, { headers: { Accept: 'application/json' } });
		expect(((await index.json()) as { version: string }).version).toBe('v1');
		await page.context().close();
	});
});
