import { describe, expect, it } from 'vitest';
import { appInChromium } from '../helpers/browser';

const env = appInChromium();

// Issue 20's third journey: an evaluator writing the efficiency section of the PATSS draft cites
// the delivery rate with the citation helper; the preview prints the figure beside the citation,
// and the citation links to its record, which leads to the Finance tab.

const DRAFT_TITLE = 'Informe de avance del PATSS, julio – diciembre 2020';

describe('citing the delivery rate, in Chromium', () => {
	it('an evaluator cites the delivery rate in the efficiency narrative; the preview shows the figure and links to its record', async () => {
		const page = await env.signedInPage('evaluator@avance.test');
		await page.goto(`${env.app.url}/programmes/patss/reports`);
		const href = await page.getByRole('link', { name: DRAFT_TITLE }).getAttribute('href');
		await page.goto(`${env.app.url}${href}`);
		const section = page.getByTestId('section-efficiency');
		const es = section.locator('textarea[name="narrativeEs"]');
		await es.fill('La ejecución financiera llegó a ');
		await page.getByTestId('citation-helper').locator('summary').click();
		await page.locator('#cite-search').fill('Ejecución del presupuesto');
		const cite = page.getByTestId('cite-finance:delivery');
		await cite.waitFor();
		await es.click();
		await es.press('End');
		await cite.click();
		expect(await es.inputValue()).toBe('La ejecución financiera llegó a [[finance:delivery]]');
		await section.locator('textarea[name="narrativeEn"]').fill('Budget delivery reached [[finance:delivery]]');
		await section.getByTestId('save-efficiency').click();
		await page.waitForURL(/notice=sectionSaved#section-efficiency$/);

		await page.getByTestId('preview-es').click();
		await page.waitForURL(/preview\?lang=es/);
		const preview = page.getByTestId('report-preview');
		const sentence = preview.locator('p', { hasText: 'La ejecución financiera llegó a' });
		// The figure, then the citation: "62 % (Ejecución del presupuesto)".
		expect(await sentence.textContent()).toMatch(/La ejecución financiera llegó a \d+\s%\s\(Ejecución del presupuesto\)/);
		const link = sentence.getByRole('link', { name: 'Ejecución del presupuesto' });
		const target = (await link.getAttribute('href'))!;
		expect(target).toBeTruthy();
		// The link leads to the record: the annex entry of records cited, which names the Finance tab.
		await link.click();
		if (target.startsWith('#')) {
			const entry = page.locator(`[id="${decodeURIComponent(target.slice(1))}"]`);
			expect(await entry.count()).toBe(1);
			expect(await entry.textContent()).toContain('Ejecución del presupuesto');
		} else {
			await page.waitForURL(/\/programmes\/patss\/finance/);
		}
		await page.context().close();
	});
});
