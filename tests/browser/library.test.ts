import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcag22Violations } from '../helpers/axe';
import { appInChromium } from '../helpers/browser';

const env = appInChromium();

// Issue 25 in Chromium: the EU donor, reading in English, goes from the portfolio to the indicator
// library, compares an indicator across Ecuador and Peru (chart with its table, figures side by
// side), then opens Peru's indicator and reads its forecast: the dotted line is drawn and its
// figures are in a table.

/** Pixels of the chart canvas close to a colour (the forecast line is the only vermillion one). */
const pixelsOf = (page: Page, selector: string, rgb: [number, number, number]) =>
	page.evaluate(
		({ selector, rgb }) => {
			const canvas = document.querySelector<HTMLCanvasElement>(selector);
			const ctx = canvas?.getContext('2d');
			if (!canvas || !ctx || canvas.width === 0) return 0;
			const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
			let n = 0;
			for (let i = 0; i < data.length; i += 4)
				if (
					data[i + 3]! > 200 &&
					Math.abs(data[i]! - rgb[0]) < 12 &&
					Math.abs(data[i + 1]! - rgb[1]) < 12 &&
					Math.abs(data[i + 2]! - rgb[2]) < 12
				)
					n++;
			return n;
		},
		{ selector, rgb }
	);

describe('the indicator library and the forecast, in Chromium', () => {
	let page: Page;
	beforeAll(async () => {
		page = await env.signedInPage('donor.eu@avance.test');
		await page.context().addCookies([{ name: 'avance_locale', value: 'en', url: env.app.url }]);
	});
	afterAll(async () => {
		await page.context().close();
	});

	it('lets the EU donor compare an indicator across Ecuador and Peru in English', async () => {
		await page.goto(env.app.url);
		await page.getByTestId('portfolio-library').click();
		await page.waitForURL(/\/library$/);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Indicator library');
		await page.getByRole('link', { name: 'Dialogue and awareness events on unemployment-protection reform' }).click();
		await page.waitForURL(/\/library\/\d+$/);
		const table = page.getByTestId('comparison-table');
		await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
		expect(await page.getByTestId('comparison-row-ecuador-desempleo-ue').count()).toBe(1);
		expect(await page.getByTestId('comparison-row-peru-desempleo-ue').count()).toBeGreaterThanOrEqual(1);
		// The chart draws, and its figures are in the table beside it.
		await expect
			.poll(() => pixelsOf(page, '[data-testid="comparison-chart"] canvas', [0, 114, 178]), { timeout: 15_000 })
			.toBeGreaterThan(0);
		expect(await page.getByTestId('comparison-series').locator('tbody tr').count()).toBeGreaterThan(4);
		expect(await page.getByTestId('comparison-series').locator('caption').textContent()).toContain('by programme and date');
		const violations = await wcag22Violations(page);
		expect(violations, JSON.stringify(violations)).toEqual([]);
	});

	it('draws the forecast as a dotted line on the indicator page, with its table', async () => {
		await page.getByTestId('comparison-table').getByRole('link', { name: /PE-6/ }).click();
		await page.waitForURL(/\/programmes\/peru-desempleo-ue\/indicators\/\d+$/);
		const forecast = page.getByTestId('forecast');
		await expect.poll(() => forecast.locator('h2').textContent()).toBe('Forecast at the end date');
		expect(await page.getByTestId('forecast-sentence').textContent()).toMatch(
			/^At the average pace recorded since .+, the running total would reach .+ by 31 Dec 2026\.$/
		);
		expect(await forecast.locator('[data-likelihood]').count()).toBe(1);
		const rows = page.getByTestId('forecast-table').locator('tbody tr');
		expect(await rows.count()).toBe(5);
		expect((await page.getByTestId('forecast-projected').textContent())?.trim()).toMatch(/^\d+$/);
		// Vermillion (#D55E00) is the forecast line's colour and no other line's.
		await expect
			.poll(() => pixelsOf(page, 'section[aria-labelledby="chart-title"] canvas', [213, 94, 0]), { timeout: 15_000 })
			.toBeGreaterThan(0);
	});
});

describe('the tripartite lens, in Chromium', () => {
	it('lets a coordinator record a tripartite meeting and see it in the dashboard section', async () => {
		const page = await env.signedInPage('coord.patss@avance.test');
		try {
			await page.context().addCookies([{ name: 'avance_locale', value: 'en', url: env.app.url }]);
			await page.goto(`${env.app.url}/programmes/patss/dialogue`);
			await expect.poll(() => page.locator('h1').textContent()).toBe('Social dialogue');
			const form = page.getByTestId('dialogue-form');
			await form.getByLabel('Date').fill('2021-12-01');
			// Each text has its English beside it (finding 4): the original is the field named as before.
			await form.locator('input[name="body"]').fill('Tripartite working group on affiliation');
			for (const group of ['Government', 'Employers’ organisations', 'Workers’ organisations'])
				await form.getByLabel(group, { exact: true }).check();
			await form.getByLabel('Names (Workers’ organisations)', { exact: true }).fill('Frente Unitario de Trabajadores');
			await form.locator('textarea[name="outcome"]').fill('Agreement on the affiliation schedule.');
			await form.getByRole('button', { name: 'Save the event' }).click();
			const events = page.getByTestId('dialogue-events');
			await expect.poll(() => events.getByText('Tripartite working group on affiliation').count()).toBe(1);
			expect(await events.getByText('Frente Unitario de Trabajadores').count()).toBe(1);

			// The coordinator corrects the outcome from the event's own edit page.
			await events.getByRole('link', { name: 'Edit: Tripartite working group on affiliation' }).click();
			await page.waitForURL(/\/dialogue\/\d+\/edit$/);
			await expect.poll(() => page.locator('h1').textContent()).toBe('Edit the social-dialogue event');
			await page.getByTestId('dialogue-form').locator('textarea[name="outcome"]').fill('Agreement on the affiliation schedule, signed.');
			await page.getByTestId('dialogue-form').getByRole('button', { name: 'Save the event' }).click();
			await page.waitForURL((url) => url.pathname === '/programmes/patss/dialogue');
			await expect.poll(() => events.getByText('Agreement on the affiliation schedule, signed.').count()).toBe(1);

			await page.goto(`${env.app.url}/programmes/patss/dashboard`);
			const section = page.getByTestId('tripartite-section');
			await expect.poll(() => section.locator('h2').textContent()).toBe('The tripartite lens');
			const perPeriod = section.getByTestId('tripartite-events');
			expect(await perPeriod.locator('tbody tr').count()).toBeGreaterThan(0);
			expect((await section.getByTestId('tripartite-share-workers').textContent()) ?? '').toMatch(/\d+ of \d+/);
			expect(await section.getByTestId('tripartite-recommendations').textContent()).toMatch(/\d+ of \d+ adopted recommendations/);
		} finally {
			await page.context().close();
		}
	});

	it('fits the forecast tile in its card at phone width, and names the tripartite records in English (review 8, 3, 13)', async () => {
		const page = await env.signedInPage('coord.patss@avance.test');
		try {
			await page.context().addCookies([{ name: 'avance_locale', value: 'en', url: env.app.url }]);
			await page.setViewportSize({ width: 390, height: 844 });
			await page.goto(`${env.app.url}/programmes/patss/dashboard`);
			const tile = page.getByTestId('forecast-tile');
			await expect.poll(() => tile.locator('h2').count()).toBe(1);
			// PATSS ended in 2022: the tile speaks of the final result, not of a future (issue 25).
			expect(await tile.locator('h2').textContent()).toBe('Were the targets reached?');
			expect(await tile.getByTestId('forecast-band-reached').count()).toBe(1);
			expect(await tile.getByTestId('forecast-band-unlikely').count()).toBe(0);
			expect(await tile.textContent()).not.toMatch(/unlikely|likely to reach/i);
			const widths = await tile.evaluate((card) => ({
				card: card.getBoundingClientRect().right,
				table: card.querySelector('table')!.getBoundingClientRect().right,
				scroll: card.querySelector('.table-wrap')!.scrollWidth,
				client: card.querySelector('.table-wrap')!.clientWidth
			}));
			expect(widths.table).toBeLessThanOrEqual(widths.card);
			expect(widths.scroll).toBeLessThanOrEqual(widths.client);

			await page.setViewportSize({ width: 1280, height: 900 });
			await page.goto(`${env.app.url}/programmes/patss/dialogue`);
			const records = page.getByTestId('constituent-records');
			await expect.poll(() => records.locator('thead th').nth(1).textContent()).toBe('Record');
			expect(await page.getByTestId('dialogue-filter').getByRole('button').textContent()).toBe('Apply');
		} finally {
			await page.context().close();
		}
	});
});
