import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt } from '$lib/server/auth/totp';
import { startApp, type RunningApp } from '../helpers/app';
import { DEMO_PASSWORD, launchBrowser, signIn } from '../helpers/browser';
import { startOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider';

// Who people are, in Chromium (issue 23): a person signs in with the organisation's account
// through a real OpenID provider (its own sign-in and consent pages); a person Avance does not
// know is told what to do; an admin enrols a second factor and then needs it to sign in.

let app: RunningApp;
let browser: Browser;
let provider: TestOidcProvider;
const callbacks: string[] = [];

beforeAll(async () => {
	provider = await startOidcProvider({
		redirectUris: () => callbacks,
		people: {
			'entra-donor': { email: 'donor.iess@avance.test', emailVerified: true },
			'entra-stranger': { email: 'stranger@ilo.example', emailVerified: true }
		}
	});
	[app, browser] = await Promise.all([
		startApp({
			env: {
				OIDC_ISSUER: provider.issuer,
				OIDC_CLIENT_ID: provider.clientId,
				OIDC_CLIENT_SECRET: provider.clientSecret,
				OIDC_NAME: 'Microsoft',
				OIDC_ALLOW_HTTP: '1'
			}
		}),
		launchBrowser()
	]);
	callbacks.push(`${app.url}/login/oidc/callback`);
});
afterAll(async () => {
	await browser?.close();
	await app?.stop();
	await provider?.close();
});

async function throughProvider(subject: string) {
	const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
	await page.goto(`${app.url}/login?redirectTo=${encodeURIComponent('/account')}`);
	await page.getByRole('link', { name: /Microsoft/ }).click();
	// The provider's own pages: its sign-in, then its consent.
	await page.waitForURL((url) => url.origin === provider.issuer);
	await page.locator('input[name="login"]').fill(subject);
	await page.locator('input[name="password"]').fill('anything');
	await page.locator('button[type="submit"]').first().click();
	await page.getByRole('button', { name: 'Continue' }).click();
	await page.waitForURL((url) => url.origin === app.url);
	return page;
}

describe('who people are, in Chromium', () => {
	it('a donor signs in with the organisation account and lands where they were going', async () => {
		const page = await throughProvider('entra-donor');
		await page.waitForURL(/\/account$/);
		// Signed in as the donor the provider vouched for: the header names them.
		expect(await page.locator('header').textContent()).toContain('Diana Donante');
		await page.context().close();
	});

	it('a person Avance does not know is told to ask an administrator, and no session opens', async () => {
		const page = await throughProvider('entra-stranger');
		await page.waitForURL(/\/login\?oidc=unknown$/);
		const alert = page.getByTestId('oidc-error');
		expect(await alert.getAttribute('role')).toBe('alert');
		expect(await alert.textContent()).toMatch(/no account|ninguna cuenta|no tiene una cuenta/i);
		const account = await page.goto(`${app.url}/account`);
		expect(new URL(account!.url()).pathname).toBe('/login');
		await page.context().close();
	});

	it('an admin enrols a second factor, keeps the recovery codes, and from then on signs in with a code', async () => {
		const admin = await (await browser.newContext()).newPage();
		await signIn(admin, app.url, 'admin@avance.test');
		await admin.goto(`${app.url}/account`);
		await admin.getByRole('button', { name: 'Activar el segundo factor' }).click();
		const key = (await admin.getByTestId('totp-key').textContent())!.trim();
		expect(key).toMatch(/^[A-Z2-7]{32}$/);
		const secret = decodeBase32IgnorePadding(key);
		await admin.getByLabel('Código de seis dígitos').fill('000000' === codeAt(secret, new Date()) ? '111111' : '000000');
		await admin.getByRole('button', { name: 'Confirmar' }).click();
		await expect.poll(() => admin.locator('#totp-code-error').textContent()).toBeTruthy();
		await admin.getByLabel('Código de seis dígitos').fill(codeAt(secret, new Date()));
		await admin.getByRole('button', { name: 'Confirmar' }).click();
		await expect.poll(() => admin.getByTestId('recovery-codes').locator('li').count()).toBe(10);
		await admin.context().close();

		// A new browser: the password alone no longer opens a session.
		const again = await (await browser.newContext()).newPage();
		await again.goto(`${app.url}/login`);
		await again.getByLabel(/correo electrónico/i).fill('admin@avance.test');
		await again.getByLabel(/contraseña/i).fill(DEMO_PASSWORD);
		await again.getByRole('button', { name: /^entrar$/i }).click();
		await again.waitForURL(/\/login\/two-factor$/);
		expect((await again.goto(`${app.url}/admin/users`))?.url()).toMatch(/\/login/);
		await again.goto(`${app.url}/login/two-factor`);
		// The next step's code (the one used at enrolment is spent).
		await again.getByLabel('Código o código de recuperación').fill(codeAt(secret, new Date(Date.now() + 30_000)));
		await again
			.getByRole('button')
			.filter({ hasText: /verificar|comprobar|entrar/i })
			.first()
			.click();
		await again.waitForURL((url) => !url.pathname.startsWith('/login'));
		expect((await again.goto(`${app.url}/admin/users`))?.status()).toBe(200);
		await again.context().close();
	});

	it('on a 390 px phone the set-up shows a QR code with its text, the key wraps, and neither page runs wider than the screen', async () => {
		const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		await signIn(page, app.url, 'coord.patss@avance.test');
		const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
		await page.goto(`${app.url}/account`);
		await page.getByTestId('notification-kinds').waitFor();
		expect(await pageWidth()).toBeLessThanOrEqual(390);
		// Each per-kind select is whole on screen, inside its table.
		const tableBox = (await page.getByTestId('notification-kinds').boundingBox())!;
		for (const select of await page.getByTestId('notification-kinds').locator('select').all()) {
			const box = (await select.boundingBox())!;
			expect(box.x + box.width).toBeLessThanOrEqual(Math.min(390, tableBox.x + tableBox.width) + 0.5);
		}

		await page.getByRole('button', { name: /Activar el segundo factor|Turn on the second factor/ }).click();
		const qr = page.getByTestId('totp-qr');
		await qr.waitFor();
		expect(await qr.getAttribute('alt')).toMatch(/^(Código QR|QR code) .{20,}/);
		expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
		// The image was decoded and drawn (a broken one has no natural size).
		expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
		const qrBox = (await qr.boundingBox())!;
		expect(qrBox.x + qrBox.width).toBeLessThanOrEqual(390);
		expect(await page.getByTestId('totp-key').textContent()).toMatch(/^[A-Z2-7]{32}$/);
		expect(await pageWidth()).toBeLessThanOrEqual(390);
		await context.close();
	});
});
