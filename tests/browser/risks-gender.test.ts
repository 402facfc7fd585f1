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

const cellCount = async (likelihood: number, impact: number) =>
	Number(await page.getByTestId(`cell-${likelihood}-${impact}`).getAttribute('data-count'));

describe('risks and gender strategy, in Chromium', () => {
	it('a coordinator re-assesses a risk and sees it move on the heat map, then filters the register by its new cell', async () => {
		await signIn(page, env.app.url, 'coord.patss@avance.test');
		await page.goto(`${env.app.url}/programmes/patss/risks`);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Matriz de riesgos y supuestos');
		// R4, the State's arrears, is at likelihood 5 × impact 4 with R3.
		expect(await cellCount(5, 4)).toBe(2);
		expect(await cellCount(5, 5)).toBe(0);
		expect(await page.getByTestId('cell-5-4').textContent()).toMatch(/Probabilidad 5, impacto 4; riesgos:\s*2\s*‼\s*Crítico/);

		await page.getByRole('link', { name: 'Atrasos del Estado en su contribución del 40 % a las pensiones' }).click();
		await page.waitForURL(/\/risks\/\d+$/);
		await expect.poll(() => page.getByTestId('current-score').textContent()).toContain('5 × 4 = 20');
		await page.locator('#review-date').fill('2022-03-15');
		await page.locator('#review-impact').selectOption('5');
		await page.locator('#review-note').fill('La deuda del Estado vuelve a crecer al cierre.');
		await page.getByRole('button', { name: 'Registrar revisión' }).click();
		await page.waitForURL(/notice=saved/);
		await expect.poll(() => page.getByTestId('current-score').textContent()).toContain('5 × 5 = 25');
		const history = await page.getByTestId('review-history').locator('tbody tr').allTextContents();
		expect(history).toHaveLength(4);
		expect(history.at(-1)).toContain('La deuda del Estado vuelve a crecer al cierre.');
		expect(await page.getByTestId('risk-chips').textContent()).toContain('Al alza');

		await page.getByRole('link', { name: /Volver a la matriz/ }).click();
		await page.waitForURL(/\/risks$/);
		await expect.poll(() => cellCount(5, 5)).toBe(1);
		expect(await cellCount(5, 4)).toBe(1);

		// The cell is a link: following it filters the register to that likelihood and impact.
		await page.getByTestId('cell-5-5').click();
		await page.waitForURL(/likelihood=5&impact=5/);
		await expect.poll(() => page.getByTestId('risk-row').count()).toBe(1);
		expect(await page.getByTestId('risk-row').getAttribute('data-code')).toBe('R4');
		expect(await page.getByTestId('cell-5-5').getAttribute('aria-current')).toBe('true');
		expect(await page.getByTestId('cell-filter').textContent()).toContain('probabilidad 5 e impacto 5');
		await page.getByTestId('cell-filter').getByRole('link').click();
		await expect.poll(() => page.getByTestId('risk-row').count()).toBe(12);
	});

	it('a coordinator who leaves the impact out of range sees the message next to the field and keeps the note', async () => {
		await signIn(page, env.app.url, 'coord.patss@avance.test');
		await page.goto(`${env.app.url}/programmes/patss/risks?kind=risk&level=activity`);
		await page.getByTestId('risk-row').getByRole('link').click();
		await page.waitForURL(/\/risks\/\d+$/);
		// A browser offers only 1–5; a hand-edited value must still be refused by the server.
		await page.locator('#review-impact').evaluate((select: HTMLSelectElement) => {
			select.options[0]!.value = '9';
			select.value = '9';
		});
		await page.locator('#review-note').fill('Nota que no se pierde');
		await page.getByRole('button', { name: 'Registrar revisión' }).click();
		await expect.poll(() => page.locator('#review-impact-error').textContent()).toContain('El valor máximo es 5.');
		expect(await page.locator('#review-note').inputValue()).toBe('Nota que no se pierde');
		expect(await page.locator('#review-impact').getAttribute('aria-invalid')).toBe('true');
	});

	it('a donor opens the gender page read-only: gaps and actions, no forms, no internal notes, and a crafted POST is refused', async () => {
		await signIn(page, env.app.url, 'donor.iess@avance.test');
		await page.goto(`${env.app.url}/programmes/patss/gender`);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Estrategia de género');
		expect(await page.locator('main form').count()).toBe(0);
		expect(await page.getByRole('link', { name: /Nueva acción de género|Editar|Añadir una acción/ }).count()).toBe(0);
		expect(await page.getByTestId('gender-check').textContent()).toContain('M1, M2');

		const gap = page.getByTestId('gap-M5-1');
		const rows = await gap.locator('tbody tr').allTextContents();
		expect(rows).toHaveLength(3);
		expect(rows[2]).toContain('2021-S2');
		expect(rows[2]).toContain('+15');
		expect(await gap.getByTestId('gap-movement').textContent()).toContain('La brecha aumenta');
		expect(await page.getByTestId('gender-group').filter({ hasText: 'Talento humano' }).getByTestId('overdue').count()).toBe(1);
		expect(await page.content()).not.toContain('validación de la nueva Dirección General');

		const response = await page.request.post(`${env.app.url}/programmes/patss/gender/new?/create`, {
			headers: { origin: env.app.url },
			form: { _form: 'action', title: 'Acción de un donante', type: 'analysis', status: 'planned' }
		});
		expect(response.status()).toBe(403);
		await page.reload();
		expect(await page.content()).not.toContain('Acción de un donante');
	});

	it('works in English on a phone-sized screen without sideways scrolling', async () => {
		await page.setViewportSize({ width: 390, height: 800 });
		await signIn(page, env.app.url, 'evaluator@avance.test');
		await page.goto(`${env.app.url}/programmes/peru-desempleo-ue/risks`);
		await page.getByRole('button', { name: /EN/ }).click();
		await expect.poll(() => page.locator('h1').textContent()).toBe('Risks and assumptions matrix');
		expect(await page.getByRole('link', { name: 'Likelihood 4, impact 4; risks: 2 Critical' }).count()).toBe(1);
		const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
		expect(await overflow()).toBeLessThanOrEqual(0);
		await page.goto(`${env.app.url}/programmes/peru-desempleo-ue/gender`);
		await expect.poll(() => page.locator('h1').textContent()).toBe('Gender strategy');
		expect(await page.getByTestId('gender-check').textContent()).toContain('Modules without any gender action: M3.');
		expect(await overflow()).toBeLessThanOrEqual(0);
	});

	it('has no serious accessibility violation on the matrix, its entries, the gender page and their forms, in both languages', async () => {
		await signIn(page, env.app.url, 'coord.patss@avance.test');
		await page.goto(`${env.app.url}/programmes/patss/risks`);
		const href = async (name: string) => (await page.getByRole('link', { name, exact: true }).getAttribute('href'))!;
		const risk = await href('Legitimidad del Consejo Directivo del IESS');
		const assumption = await href('El IESS designa contrapartes técnicas estables para afiliación, recaudación y cobro');
		await page.goto(`${env.app.url}/programmes/patss/gender`);
		const action = (await page
			.getByTestId('gender-action')
			.first()
			.getByRole('link', { name: /Editar/ })
			.getAttribute('href'))!;
		const paths = [
			'/programmes/patss/risks',
			'/programmes/patss/risks?likelihood=5&impact=4&kind=risk&status=active',
			risk,
			assumption,
			`${risk}/edit`,
			'/programmes/patss/risks/new',
			'/programmes/patss/gender',
			'/programmes/patss/gender/new',
			action
		];
		for (const locale of ['es', 'en']) {
			await page.context().addCookies([{ name: 'avance_locale', value: locale, url: env.app.url }]);
			for (const path of paths) {
				await page.goto(env.app.url + path);
				expect(await page.locator('html').getAttribute('lang')).toBe(locale);
				const violations = await seriousViolations(page);
				expect(violations, `${locale} ${path}: ${JSON.stringify(violations)}`).toEqual([]);
			}
			// A refused form shows its messages next to the fields: still no violation.
			await page.goto(`${env.app.url}/programmes/patss/risks/new`);
			await page.getByRole('button', { name: /Crear entrada|Create entry/ }).click();
			await expect.poll(() => page.locator('#risk-title-error').count()).toBe(1);
			expect(await seriousViolations(page)).toEqual([]);
		}
	});
});
