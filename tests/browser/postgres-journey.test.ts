import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '$lib/server/db/connection';
import { migrateToLatest } from '$lib/server/db/migrations';
import { seedDatabase } from '../../seed/index';
import { startApp, type RunningApp } from '../helpers/app';
import { launchBrowser, signIn } from '../helpers/browser';
import { createEmptyDatabase, dropDatabase, postgresTestUrl, testingOnPostgres } from '../helpers/postgres';

// One journey of the browser suite on PostgreSQL (`npm run test:pg`): the built app with
// DATABASE_URL set, on a database migrated and seeded through the app's own code; sign in, record
// a value, a second coordinator approves it, a donor sees it.

describe.skipIf(!testingOnPostgres())('on PostgreSQL, in Chromium', () => {
	const name = `avance_e2e_${process.pid}`;
	let app: RunningApp;
	let browser: Browser;

	beforeAll(async () => {
		await createEmptyDatabase(name);
		const db = openPostgres(postgresTestUrl(name), { poolSize: 2 });
		try {
			await migrateToLatest(db);
			await seedDatabase(db, { demoAccounts: true });
		} finally {
			await db.destroy();
		}
		[app, browser] = await Promise.all([startApp({ env: { DATABASE_URL: postgresTestUrl(name) } }), launchBrowser()]);
	});
	afterAll(async () => {
		await browser?.close();
		await app?.stop();
		await dropDatabase(name);
	});

	async function page(email: string): Promise<Page> {
		const p = await (await browser.newContext()).newPage();
		await signIn(p, app.url, email);
		return p;
	}
	async function openCourseIndicator(p: Page) {
		await p.goto(`${app.url}/programmes/patss/results`);
		await p.locator('[data-code="5.1-3"] a').click();
		await p.waitForURL(/\/indicators\/\d+/);
	}
	const periodRow = (p: Page, label: string) => p.locator(`[data-testid="period-row"][data-period="${label}"]`);

	it('signs in, records a value, has a second coordinator approve it, and shows it to the donor', async () => {
		const first = await page('coord.patss@avance.test');
		await openCourseIndicator(first);
		expect(await first.getByTestId('indicator-status').textContent()).toContain('En buen camino');
		// The value form opens on the latest ended period, the one now due.
		expect(await first.locator('#choose-period option:checked').textContent()).toBe('2022-S1');
		const form = first.getByTestId('value-form');
		await form.getByLabel('Total').fill('150');
		await form.getByLabel('Mujeres').fill('80');
		await form.getByLabel('Hombres').fill('70');
		await form.getByRole('button', { name: 'Guardar y enviar a revisión' }).click();
		await expect.poll(() => first.getByTestId('notice').textContent()).toBe('Valor enviado a revisión.');
		expect(await periodRow(first, '2022-S1').textContent()).toContain('Enviado');
		expect(await first.getByRole('button', { name: /Aprobar/ }).count()).toBe(0);

		const second = await page('coord2.patss@avance.test');
		await openCourseIndicator(second);
		await second.getByRole('button', { name: /Aprobar/ }).click();
		await expect.poll(() => second.getByTestId('notice').textContent()).toBe('Valor aprobado.');
		await expect.poll(() => second.getByTestId('indicator-status').textContent()).toContain('Logrado');
		expect(await periodRow(second, '2022-S1').locator('[data-testid="actual"]').textContent()).toContain('150');

		const donor = await page('donor.iess@avance.test');
		await openCourseIndicator(donor);
		expect(await donor.getByTestId('indicator-status').textContent()).toContain('Logrado');
		expect(await periodRow(donor, '2022-S1').textContent()).toContain('Aprobado');
		expect(await donor.getByTestId('value-form').count()).toBe(0);

		for (const p of [first, second, donor]) await p.context().close();
	});
});
