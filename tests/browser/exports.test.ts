import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { validateIati } from '$lib/server/exchange/iati-validate';
import { appInChromium } from '../helpers/browser';

// A donor downloads the IPTT workbook and the IATI file from the results page's Export area.

const env = appInChromium();

async function downloadFrom(page: Page, linkName: RegExp): Promise<{ name: string; bytes: Buffer }> {
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
	const path = await download.path();
	return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

describe('the Export area, in Chromium', () => {
	it('lets a donor download the IPTT workbook and the seeded programme’s valid IATI file, and says so when the fact sheet has no IATI identifier', async () => {
		const page = await env.signedInPage('donor.iess@avance.test');
		await page.goto(`${env.app.url}/programmes/patss/results`);
		const area = page.getByTestId('export-links');
		await expect.poll(() => area.getByRole('heading').textContent()).toBe('Exportar');
		const iptt = await downloadFrom(page, /IPTT/);
		expect(iptt.name).toMatch(/^patss-iptt-\d{4}-\d{2}-\d{2}\.xlsx$/);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(iptt.bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['IPTT', 'Fuentes', 'Notas', 'Cambios', 'Finanzas', 'Acerca de']);
		expect(workbook.getWorksheet('Acerca de')!.getColumn(2).values).toContain('Solo valores aprobados');

		// The seeded PATSS carries an illustrative IATI identifier (seed/iati.ts): its file, with the budgets and expenditure.
		const iati = await downloadFrom(page, /IATI 2\.03/);
		expect(iati.name).toMatch(/^patss-iati-\d{4}-\d{2}-\d{2}\.xml$/);
		const xml = iati.bytes.toString('utf8');
		expect(xml).toContain('<iati-identifier>XM-DAC-41302-DEMO-ECU-PATSS</iati-identifier>');
		expect(xml).toMatch(/<budget type="1"/);
		expect(xml).toMatch(/<transaction-type code="4"\/>/);
		expect(await validateIati(xml)).toEqual({ valid: true, errors: [] });

		// Without an identifier on the fact sheet the page says so instead of offering a file.
		const db = new Database(env.app.databasePath);
		try {
			db.prepare("UPDATE programme SET iati_identifier = NULL, iati_reporting_org = NULL WHERE slug = 'patss'").run();
		} finally {
			db.close();
		}
		await page.reload();
		expect(await area.getByTestId('iati-missing').textContent()).toContain('no tiene identificador IATI');
		expect(await area.getByRole('link', { name: /IATI/ }).count()).toBe(0);
	});

	it('lets a coordinator add the values not yet approved, by keyboard, and says so in the workbook', async () => {
		const page = await env.signedInPage('coord.patss@avance.test');
		await page.goto(`${env.app.url}/programmes/patss/results`);
		const area = page.getByTestId('export-links');
		await area.getByLabel('Incluir valores aún no aprobados (marcados como tales)').focus();
		await page.keyboard.press('Space');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			area.getByRole('button', { name: 'Descargar IPTT' }).press('Enter')
		]);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await readFile(await download.path())) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
		const keys = workbook.getWorksheet('IPTT')!.getRow(1).values as unknown[];
		expect(keys.some((k) => String(k).endsWith('.open_state'))).toBe(true);
		expect(
			workbook
				.getWorksheet('Acerca de')!
				.getColumn(2)
				.values.map(String)
				.some((v) => v.startsWith('Valores aprobados y'))
		).toBe(true);
	});
});
