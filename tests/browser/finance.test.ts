import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInChromium } from '../helpers/browser';

const env = appInChromium();

// Money beside results in Chromium (issue 20): a coordinator adds a budget line, types an
// expenditure in the period grid, imports a ledger export with two bad rows, sees the errors by
// row and column, fixes them and imports, then finds the Finance tab's delivery rate in the
// dashboard's header; a donor reads "money and results" in English, chart and table side by side.

const csvFile = (text: string) => ({ name: 'libro-mayor.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

/** The canvases of a card that have drawn at least one pixel. */
const drawn = (page: Page, selector: string) =>
	page.evaluate(
		(sel) =>
			[...document.querySelectorAll<HTMLCanvasElement>(`${sel} canvas`)].filter((c) => {
				const ctx = c.getContext('2d');
				if (!ctx || c.width === 0 || c.height === 0) return false;
				const pixels = ctx.getImageData(0, 0, c.width, c.height).data;
				for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) return true;
				return false;
			}).length,
		selector
	);

describe('money and results, in Chromium', () => {
	it('a coordinator enters a budget line and its expenditure, imports a ledger with two bad rows, fixes them, and sees the delivery rate on the dashboard', async () => {
		const page = await env.signedInPage('coord.patss@avance.test');
		await page.goto(`${env.app.url}/programmes/patss/finance`);
		const deliveryBefore = await page.getByTestId('finance-delivery').textContent();

		// A new line, half of it on the first output.
		const form = page.getByTestId('new-line');
		await form.locator('summary').click();
		await page.locator('#newLine-code').fill('NAV-1');
		await page.locator('#newLine-title').fill('Consultoría de prueba');
		await page.locator('#newLine-category').selectOption('experts');
		await page.locator('#newLine-amount').fill('240000');
		await form.locator('input[name^="share_o"]').first().fill('50');
		await page.getByRole('button', { name: 'Añadir la línea' }).click();
		await page.waitForURL(/notice=created/);
		expect(await page.getByTestId('finance-lines').textContent()).toContain('Consultoría de prueba');

		// Its expenditure in the period grid.
		const grid = page.getByTestId('finance-grid');
		await grid.getByLabel('NAV-1', { exact: true }).fill('100000.50');
		await page.getByRole('button', { name: 'Guardar el gasto del periodo' }).click();
		await page.waitForURL(/notice=saved/);
		expect(await page.getByTestId('finance-grid').getByLabel('NAV-1', { exact: true }).inputValue()).toBe('100000.50');

		// A ledger export with two bad rows: an unknown line and text for an amount.
		const period = (await page.locator('#grid-period option:checked').textContent())!.trim();
		const bad = [
			'Línea presupuestaria;Periodo;Importe;Descripción',
			`NAV-1;${period};20.000,00;Factura 17`,
			`NAV-9;${period};100;Línea que no existe`,
			`NAV-1;${period};mil;Texto en el importe`,
			`NAV-1;${period};-500,25;Reembolso`
		].join('\n');
		await page.getByLabel('Archivo de gasto (.xlsx o .csv)').setInputFiles(csvFile(bad));
		await page.getByRole('button', { name: 'Revisar el archivo' }).click();
		await expect.poll(() => page.getByTestId('import-counts').textContent()).toContain('2 con errores');
		expect(await page.getByTestId('import-row-3').textContent()).toContain('La línea presupuestaria NAV-9 no existe en este programa.');
		expect(await page.getByTestId('import-row-4').textContent()).toContain('No es un importe');
		expect(await page.getByRole('button', { name: /Importar \d+ filas de gasto/ }).count()).toBe(0);

		const fixed = bad.replace('NAV-9', 'NAV-1').replace(';mil;', ';1.000;');
		await page.getByLabel('Archivo de gasto (.xlsx o .csv)').setInputFiles(csvFile(fixed));
		await page.getByRole('button', { name: 'Revisar el archivo' }).click();
		await expect.poll(() => page.getByTestId('import-counts').textContent()).toContain('0 con errores');
		expect(await page.getByTestId('import-counts').textContent()).toContain('1 reembolso;');
		await page.getByRole('button', { name: 'Importar 4 filas de gasto' }).click();
		await page.waitForURL(/notice=imported/);

		// The tab counts it all, and the dashboard's header shows the same delivery rate.
		const delivery = (await page.getByTestId('finance-delivery').textContent())!.trim();
		expect(delivery).not.toBe(deliveryBefore?.trim());
		await page.goto(`${env.app.url}/programmes/patss/dashboard`);
		expect(await page.getByTestId('delivery-rate').textContent()).toContain(delivery);
		await page.context().close();
	});

	it('a donor reads money and results in English: the chart draws, its table beside it, and the header rate is the Finance tab’s', async () => {
		const page = await env.signedInPage('donor.iess@avance.test');
		await page.context().addCookies([{ name: 'avance_locale', value: 'en', url: env.app.url }]);
		await page.goto(`${env.app.url}/programmes/patss/finance`);
		const delivery = (await page.getByTestId('finance-delivery').textContent())!.trim();
		expect(await page.locator('main').textContent()).toContain('Only ended periods are counted.');
		// The modules by their English titles (recheck of issue 20, finding 5: they printed in Spanish).
		const db = new Database(env.app.databasePath, { readonly: true });
		const module = db
			.prepare(
				`select m.title as es, t.text as en from module m join programme p on p.id = m.programme_id
				 join translation t on t.entity = 'module' and t.entity_id = m.id and t.field = 'title' and t.locale = 'en'
				 where p.slug = 'patss' order by m.sort_order, m.id limit 1`
			)
			.get() as { es: string; en: string };
		db.close();
		const byModule = (await page.getByTestId('finance-by-module').textContent())!;
		expect(byModule).toContain(module.en);
		expect(byModule).not.toContain(module.es);

		await page.goto(`${env.app.url}/programmes/patss/dashboard`);
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		const card = page.getByTestId('chart-money-and-results');
		expect(await card.locator('h2, h3').first().textContent()).toBe('Money and results');
		await expect.poll(() => drawn(page, '[data-testid="chart-money-and-results"]'), { timeout: 15_000 }).toBe(1);
		const table = card.getByTestId('money-and-results-table');
		expect(await table.locator('caption').textContent()).toBe('Budget, spending and results progress by module and output');
		const headers = await table.locator('thead th').allTextContents();
		expect(headers).toEqual(expect.arrayContaining(['Delivery rate', 'Burn against plan', 'Results progress']));
		expect(await table.locator('tbody th[scope="row"]').count()).toBeGreaterThan(0);
		expect(await page.getByTestId('delivery-rate').textContent()).toContain(delivery);
		await page.context().close();
	});

	it('fits a phone: at 390 px the Finance tab’s wide tables scroll in their own box, not the page', async () => {
		const page = await env.signedInPage('coord.peru@avance.test');
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${env.app.url}/programmes/peru-desempleo-ue/finance`);
		await page.getByTestId('finance-by-module').waitFor();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await page.context().close();
	});
});
