import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInChromium, signIn } from '../helpers/browser';

const env = appInChromium();

const userPage = (email: string): Promise<Page> => env.signedInPage(email);

/** Opens indicator 5.1-3 (people who completed the IESS-EDUCA course, by sex) from the results page. */
async function openCourseIndicator(page: Page) {
	await page.goto(`${env.app.url}/programmes/patss/results`);
	await page.locator('[data-code="5.1-3"] a').click();
	await page.waitForURL(/\/indicators\/\d+/);
}
const headerStatus = (page: Page) => page.getByTestId('indicator-status').textContent();
const periodRow = (page: Page, label: string) => page.locator(`[data-testid="period-row"][data-period="${label}"]`);

describe('recording, reviewing and approving a value, in Chromium', () => {
	it('goes from a coordinator’s entry through a second coordinator’s return and approval, and a donor then sees only the approved value', async () => {
		const first = await userPage('coord.patss@avance.test');
		const second = await userPage('coord2.patss@avance.test');

		// The first coordinator records 2022-S1 with a women/men split that does not add up…
		await openCourseIndicator(first);
		// 460 of 600 so far: judged at 2021-S2, and 2022-S1 is named as the update still missing.
		expect(await headerStatus(first)).toContain('En buen camino');
		expect(await first.getByTestId('update-overdue').textContent()).toContain('Actualización atrasada (2022-S1)');
		// The form opens on the latest ended period, the one now due.
		expect(await first.locator('#choose-period option:checked').textContent()).toBe('2022-S1');
		// Choosing a period is not opening it, with JavaScript too: "Aplicar" does (review of issue 22, #20).
		expect(await first.getByTestId('choose-period-show').textContent()).toBe('Aplicar');
		const form = first.getByTestId('value-form');
		await form.getByLabel('Total').fill('150');
		await form.getByLabel('Mujeres').fill('80');
		await form.getByLabel('Hombres').fill('60');
		await form.getByRole('button', { name: 'Guardar y enviar a revisión' }).click();
		// …is told so next to the total, and keeps what was typed.
		await expect.poll(() => form.locator('#value-total-error').textContent()).toContain('no es igual a mujeres + hombres + otro (140)');
		expect(await form.getByLabel('Mujeres').inputValue()).toBe('80');

		await form.getByLabel('Hombres').fill('70');
		await form.getByRole('button', { name: 'Guardar y enviar a revisión' }).click();
		await expect.poll(() => first.getByTestId('notice').textContent()).toBe('Valor enviado a revisión.');
		expect(await periodRow(first, '2022-S1').textContent()).toContain('Enviado');

		// The second coordinator finds it under "needs my action" and returns it with a note.
		await second.goto(`${env.app.url}/programmes/patss/results?mine=1`);
		const queue = second.getByTestId('needs-my-action');
		expect(await queue.textContent()).toContain('5.1-3');
		await queue.getByRole('link', { name: /5\.1-3/ }).click();
		await second.waitForURL(/\/indicators\/\d+/);
		await second.getByLabel('Nota para quien registró el valor').fill('Adjunte el reporte de IESS-EDUCA.');
		await second.getByRole('button', { name: /Devolver con una nota/ }).click();
		await expect.poll(() => second.getByTestId('notice').textContent()).toBe('Valor devuelto con su nota.');

		// The first coordinator sees the note, corrects the split and sends it again.
		await first.reload();
		expect(await first.getByTestId('return-note').textContent()).toContain('Adjunte el reporte de IESS-EDUCA.');
		await first.getByTestId('open-value').getByRole('link', { name: 'Editar' }).click();
		// Also a client-side navigation: fill the form it brings, once it has landed.
		await first.waitForURL(/[?&]period=/);
		await first.getByTestId('value-form').getByLabel('Mujeres').fill('85');
		await first.getByTestId('value-form').getByLabel('Hombres').fill('65');
		await first.getByTestId('value-form').getByLabel('Evidencia (enlace)').fill('https://educa.iess.gob.ec/reportes/2022-s1');
		await first.getByTestId('value-form').getByRole('button', { name: 'Guardar y enviar a revisión' }).click();
		await expect.poll(() => first.getByTestId('notice').textContent()).toBe('Valor enviado a revisión.');

		// The first coordinator cannot approve their own value: no approve button for them.
		expect(await first.getByRole('button', { name: /Aprobar/ }).count()).toBe(0);

		// The second coordinator approves, seeing what they asked for when they returned it; the status chip changes.
		await second.reload();
		expect(await second.getByTestId('returned-before').textContent()).toContain('Adjunte el reporte de IESS-EDUCA.');
		expect(await headerStatus(second)).toContain('En buen camino');
		await second.getByRole('button', { name: /Aprobar/ }).click();
		await expect.poll(() => second.getByTestId('notice').textContent()).toBe('Valor aprobado.');
		await expect.poll(() => headerStatus(second)).toContain('Logrado');
		expect(await second.getByTestId('update-overdue').count()).toBe(0);
		expect(await periodRow(second, '2022-S1').locator('[data-testid="actual"]').textContent()).toContain('150');

		// A donor sees the approved value, but no draft, no value form and no internal comments.
		const donor = await userPage('donor.iess@avance.test');
		await openCourseIndicator(donor);
		expect(await headerStatus(donor)).toContain('Logrado');
		expect(await periodRow(donor, '2022-S1').textContent()).toContain('Aprobado');
		expect(await donor.getByTestId('value-form').count()).toBe(0);
		expect(await donor.getByTestId('comments').count()).toBe(0);
		expect(await donor.getByTestId('history').count()).toBe(0);
		// Indicator 4.2-1 has a value waiting for review: the donor sees neither it nor its state.
		await donor.goto(`${env.app.url}/programmes/patss/results`);
		expect(await donor.locator('[data-code="4.2-1"]').textContent()).not.toContain('Enviado');
		await donor.locator('[data-code="4.2-1"] a').click();
		await donor.waitForURL(/\/indicators\/\d+/);
		expect(await periodRow(donor, '2022-S1').textContent()).toContain('Sin valor');
		expect(await donor.content()).not.toContain('Sesiones de acompañamiento');

		for (const p of [first, second, donor]) await p.context().close();
	});

	it('draws the actual-against-target chart and offers the period table beside it, in English too', async () => {
		const page = await userPage('evaluator@avance.test');
		await page.getByRole('button', { name: /EN/ }).click();
		await page.goto(`${env.app.url}/programmes/patss/results?key=1`);
		await page.locator('[data-code="M3-1"] a').click();
		await page.waitForURL(/\/indicators\/\d+/);
		// A key indicator: its English title is in the seed.
		expect(await page.locator('h1').textContent()).toContain("Affiliation rate of self-employed workers to IESS's General Insurance");
		await expect.poll(() => page.locator('.chart canvas').evaluate((c: HTMLCanvasElement) => c.width > 0)).toBe(true);
		expect(await page.getByRole('img', { name: /Chart of M3-1/ }).count()).toBe(1);
		expect(await page.getByTestId('period-table').locator('caption').textContent()).toBe('Periods');
		expect(await headerStatus(page)).toContain('Off track');
		await page.context().close();
	});

	it('uploads a 2 MB PDF as evidence through the real server, and the team can open it', async () => {
		const page = await userPage('coord.patss@avance.test');
		await page.goto(`${env.app.url}/programmes/patss/results`);
		await page.locator('[data-code="M1-3"] a').click();
		await page.waitForURL(/\/indicators\/\d+/);
		expect(await page.locator('#choose-period option:checked').textContent()).toBe('2022-S1');
		const form = page.getByTestId('value-form');
		await form.getByLabel('Avance observado').fill('El Consejo Nacional Electoral aún no convoca la elección.');
		const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
		await form.getByLabel('Evidencia (archivo)').setInputFiles({ name: 'acta consejo.pdf', mimeType: 'application/pdf', buffer: pdf });
		// The server's answer first: a refusal then fails here, saying what it was, rather than as a
		// notice that never comes (each poll of it waits Playwright's 30 s).
		const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).search.includes('/save'));
		await form.getByRole('button', { name: 'Guardar borrador' }).click();
		expect(await (await answer).json()).toMatchObject({ type: 'redirect' });
		await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Valor guardado como borrador.');
		const link = page.getByRole('link', { name: 'Abrir acta consejo.pdf' });
		const href = await link.getAttribute('href');
		const response = await page.request.get(`${env.app.url}${href}`);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('application/pdf');
		expect((await response.body()).byteLength).toBe(pdf.byteLength);
		await page.context().close();
	});
});

describe('a missing update, in both languages', () => {
	it('shows an English-speaking donor "update overdue" beside the indicator, its period, and the count in the summary', async () => {
		const donor = await env.signedInPage('donor.eu@avance.test');
		await donor.goto(`${env.app.url}/programmes/ecuador-desempleo-ue/results`);
		const row = donor.locator('[data-testid="indicator-row"][data-code="EC-4"]');
		expect(await row.getByTestId('update-overdue').textContent()).toContain('Update overdue (2023-S2)');
		expect(await row.textContent()).not.toContain('No data');
		expect(await donor.getByTestId('updates-overdue').textContent()).toMatch(/Updates overdue\s*1/);
		await donor.goto(`${env.app.url}/`);
		expect(await donor.getByTestId('portfolio-updates-overdue').first().textContent()).toContain('Updates overdue');
		await donor.context().close();
	});
});

describe('without JavaScript', () => {
	it('keeps a refused value on the period it was for, so the corrected one is saved there', async () => {
		const context = await env.browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await signIn(page, env.app.url, 'coord.patss@avance.test');
		await page.goto(`${env.app.url}/programmes/patss/results`);
		const href = await page.locator('[data-testid="indicator-row"][data-code="5.1-3"] a').first().getAttribute('href');
		// 2020-S2 is not the default period of the value form (2022-S1 is): choose it through the address.
		await page.goto(`${env.app.url}${href}`);
		const periodId = await page.locator('#choose-period option', { hasText: '2020-S2' }).getAttribute('value');
		await page.goto(`${env.app.url}${href}?period=${periodId}#record`);
		const form = page.getByTestId('value-form');
		await form.getByLabel('Total').fill('150');
		await form.getByLabel('Mujeres').fill('80');
		await form.getByLabel('Hombres').fill('60');
		await form.getByRole('button', { name: 'Guardar borrador' }).click();
		expect(await page.locator('#value-total-error').textContent()).toContain('no es igual');
		await page.getByTestId('value-form').getByLabel('Hombres').fill('70');
		await page.getByTestId('value-form').getByRole('button', { name: 'Guardar borrador' }).click();
		expect(await page.getByTestId('notice').textContent()).toBe('Valor guardado como borrador.');
		expect(await page.locator('[data-testid="period-row"][data-period="2020-S2"]').textContent()).toContain('Borrador');
		expect(await page.locator('[data-testid="period-row"][data-period="2022-S1"]').textContent()).not.toContain('Borrador');
		await context.close();
	});

	it('shows the notice on the results page after an indicator is deleted', async () => {
		const page = await env.signedInPage('coord.patss@avance.test');
		await page.goto(`${env.app.url}/programmes/patss/results?notice=deleted`);
		expect(await page.getByTestId('notice').textContent()).toBe('Se eliminó.');
		await page.context().close();
	});
});

describe('small things that matter', () => {
	it('draws charts without animation for a reader who prefers reduced motion, and empties the comment box once posted', async () => {
		const context = await env.browser.newContext({ reducedMotion: 'reduce' });
		const page = await context.newPage();
		await signIn(page, env.app.url, 'evaluator@avance.test');
		await openCourseIndicator(page);
		await expect.poll(() => page.locator('.chart').first().getAttribute('data-animated')).toBe('false');
		const box = page.locator('#comment-body');
		await box.fill('¿Se incluyen los cursos de 2021-S2?');
		await page.locator('form[action="?/comment"] button').click();
		await expect.poll(() => page.getByTestId('comments').textContent()).toContain('¿Se incluyen los cursos de 2021-S2?');
		expect(await box.inputValue()).toBe('');
		await context.close();
	});
});

describe('needs my action, in Chromium', () => {
	it('lists what waits for a coordinator, in Spanish and English, each item a link to where it is dealt with', async () => {
		const page = await env.signedInPage('coord.patss@avance.test');
		await page.getByRole('link', { name: 'Requiere mi acción' }).click();
		await page.waitForURL(/\/inbox$/);
		const patss = page.locator('[data-testid="inbox-programme"][data-slug="patss"]');
		await expect.poll(() => patss.locator('[data-testid="inbox-item"]').count()).toBeGreaterThan(1);
		// The header counts the same items, across all the coordinator's programmes.
		const total = await page.locator('[data-testid="inbox-item"]').count();
		await expect.poll(() => page.getByTestId('inbox-count').textContent()).toBe(String(total));
		// IMP-2's latest approved value is from 2020-S2; 2022-S1 still waits (5.1-3 was done above).
		const due = patss.locator('[data-testid="inbox-item"][data-kind="due"]').filter({ hasText: 'IMP-2' });
		expect(await due.textContent()).toContain('Valor pendiente del último periodo');
		expect(await due.textContent()).toContain('2022-S1');
		await due.getByRole('link').click();
		await page.waitForURL(/\/indicators\/\d+\?period=\d+#record$/);
		expect(await page.getByTestId('value-form').count()).toBe(1);
		await page.goto(`${env.app.url}/inbox`);
		await page.locator('form.lang-switch button[value="en"]').first().click();
		await expect.poll(() => page.locator('h1').textContent()).toBe('Needs my action');
		expect(await patss.locator('[data-testid="inbox-item"][data-kind="due"]').first().textContent()).toContain(
			'Value due for the last period'
		);
		await page.context().close();
	});
});
