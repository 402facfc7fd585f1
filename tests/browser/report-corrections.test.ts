import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportSnapshot } from '$lib/reports/snapshot';
import { appInChromium, signIn } from '../helpers/browser';

// Issue 19 in Chromium (the tests share one database, in this order): the evaluator reopens the
// seeded issued PATSS report for a correction, cites a value with a
// wrong figure typed before it (listed, blocking), fixes it, sees "36 (EC-3, 2021-S2)"-style
// citations in the preview, and issues; the donor then finds issue 1 marked superseded, in words,
// with a link to issue 2, on the report page and in the list.

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

const ISSUED_TITLE = 'Informe de avance del PATSS, octubre 2018 – junio 2020';
let href = '';

async function reportHref(): Promise<string> {
	await page.goto(`${env.app.url}/programmes/patss/reports`);
	const link = await page.getByRole('link', { name: ISSUED_TITLE }).getAttribute('href');
	expect(link).toMatch(/\/programmes\/patss\/reports\/\d+$/);
	return link!;
}

describe('a correction, in Chromium', () => {
	it('the evaluator corrects the issued report with a cited figure and issues it', async () => {
		await signIn(page, env.app.url, 'evaluator@avance.test');
		href = await reportHref();
		// A number value the issued report holds, from its snapshot.
		const snapshot = (await (await page.request.get(`${env.app.url}${href}/issues/1/snapshot.json`)).json()) as ReportSnapshot;
		const indicator = snapshot.indicators.find((i) => i.measure === 'number' && i.periods.some((p) => p.valueKey && p.value !== null))!;
		const period = indicator.periods.find((p) => p.valueKey && p.value !== null)!;
		const label = snapshot.allPeriods.find((p) => p.id === period.periodId)!.label;
		const cite = `[[${period.valueKey}]]`;

		await page.goto(`${env.app.url}${href}`);
		// Review 4, F14: an empty reason is refused with the field's message on the first try.
		await page.getByRole('button', { name: 'Abrir una corrección' }).click();
		await expect.poll(() => page.locator('#reopen-reason-error li').allTextContents()).toContain('Este campo es obligatorio.');
		expect(await page.getByTestId('report-status').textContent()).toBe('Emitido');
		await page.locator('#reopen-reason').fill('Falta la cifra de afiliación en el resumen.');
		await page.getByRole('button', { name: 'Abrir una corrección' }).click();
		await expect.poll(() => page.getByTestId('report-status').textContent()).toBe('Borrador');

		const summary = page.getByTestId('section-executive_summary');
		const es = summary.locator('textarea[name="narrativeEs"]');
		const original = await es.inputValue();
		await es.fill(`${original}\n\nLa cifra fue ${period.value! + 999} ${cite}.`);
		await summary.getByTestId('save-executive_summary').click();
		await page.waitForURL(/notice=sectionSaved/);
		await expect.poll(() => page.getByTestId('blockers').textContent()).toContain('no coincide con el valor citado');

		await page
			.getByTestId('section-executive_summary')
			.locator('textarea[name="narrativeEs"]')
			.fill(`${original}\n\nLa cifra fue ${cite}.`);
		await page.getByTestId('section-executive_summary').getByTestId('save-executive_summary').click();
		await page.waitForURL(/notice=sectionSaved/);
		await expect.poll(() => page.getByTestId('blockers').textContent()).toContain('Nada impide emitir');

		await page.getByTestId('preview-es').click();
		await page.waitForURL(/preview\?lang=es/);
		const reference = `${indicator.code}, ${label}`;
		await expect.poll(() => page.getByTestId('report-preview').textContent()).toContain(`(${reference})`);
		expect(await page.getByTestId('report-preview').getByRole('link', { name: reference, exact: true }).count()).toBeGreaterThan(0);

		await page.goto(`${env.app.url}${href}`);
		await page.getByTestId('issue-report').click();
		await page.waitForURL(/notice=reportQueued/);
		await expect.poll(() => page.getByTestId('issue-job').getAttribute('data-state'), { timeout: 400_000, interval: 1000 }).toBe('done');
		await expect.poll(() => page.getByTestId('report-status').textContent()).toBe('Emitido');
		// Review 4, F18: once the job panel says "completed", the "issuing under way" notice is gone.
		expect(await page.getByTestId('issue-job-status').textContent()).toContain('Emitido: emisión 2');
		expect(await page.locator('#main').textContent()).not.toContain('Emisión en marcha');
		await page.reload();
		expect(await page.getByTestId('issue-job').getAttribute('data-state')).toBe('done');
		expect(await page.locator('#main').textContent()).not.toContain('Emisión en marcha');
	}, 600_000);

	it('the donor sees issue 1 marked superseded, in words, linking to issue 2', async () => {
		await signIn(page, env.app.url, 'donor.iess@avance.test');
		await page.goto(`${env.app.url}${href}`);
		const mark = page.getByTestId('issue-superseded-1');
		// One phrase, not "Reemplazada Reemplazada por…" (review 4, F18).
		expect((await mark.textContent())!.replace(/\s+/g, ' ').trim()).toBe('Reemplazada por la emisión n.º 2');
		const link = mark.getByRole('link', { name: 'Reemplazada por la emisión n.º 2' });
		expect(await link.getAttribute('href')).toBe('#issue-2');
		expect(await page.getByTestId('issue-superseded-2').count()).toBe(0);
		await page.goto(`${env.app.url}/programmes/patss/reports`);
		const id = href.split('/').at(-1);
		expect(await page.getByTestId(`list-superseded-${id}-1`).textContent()).toContain('Reemplazada');
	});
});
