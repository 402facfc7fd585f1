import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../helpers/app';
import { appInChromium, signIn } from '../helpers/browser';

// The built app as `npm start` serves it: the headers of every response (static files
// included), a body over the limit, sign-out from another site, and the demo at both loopback
// addresses.

const env = appInChromium();

async function withApp<T>(options: Parameters<typeof startApp>[0], run: (app: RunningApp) => Promise<T>): Promise<T> {
	const app = await startApp(options);
	try {
		return await run(app);
	} finally {
		await app.stop();
	}
}

async function newPage(): Promise<Page> {
	return (await env.browser.newContext()).newPage();
}

/** A coordinator on the page of M1-3 (a qualitative indicator: its narrative is required), at its value form. */
async function valueFormOfM13(): Promise<Page> {
	const page = await newPage();
	await signIn(page, env.app.url, 'coord.patss@avance.test');
	await page.goto(`${env.app.url}/programmes/patss/results`);
	await page.locator('[data-code="M1-3"] a').click();
	await page.waitForURL(/\/indicators\/\d+/);
	return page;
}

/** The address of one of the app's built scripts, as its pages link them. */
async function someAsset(base: string): Promise<string> {
	const html = await (await fetch(`${base}/login`)).text();
	const path = html.match(/\/_app\/immutable\/[^"']+\.js/)?.[0];
	if (!path) throw new Error('no built script linked from /login');
	return path;
}

describe('headers on every response', () => {
	it('marks static files, built scripts and pages nosniff, with a Permissions-Policy, and keeps the nonce CSP', async () => {
		const base = env.app.url;
		for (const path of ['/favicon.svg', '/robots.txt', await someAsset(base), '/login', '/healthz', '/no-such-page']) {
			const response = await fetch(`${base}${path}`);
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(response.headers.get('permissions-policy'), path).toContain('camera=()');
			expect(response.headers.get('strict-transport-security'), path).toBeNull();
		}
		const csp = (await fetch(`${base}/login`)).headers.get('content-security-policy') ?? '';
		expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
		expect(csp).toContain("frame-ancestors 'none'");
	});

	it('keeps a signed-in page out of every cache', async () => {
		const page = await newPage();
		await signIn(page, env.app.url, 'coord.patss@avance.test');
		for (const path of ['/', '/programmes/patss/results']) {
			const response = await page.request.get(`${env.app.url}${path}`);
			expect(response.headers()['content-type'], path).toContain('text/html');
			expect(response.headers()['cache-control'], path).toBe('private, no-store');
		}
		await page.context().close();
	});

	it('asks browsers to keep to HTTPS when ORIGIN is https, static files included', async () => {
		await withApp({ env: { ORIGIN: 'https://avance.example.org' } }, async (app) => {
			for (const path of ['/favicon.svg', '/login']) {
				expect((await fetch(`${app.url}${path}`)).headers.get('strict-transport-security'), path).toBe('max-age=31536000');
			}
		});
	});
});

describe('a person who leaves while a page loads', () => {
	it('never takes the server down: six tabs closed 30–230 ms into a compressed page, and it still answers', async () => {
		// The reviewer's path that ended the process (issue 22 review, finding 1): a chunk compressed
		// after the browser had gone was pushed into the cancelled stream.
		const pages = ['/programmes/patss/results', '/programmes/patss/dashboard', '/programmes/patss'];
		// Signed in once; each tab is a new context with that session, so the loop is six page loads.
		const first = await newPage();
		await signIn(first, env.app.url, 'coord.patss@avance.test');
		const storageState = await first.context().storageState();
		await first.context().close();
		for (let i = 0; i < 6; i++) {
			const context = await env.browser.newContext({ storageState });
			const page = await context.newPage();
			page.goto(`${env.app.url}${pages[i % 3]}`).catch(() => {});
			await new Promise((resolve) => setTimeout(resolve, 30 + i * 40));
			await context.close();
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect((await fetch(`${env.app.url}/healthz`)).status).toBe(200);
		expect(env.app.output()).not.toMatch(/ERR_INVALID_STATE|Unable to enqueue/);
	});
});

describe('a body over the limit', () => {
	it('answers 413 and says what was too large, instead of a bare 400', async () => {
		const page = await valueFormOfM13();
		const form = page.getByTestId('value-form');
		await form.getByLabel('Avance observado').fill('Acta adjunta.');
		// 13 MB: over the 12 MB the server reads at most.
		const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(13 * 1024 * 1024, 0x20)]);
		await form.getByLabel('Evidencia (archivo)').setInputFiles({ name: 'acta.pdf', mimeType: 'application/pdf', buffer: pdf });
		const answer = page.waitForResponse((r) => r.request().method() === 'POST');
		await form.getByRole('button', { name: 'Guardar borrador' }).click();
		expect((await answer).status()).toBe(413);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Lo que se envió es demasiado grande.');
		expect(await page.getByRole('alert').textContent()).toContain('hasta 10 MB');
		await page.context().close();
	});
});

describe('typing while a page loads', () => {
	it('keeps what someone types into the value form while the period they chose is still loading', async () => {
		const page = await valueFormOfM13();
		// A slow answer for the chosen period, so it lands while the narrative is being typed.
		await page.route(/__data\.json\?period=/, async (route) => {
			await new Promise((r) => setTimeout(r, 150));
			await route.continue();
		});
		// Choosing a period is not opening it (the arrow keys walk the list): "Mostrar" opens it.
		const chooser = page.getByLabel('Periodo', { exact: true }).first();
		await chooser.selectOption({ label: '2021-S1' });
		await page.waitForTimeout(300);
		expect(page.url()).not.toMatch(/[?&]period=/);
		await page.getByTestId('choose-period-show').click();
		const narrative = page.getByTestId('value-form').getByLabel('Avance observado');
		const typed = 'El Consejo Nacional Electoral aún no convoca la elección.';
		await narrative.pressSequentially(typed, { delay: 15 });
		await page.waitForURL(/[?&]period=/);
		expect(await narrative.inputValue()).toBe(typed);
		await page.context().close();
	});
});

describe('an upload answered before it is read', () => {
	it('sends someone whose session ended while they attached a large file to the sign-in page at once', async () => {
		const page = await valueFormOfM13();
		const form = page.getByTestId('value-form');
		await form.getByLabel('Avance observado').fill('Acta adjunta.');
		const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(8 * 1024 * 1024, 0x20)]);
		await form.getByLabel('Evidencia (archivo)').setInputFiles({ name: 'acta.pdf', mimeType: 'application/pdf', buffer: pdf });
		// The session ends (signed out elsewhere, expired): the server answers before reading the file.
		await page.context().clearCookies();
		await form.getByRole('button', { name: 'Guardar borrador' }).click();
		// Without draining the unread upload the browser stalls, still sending, for well over 30 s.
		await page.waitForURL(/\/login/, { timeout: 10_000 });
		expect(new URL(page.url()).searchParams.get('redirectTo')).toMatch(/^\/programmes\/patss\/indicators\/\d+/);
		await page.context().close();
	});
});

describe('sign-out from another site', () => {
	it('keeps the user signed in when a page on another port of the same host posts to /logout', async () => {
		const page = await newPage();
		await signIn(page, env.app.url, 'evaluator@avance.test');
		// Same site (localhost), another origin: the browser sends the session cookie along.
		const target = `${env.app.url}/logout`;
		const attacker: Server = createServer((_req, res) => {
			res.setHeader('content-type', 'text/html');
			res.end(
				`<script>fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', credentials: 'include' }).then(() => (document.title = 'sent'), () => (document.title = 'sent'));</script>`
			);
		});
		await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
		try {
			await page.goto(`http://localhost:${(attacker.address() as AddressInfo).port}/`);
			await expect.poll(() => page.title()).toBe('sent');
			await page.goto(`${env.app.url}/`);
			expect(new URL(page.url()).pathname).toBe('/');
		} finally {
			attacker.close();
			await page.context().close();
		}
	});
});

describe('the address you open is the address that works', () => {
	it('prints the address to open', async () => {
		// The tests' server binds HOST=127.0.0.1.
		expect(env.app.output()).toContain(`open http://127.0.0.1:${new URL(env.app.url).port}`);
	});

	it('signs in and switches the language at 127.0.0.1', async () => {
		const port = new URL(env.app.url).port;
		const page = await newPage();
		await signIn(page, `http://127.0.0.1:${port}`, 'coord.patss@avance.test');
		expect(await page.locator('h1').first().textContent()).toBeTruthy();
		await page.getByRole('button', { name: /EN/ }).click();
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
		expect(new URL(page.url()).host).toBe(`127.0.0.1:${port}`);
		await page.context().close();
	});

	it('signs in and switches the language at localhost too', async () => {
		const page = await newPage();
		await signIn(page, env.app.url, 'coord.patss@avance.test');
		await page.getByRole('button', { name: /EN/ }).click();
		await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
		await page.context().close();
	});

	it('tells someone at an address that ORIGIN does not name what to open, for an enhanced form and for a plain one', async () => {
		await withApp({ env: { ORIGIN: 'http://avance.example.test:8080' } }, async (app) => {
			const page = await newPage();
			// Sign-in is an enhanced form: it says why instead of doing nothing.
			await page.goto(`${app.url}/login`);
			await page.getByLabel(/correo electrónico/i).fill('coord.patss@avance.test');
			await page.getByLabel(/contraseña/i).fill('avance-demo-2026');
			await page.getByRole('button', { name: 'Entrar' }).click();
			await expect.poll(() => page.locator('h1').textContent()).toBe('Avance no aceptó este formulario');
			expect(await page.getByRole('alert').textContent()).toContain('Abra http://avance.example.test:8080 en el navegador');
			// The language switch is a plain form: a page in both languages.
			await page.goto(`${app.url}/login`);
			await page.getByRole('button', { name: /EN/ }).click();
			await expect
				.poll(() => page.locator('h1').allTextContents())
				.toEqual(['Avance no aceptó este formulario', 'Avance did not accept this form']);
			expect(await page.content()).toContain('Open http://avance.example.test:8080 in your browser and send it again.');
			await page.context().close();
		});
	});
});
