import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe';
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

const percent = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

async function openRecommendation(p: Page, code: string) {
	await p.goto(`${env.app.url}/programmes/patss/recommendations`);
	await p.getByTestId(`rec-row-${code}`).getByRole('link', { name: code }).click();
	await p.waitForURL(/\/recommendations\/\d+$/);
}

describe('recommendation tracker, in Chromium', () => {
	it('a coordinator moves a recommendation to "adopted" with a resolution number and the adoption rate on the tracker goes up', async () => {
		await signIn(page, env.app.url, 'coord.patss@avance.test');
		await page.goto(`${env.app.url}/programmes/patss/recommendations`);
		const rateBefore = percent(await page.getByTestId('adoption-rate').textContent());
		const countBefore = await page.getByTestId('adopted-count').textContent();
		expect(await page.getByTestId('rec-row-COB-15').getByTestId('row-status').textContent()).toContain('Aceptada en principio');

		await openRecommendation(page, 'COB-15');
		await page.getByText('Registrar un paso').click();
		const form = page.getByTestId('event-form');
		await form.getByLabel('Nuevo estado').selectOption('adopted');
		await form.getByLabel('Fecha del paso').fill('2024-06-30');
		await form.getByLabel('Instrumento').fill('Resolución C.D. 9001');
		await form.getByLabel('Nota interna').fill('Nota del equipo: pendiente la publicación en el Registro Oficial.');
		await form.getByRole('button', { name: 'Registrar el paso' }).click();

		await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Cambios guardados.');
		expect(await page.getByTestId('current-status').textContent()).toContain('Adoptada');
		const last = page.getByTestId('timeline-step').last();
		expect(await last.getByTestId('step-instrument').textContent()).toBe('Resolución C.D. 9001');
		expect(await last.textContent()).toContain('30 jun 2024');
		expect(await last.textContent()).toContain('Carlos Coordinador (PATSS)');
		expect(await last.getByTestId('illustrative').count()).toBe(0);
		expect(await page.getByTestId('timeline-step').first().getByTestId('illustrative').count()).toBe(1);

		await page.getByRole('link', { name: /Volver al seguimiento/ }).click();
		await page.waitForURL(/\/recommendations$/);
		expect(await page.getByTestId('rec-row-COB-15').getByTestId('row-status').textContent()).toContain('Adoptada');
		expect(await page.getByTestId('adopted-count').textContent()).not.toBe(countBefore);
		expect(percent(await page.getByTestId('adoption-rate').textContent())).toBeGreaterThan(rateBefore);
	});

	it('a step down without a note is refused next to the note, keeping what was typed', async () => {
		await signIn(page, env.app.url, 'coord.patss@avance.test');
		await openRecommendation(page, 'CAL-01');
		await page.getByText('Registrar un paso').click();
		const form = page.getByTestId('event-form');
		await form.getByLabel('Nuevo estado').selectOption('under_review');
		await form.getByLabel('Fecha del paso').fill('2024-01-10');
		await form.getByLabel('Instrumento').fill('Oficio 44');
		await form.getByRole('button', { name: 'Registrar el paso' }).click();

		const note = form.getByLabel('Nota interna');
		await expect.poll(() => note.getAttribute('aria-invalid')).toBe('true');
		expect(await page.locator('#event-note-error').textContent()).toContain('es bajar en la escalera');
		expect(await form.getByLabel('Instrumento').inputValue()).toBe('Oficio 44');
		expect(await page.getByTestId('current-status').textContent()).toContain('Adoptada');
	});

	it('a donor sees the timeline with its instrument but no internal note and no comments, and can change nothing', async () => {
		// The coordinator leaves an internal note on a step first.
		await signIn(page, env.app.url, 'coord.patss@avance.test');
		await openRecommendation(page, 'GOB-06');
		await page.getByText('Registrar un paso').click();
		const form = page.getByTestId('event-form');
		await form.getByLabel('Nuevo estado').selectOption('under_review');
		await form.getByLabel('Fecha del paso').fill('2023-03-01');
		await form.getByLabel('Instrumento').fill('Proyecto de ley 77');
		await form.getByLabel('Nota interna').fill('NOTA-SOLO-EQUIPO');
		await form.getByRole('button', { name: 'Registrar el paso' }).click();
		await expect.poll(() => page.getByTestId('notice').count()).toBe(1);
		const url = page.url();

		const donor = await env.signedInPage('donor.iess@avance.test');
		await donor.goto(url);
		const timeline = donor.getByTestId('timeline');
		expect(await timeline.textContent()).toContain('Proyecto de ley 77');
		expect(await donor.content()).not.toContain('NOTA-SOLO-EQUIPO');
		expect(await donor.getByTestId('step-note').count()).toBe(0);
		expect(await donor.getByTestId('comments').count()).toBe(0);
		expect(await donor.getByTestId('event-form').count()).toBe(0);
		expect(await donor.getByRole('link', { name: 'Editar' }).count()).toBe(0);
		await donor.context().close();
	});

	it('shows the whole "by thematic area" table on a 1280 px laptop screen, in both languages', async () => {
		await page.setViewportSize({ width: 1280, height: 800 });
		await signIn(page, env.app.url, 'evaluator@avance.test');
		for (const locale of ['es', 'en']) {
			await context.addCookies([{ name: 'avance_locale', value: locale, url: env.app.url }]);
			await page.goto(`${env.app.url}/programmes/patss/recommendations`);
			const wrap = page.getByTestId('rates-by-area').locator('xpath=..');
			await expect.poll(() => wrap.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
		}
	});

	it('reads in English and fits a 390px phone screen without sideways scrolling', async () => {
		await page.setViewportSize({ width: 390, height: 800 });
		await signIn(page, env.app.url, 'evaluator@avance.test');
		await page.getByRole('button', { name: /EN/ }).click();
		await page.goto(`${env.app.url}/programmes/patss/recommendations`);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Recommendation tracker');
		expect(await page.getByTestId('rates-by-area').textContent()).toContain('Governance');
		expect(await page.getByTestId('ageing').textContent()).toContain('Overdue');
		const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(await overflow()).toBeLessThanOrEqual(0);
		await openRecommendation(page, 'EMT-02');
		expect(await page.getByTestId('current-status').textContent()).toContain('Partially adopted');
		expect(await page.getByTestId('key-action').first().textContent()).toContain('Overdue');
		expect(await overflow()).toBeLessThanOrEqual(0);
	});

	it('has no serious accessibility violation on the tracker, a recommendation and its forms, in both languages', async () => {
		await signIn(page, env.app.url, 'coord.patss@avance.test');
		await openRecommendation(page, 'EMT-02');
		const detail = new URL(page.url()).pathname;
		for (const locale of ['es', 'en']) {
			await context.addCookies([{ name: 'avance_locale', value: locale, url: env.app.url }]);
			for (const path of [
				'/programmes/patss/recommendations',
				detail,
				`${detail}/edit`,
				'/programmes/patss/recommendations/new',
				'/programmes/patss/recommendations/sources'
			]) {
				await page.goto(env.app.url + path);
				expect(await page.locator('html').getAttribute('lang')).toBe(locale);
				// Open the folded forms so they are checked too.
				const folded = page.locator('main details:not([open]) > summary');
				for (let n = await folded.count(); n > 0; n--) await folded.first().click();
				const violations = await seriousViolations(page);
				expect(violations, `${locale} ${path}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
			}
		}
	});
});
