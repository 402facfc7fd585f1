import { createHash } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTLINES } from '$lib/reports/outline';
import { appInChromium, signIn } from '../helpers/browser';

// The report journey of issue 11 (the tests share one database, in this order): a donor
// downloads the seeded issued PDF and cannot open the seeded draft; then the evaluator finishes the seeded PATSS draft, previews it in
// both languages, issues it and downloads its files; the coordinator then finds the period locked.

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

const DRAFT_TITLE = 'Informe de avance del PATSS, julio – diciembre 2020';
const ISSUED_TITLE = 'Informe de avance del PATSS, octubre 2018 – junio 2020';

async function reportHref(title: string): Promise<string> {
	await page.goto(`${env.app.url}/programmes/patss/reports`);
	const href = await page.getByRole('link', { name: title }).getAttribute('href');
	expect(href).toMatch(/\/programmes\/patss\/reports\/\d+$/);
	return href!;
}

describe('reports, in Chromium', () => {
	it('a donor downloads the issued PDF and gets 404 on a draft and its preview', async () => {
		await signIn(page, env.app.url, 'evaluator@avance.test');
		const draft = await reportHref(DRAFT_TITLE);
		await context.clearCookies();
		await signIn(page, env.app.url, 'donor.iess@avance.test');
		const issued = await reportHref(ISSUED_TITLE);
		expect(await page.getByRole('link', { name: DRAFT_TITLE }).count()).toBe(0);
		await page.goto(`${env.app.url}${issued}`);
		const link = page.getByTestId('download-1-es-pdf');
		const pdf = await page.request.get(`${env.app.url}${await link.getAttribute('href')}`);
		expect(pdf.status()).toBe(200);
		expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
		expect((await page.goto(`${env.app.url}${draft}`))?.status()).toBe(404);
		expect((await page.goto(`${env.app.url}${draft}/preview?lang=es`))?.status()).toBe(404);
		expect((await page.goto(`${env.app.url}${issued}/preview?lang=en`))?.status()).toBe(404);
		expect((await page.request.get(`${env.app.url}${draft}/issues/1/report-es.pdf`)).status()).toBe(404);
	});

	it('an evaluator finishes the draft and previews it in es and en', async () => {
		await signIn(page, env.app.url, 'evaluator@avance.test');
		const href = await reportHref(DRAFT_TITLE);
		await page.goto(`${env.app.url}${href}`);
		await expect.poll(() => page.locator('h1').textContent()).toBe(DRAFT_TITLE);
		expect(await page.getByTestId('blockers').textContent()).toContain('falta la narrativa');

		// Finish what the seed left undone (the effectiveness narrative, the impact rating); the
		// citation helper inserts a record's code at the cursor.
		let saved = 0;
		for (const o of OUTLINES.oecd_dac) {
			const section = page.getByTestId(`section-${o.key}`);
			const es = section.locator('textarea[name="narrativeEs"]');
			const narrativeMissing = (await es.inputValue()).trim() === '';
			const ratingMissing = o.rated && (await section.locator('select[name="rating"]').inputValue()) === '';
			if (!narrativeMissing && !ratingMissing) continue;
			if (narrativeMissing) {
				await es.fill(`Texto del evaluador para ${o.key}, con acentos y eñe. Véase `);
				await page.getByTestId('citation-helper').locator('summary').click();
				// The records come from the search endpoint as one types (issue 18 §3), not with the page.
				await page.locator('#cite-search').fill('5.1-3');
				await expect.poll(() => page.getByTestId('cite-count').textContent()).toMatch(/\d+ de \d+ registros coinciden/);
				await es.click();
				await es.press('End');
				await page.getByTestId('cite-indicator:5.1-3').click();
				expect(await es.inputValue()).toContain('[[indicator:5.1-3]]');
				await section.locator('textarea[name="narrativeEn"]').fill(`Evaluator text for ${o.key}.`);
			}
			if (ratingMissing) {
				await section.locator('select[name="rating"]').selectOption('satisfactory');
				await section.locator('textarea[name="justificationEs"]').fill('Justificación ilustrativa.');
				await section.locator('textarea[name="justificationEn"]').fill('Illustrative justification.');
			}
			await section.getByTestId(`save-${o.key}`).click();
			await page.waitForURL(new RegExp(`notice=sectionSaved#section-${o.key}$`));
			saved++;
		}
		expect(saved).toBe(2);
		await expect.poll(() => page.getByTestId('blockers').textContent()).toContain('Nada impide emitir');

		// Preview in both languages.
		await page.getByTestId('preview-es').click();
		await page.waitForURL(/preview\?lang=es/);
		await expect.poll(() => page.getByTestId('report-preview').locator('h1').textContent()).toContain('julio – diciembre 2020');
		expect(await page.getByTestId('report-preview').textContent()).toContain('Texto del evaluador para effectiveness');
		// A long table reads a part at a time (issue 18 §3): on to the second part of the records
		// cited by its link, then back to the first with the form, from the keyboard.
		const parts = page.getByTestId('parts-annex-records-cited-table');
		expect(await parts.textContent()).toContain('parte 1 de');
		await page.getByTestId('parts-next-annex-records-cited-table').click();
		await page.waitForURL(/table=annex-records-cited-table&part=2/);
		await expect.poll(() => parts.textContent()).toContain('parte 2 de');
		await parts.getByLabel('Parte a mostrar').selectOption('1');
		await parts.getByLabel('Parte a mostrar').press('Tab');
		await page.keyboard.press('Enter');
		await page.waitForURL(/table=annex-records-cited-table&part=1/);
		await expect.poll(() => parts.textContent()).toContain('parte 1 de');
		await page.getByTestId('preview-switch-en').click();
		await page.waitForURL(/preview\?lang=en/);
		await expect.poll(() => page.getByTestId('report-preview').locator('h1').textContent()).toContain('July – December 2020');
		expect(await page.getByTestId('report-preview').textContent()).toContain('Evaluator text for effectiveness.');
	});

	it('the evaluator issues it and downloads its files; the coordinator then cannot change a value of its period', async () => {
		await signIn(page, env.app.url, 'evaluator@avance.test');
		const href = await reportHref(DRAFT_TITLE);
		// Issue, then download the files: each is the stored one, with its fingerprint.
		await page.goto(`${env.app.url}${href}`);
		await page.getByTestId('issue-report').click();
		// The action answers at once with the render job recorded; the page follows it without a reload.
		await page.waitForURL(/notice=reportQueued/);
		await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
		const job = page.getByTestId('issue-job');
		expect(['queued', 'rendering', 'done']).toContain(await job.getAttribute('data-state'));
		await expect.poll(() => job.getAttribute('data-state'), { timeout: 300_000, interval: 500 }).toBe('done');
		await expect.poll(() => page.getByTestId('report-status').textContent()).toBe('Emitido');
		expect(await page.getByTestId('issue-job-status').textContent()).toContain('Emitido: emisión 1');
		expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
		const hash = (await page.getByTestId('issue-hash-1').textContent())!.trim();
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		const json = await page.request.get(`${env.app.url}${href}/issues/1/snapshot.json`);
		expect(
			createHash('sha256')
				.update(await json.body())
				.digest('hex')
		).toBe(hash);
		for (const file of ['report-es.pdf', 'report-en.pdf', 'report-es.docx', 'report-en.docx']) {
			const response = await page.request.get(`${env.app.url}${href}/issues/1/${file}`);
			expect(response.status()).toBe(200);
			const body = await response.body();
			expect(body.subarray(0, 4).toString('latin1')).toBe(file.endsWith('.pdf') ? '%PDF' : 'PK\u0003\u0004');
			expect(createHash('sha256').update(body).digest('hex')).toBe(response.headers()['x-content-sha256']);
		}
		// The editor is now read-only.
		expect(await page.locator('textarea[name="narrativeEs"]').count()).toBe(0);

		// The coordinator finds 2020-S2 locked on an indicator's value form.
		const coordinator = await env.browser.newContext();
		const cpage = await coordinator.newPage();
		await signIn(cpage, env.app.url, 'coord.patss@avance.test');
		await cpage.goto(`${env.app.url}/programmes/patss/results`);
		const indicator = await cpage.locator('[data-testid="indicator-row"][data-code="5.1-3"] a').first().getAttribute('href');
		await cpage.goto(`${env.app.url}${indicator}`);
		const periodId = await cpage.locator('#choose-period option', { hasText: '2020-S2' }).getAttribute('value');
		await cpage.goto(`${env.app.url}${indicator}?period=${periodId}#record`);
		await expect.poll(() => cpage.locator('body').textContent()).toContain('El periodo está cerrado: su informe ya se emitió.');
		await coordinator.close();
		// Rendering four files in worker threads takes a while on a loaded machine.
	}, 420_000);
});
