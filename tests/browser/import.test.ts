import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appInChromium } from '../helpers/browser';

const env = appInChromium();

/** Clicks a download link or button and opens the workbook it brings. */
async function download(page: Page, click: () => Promise<void>): Promise<ExcelJS.Workbook> {
	const [file] = await Promise.all([page.waitForEvent('download'), click()]);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.readFile((await file.path())!);
	return wb;
}

function cells(sheet: ExcelJS.Worksheet, code: string, values: Record<string, ExcelJS.CellValue>) {
	const header: Record<string, number> = {};
	sheet.getRow(1).eachCell((c, i) => (header[String(c.value)] = i));
	sheet.eachRow((row) => {
		if (row.getCell(header['Código']!).value !== code) return;
		for (const [name, value] of Object.entries(values)) row.getCell(header[name]!).value = value;
	});
}

const upload = async (page: Page, label: string, wb: ExcelJS.Workbook, name: string) =>
	page.getByLabel(label).setInputFiles({
		name,
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: Buffer.from(await wb.xlsx.writeBuffer())
	});

describe('importing from a workbook, in Chromium', () => {
	it('a coordinator downloads the template, uploads it with two bad rows, sees the errors, fixes them and imports', async () => {
		const page = await env.signedInPage('coord.patss@avance.test');
		await page.goto(`${env.app.url}/programmes/patss/results`);
		await page.getByRole('link', { name: 'Importar valores o marco lógico' }).click();
		await page.waitForURL(/\/programmes\/patss\/import$/);
		await page.getByLabel('Periodo de la plantilla').selectOption({ label: '2022-S1' });
		const wb = await download(page, () => page.getByTestId('download-template').click());
		const sheet = wb.worksheets.find((s) => s.name !== 'avance')!;

		cells(sheet, '5.1-3', { 'Valor real': 150, Mujeres: 80, Hombres: 60 });
		cells(sheet, 'M1-2', { 'Valor real': 'treinta' });
		await upload(page, 'Archivo (.xlsx o .csv)', wb, 'valores-2022-S1.xlsx');
		await page.getByRole('button', { name: 'Revisar el archivo' }).first().click();
		await expect.poll(() => page.getByTestId('values-counts').textContent()).toContain('con errores: 2');
		const rows = page.getByTestId('values-rows');
		expect(await rows.textContent()).toContain('no es igual a mujeres + hombres');
		expect(await rows.textContent()).toContain('Hay texto donde va un número.');
		expect(await page.getByRole('button', { name: /Confirmar la importación/ }).count()).toBe(0);
		const annotated = await download(page, () => page.getByTestId('download-annotated').click());
		expect(annotated.worksheets[0]!.getRow(1).values).toContain('Errores de la importación');

		cells(sheet, '5.1-3', { Hombres: 70 });
		cells(sheet, 'M1-2', { 'Valor real': 30 });
		await upload(page, 'Archivo (.xlsx o .csv)', wb, 'valores-2022-S1.xlsx');
		await page.getByRole('button', { name: 'Revisar el archivo' }).first().click();
		await expect.poll(() => page.getByTestId('values-counts').textContent()).toContain('Filas para guardar: 2');
		expect(await page.getByTestId('values-counts').textContent()).toContain('con errores: 0');
		await page.getByRole('button', { name: /Confirmar la importación/ }).click();
		await page.waitForURL(/notice=imported/);
		await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Importación guardada.');

		await page.goto(`${env.app.url}/programmes/patss/results`);
		await page.locator('[data-code="5.1-3"] a').click();
		await page.waitForURL(/\/indicators\/\d+/);
		const period = page.locator('[data-testid="period-row"][data-period="2022-S1"]');
		const text = await period.textContent();
		expect(text).toContain('Borrador');
		expect(text).toMatch(/\b150\b/);
		await page.context().close();
	});

	it('an admin creates a programme, adds its periods and imports its logframe', async () => {
		const admin = await env.signedInPage('admin@avance.test');
		await admin.goto(`${env.app.url}/admin/programmes/new`);
		await admin.locator('#p-code').fill('HND/26/01/RBS');
		await admin.locator('#p-slug').fill('honduras-pps');
		await admin.locator('#p-short').fill('Honduras PPS');
		await admin.locator('#p-title').fill('Piso de protección social en Honduras');
		await admin.locator('#p-country').fill('Honduras');
		await admin.locator('#p-currency').fill('USD');
		await admin.locator('#p-start').fill('2026-01-01');
		await admin.locator('#p-end').fill('2027-12-31');
		await admin.getByRole('button', { name: 'Crear el programa' }).click();
		await admin.waitForURL(/\/programmes\/honduras-pps\/setup/);

		await admin.goto(`${env.app.url}/programmes/honduras-pps/periods`);
		for (const [label, start, end] of [
			['2026-S2', '2026-07-01', '2026-12-31'],
			['2027-S2', '2027-07-01', '2027-12-31']
		]) {
			await admin.locator('#new-period-label').fill(label!);
			await admin.locator('#new-period-start').fill(start!);
			await admin.locator('#new-period-end').fill(end!);
			await admin.getByRole('button', { name: 'Añadir periodo' }).last().click();
			await admin.waitForURL(/notice=created/);
			await expect.poll(() => admin.getByTestId(`period-${label}`).count()).toBe(1);
		}

		await admin.goto(`${env.app.url}/programmes/honduras-pps/import`);
		const wb = await download(admin, () => admin.getByTestId('download-logframe').click());
		const indicators = wb.getWorksheet('Indicadores')!;
		const headers = (indicators.getRow(1).values as unknown[]).slice(1);
		// The period columns, then the indicator library's code (issue 25); issue 22's columns (key flag,
		// framework codes, English texts, women and men per period) come after it.
		const first = headers.indexOf('2026-S2');
		expect(headers.slice(first, first + 3)).toEqual(['2026-S2', '2027-S2', 'Código en la biblioteca']);
		expect(headers.slice(-2)).toEqual(['2027-S2 · mujeres', '2027-S2 · hombres']);
		wb.getWorksheet('Módulos')!.addRow(['M1', 'Cobertura', '']);
		wb.getWorksheet('Productos')!.addRow(['M1', '1.1', 'Registro social', '']);
		wb.getWorksheet('Actividades')!.addRow(['1.1', '1.1.1', 'Talleres', new Date('2026-03-01'), new Date('2026-05-31'), 'planned', 0, '']);
		indicators.addRow([
			'M1',
			null,
			'M1-1',
			'Personas cubiertas',
			'',
			'personas',
			'number',
			'increase',
			'cumulative',
			0,
			null,
			'',
			1000,
			'',
			'semiannual',
			'',
			'no',
			0,
			'',
			400,
			1000,
			''
		]);
		await upload(admin, 'Archivo del marco lógico (.xlsx)', wb, 'marco.xlsx');
		await admin.getByRole('button', { name: 'Revisar el archivo' }).last().click();
		await expect.poll(() => admin.getByTestId('logframe-counts').textContent()).toContain('4 nuevos');
		await admin.getByRole('button', { name: 'Confirmar la importación del marco lógico' }).click();
		await admin.waitForURL(/notice=imported/);

		await admin.goto(`${env.app.url}/programmes/honduras-pps/results`);
		await expect.poll(() => admin.locator('[data-code="M1-1"]').count()).toBeGreaterThan(0);
		expect(await admin.locator('main').textContent()).toContain('Personas cubiertas');
		await admin.context().close();
	});
});
