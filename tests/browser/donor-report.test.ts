import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUTLINES } from '$lib/reports/outline';
import { appInChromium, signIn } from '../helpers/browser';

// The donors' own formats in Chromium (issue 21): an evaluator opens a report for El Salvador,
// whose RBSA funding makes the ILO TCPR the default, writes every part of it (a cross-cutting
// driver among them), issues it and finds the driver's narrative in the issued snapshot.

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

describe('the ILO TCPR, in Chromium', () => {
	it('an evaluator chooses the TCPR for El Salvador, fills the cross-cutting drivers and issues it', async () => {
		await signIn(page, env.app.url, 'evaluator@avance.test');
		await page.goto(`${env.app.url}/programmes/el-salvador-pps/reports`);
		const form = page.getByTestId('new-report');
		// A progress report by default; its layout follows the purpose (the TCPR for RBSA funding).
		expect(await form.locator('select[name="purpose"]').inputValue()).toBe('progress');
		expect(await form.locator('select[name="layout"]').inputValue()).toBe('');
		expect(await form.locator('select[name="layout"] option').first().textContent()).toContain('TCPR');
		await form.locator('select[name="purpose"]').selectOption('evaluation');
		expect(await form.locator('select[name="layout"] option').first().textContent()).toContain('OCDE');
		await form.locator('select[name="purpose"]').selectOption('progress');
		await form.locator('input[name="titleEs"]').fill('Informe TCPR de El Salvador, enero – junio 2020');
		await form.locator('input[name="titleEn"]').fill('El Salvador TCPR, January – June 2020');
		await form.locator('label.checkbox', { hasText: '2020-S1' }).locator('input').check();
		await form.getByRole('button').last().click();
		await page.waitForURL(/notice=reportCreated/);

		const driver = 'Las mesas tripartitas revisaron la estrategia de formalización con empleadores y sindicatos.';
		for (const o of OUTLINES.ilo_tcpr) {
			// The section's own form (the outcome-progress part also holds one form per outcome).
			const section = page.getByTestId(`section-${o.key}`).locator('form[action="?/save"]');
			await section
				.locator('textarea[name="narrativeEs"]')
				.fill(o.key === 'driver_social_dialogue' ? driver : `Texto de ${o.key}, con acentos y eñe.`);
			await section
				.locator('textarea[name="narrativeEn"]')
				.fill(o.key === 'driver_social_dialogue' ? 'Tripartite tables reviewed the formalisation strategy.' : `Text of ${o.key}.`);
			await section.getByTestId(`save-${o.key}`).click();
			await page.waitForURL(new RegExp(`notice=sectionSaved#section-${o.key}$`));
		}
		// Each outcome needs its own narrative, written beside that outcome's indicators and activities.
		await expect.poll(() => page.getByTestId('blockers').textContent()).toContain('falta la narrativa del resultado M1 en español');
		const outcomes = page.locator('[data-testid^="outcome-"]');
		const count = await outcomes.count();
		expect(count).toBe(3);
		for (let n = 0; n < count; n++) {
			const outcome = outcomes.nth(n);
			const testId = (await outcome.getAttribute('data-testid'))!;
			const code = ((await outcome.locator('h5').textContent()) ?? '').trim().split(' ')[0]!;
			expect(await outcome.locator('aside table').count()).toBeGreaterThan(0);
			await outcome.getByLabel(`Narrativa de ${code} en español`).fill(`Avance propio del resultado ${code}.`);
			await outcome.getByLabel(`Narrativa de ${code} en inglés`).fill(`Own progress of outcome ${code}.`);
			await outcome.getByTestId(`save-${testId}`).click();
			await page.waitForURL(new RegExp(`notice=sectionSaved#${testId}$`));
		}
		await expect.poll(() => page.getByTestId('blockers').textContent()).toContain('Nada impide emitir');
		const href = new URL(page.url()).pathname;

		await page.getByTestId('issue-report').click();
		await page.waitForURL(/notice=reportQueued/);
		const job = page.getByTestId('issue-job');
		await expect.poll(() => job.getAttribute('data-state'), { timeout: 300_000, interval: 500 }).toBe('done');
		const json = await (await page.request.get(`${env.app.url}${href}/issues/1/snapshot.json`)).json();
		expect(json.report.layout).toBe('ilo_tcpr');
		expect(json.sections.find((s: { key: string }) => s.key === 'driver_social_dialogue').narrative.es).toBe(driver);
		expect(json.donor.outcomes.map((o: { narrative: { en: string } }) => o.narrative.en)).toEqual([
			'Own progress of outcome M1.',
			'Own progress of outcome M2.',
			'Own progress of outcome M3.'
		]);
		const pdf = await page.request.get(`${env.app.url}${href}/issues/1/report-en.pdf`);
		expect(pdf.status()).toBe(200);
	}, 480_000);

	it('the EU donor reads the seeded Peru interim report in English and never sees the draft', async () => {
		await signIn(page, env.app.url, 'donor.eu@avance.test');
		await page.goto(`${env.app.url}/programmes/peru-desempleo-ue/reports`);
		const issued = page.getByRole('link', { name: /October 2020 – June 2021|octubre 2020 – junio 2021/ });
		const href = await issued.getAttribute('href');
		expect(await page.getByRole('link', { name: /July – December 2021|julio – diciembre 2021/ }).count()).toBe(0);
		await page.goto(`${env.app.url}${href}`);
		const link = await page.getByTestId('download-1-en-pdf').getAttribute('href');
		const pdf = await page.request.get(`${env.app.url}${link}`);
		expect(pdf.status()).toBe(200);
		const file = join(mkdtempSync(join(tmpdir(), 'avance-eu-pdf-')), 'report-en.pdf');
		writeFileSync(file, await pdf.body());
		const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
		for (const part of [
			'Target groups and final beneficiaries',
			'Validity of the intervention logic',
			'Proposed logframe modifications',
			'Updated action plan',
			'Updated logframe',
			'financial assistance of the European Union'
		])
			expect(text, part).toContain(part);
		// The facts Annex VI asks for are recorded in the seed: none prints as missing.
		expect(text).not.toContain('Not recorded in the fact sheet');
		expect(text).not.toContain('Budget not recorded');
		expect(text).toMatch(/\d+ women,\s+\d+ men/);

		// The web edition fits a phone: its own long address wraps (recheck of issue 19, finding 6).
		await page.setViewportSize({ width: 390, height: 844 });
		await page.goto(`${env.app.url}${href}/issues/1?lang=en`);
		await page.locator('article.report').waitFor();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	});
});
