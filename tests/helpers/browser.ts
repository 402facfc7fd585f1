import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startApp, type RunningApp } from './app';

export const DEMO_PASSWORD = 'avance-demo-2026';

/** Debian's Chromium, headless, with the flags this sandboxed network needs. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
}

export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto(`${baseUrl}/login`);
	await page.getByLabel(/correo electrónico|email/i).fill(email);
	await page.getByLabel(/contraseña|password/i).fill(password);
	await page.getByRole('button', { name: /^(entrar|sign in)$/i }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/login'));
	expect(new URL(page.url()).pathname).not.toBe('/login');
}

/**
 * Starts the built app (on its own database copy) and Chromium before the file's tests, and
 * stops both after them. Read `env.app` and `env.browser` inside tests.
 */
export function appInChromium(): {
	readonly app: RunningApp;
	readonly browser: Browser;
	/** A page of its own (its own cookies) signed in as `email`. */
	signedInPage(email: string, password?: string): Promise<Page>;
} {
	let app: RunningApp | undefined;
	let browser: Browser | undefined;
	beforeAll(async () => {
		[app, browser] = await Promise.all([startApp(), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});
	return {
		get app() {
			if (!app) throw new Error('the app is not started yet');
			return app;
		},
		get browser() {
			if (!browser) throw new Error('Chromium is not started yet');
			return browser;
		},
		async signedInPage(email: string, password = DEMO_PASSWORD) {
			const page = await (await this.browser.newContext()).newPage();
			await signIn(page, this.app.url, email, password);
			return page;
		}
	};
}
