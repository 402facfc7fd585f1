import { describe, expect, it } from 'vitest';
import { appInChromium } from '../helpers/browser';

const env = appInChromium();

describe('administration, in Chromium', () => {
	it('an admin creates an account and gives it access to PATSS; the new person signs in and sees only PATSS', async () => {
		const admin = await env.signedInPage('admin@avance.test');
		await admin.getByRole('link', { name: 'Administración' }).click();
		await admin.waitForURL(/\/admin\/users$/);
		await admin.getByLabel('Nombre').fill('Lucía Pérez');
		await admin.getByLabel('Correo electrónico').fill('lucia.perez@ilo.org');
		await admin.getByLabel('Contraseña inicial').fill('corta');
		await admin.getByRole('button', { name: 'Crear' }).click();
		await expect.poll(() => admin.locator('#nu-password-error').textContent()).toContain('Mínimo 12 caracteres');
		expect(await admin.getByLabel('Nombre').inputValue()).toBe('Lucía Pérez');

		await admin.getByLabel('Contraseña inicial').fill('una-clave-larga-2026');
		await admin.getByRole('button', { name: 'Crear' }).click();
		await admin.waitForURL(/\/admin\/users\/\d+/);
		await admin.getByRole('combobox', { name: /^Programa/ }).selectOption({ label: 'PATSS' });
		await admin.getByLabel('Función').selectOption({ label: 'Evaluación' });
		await admin.getByRole('button', { name: 'Añadir' }).click();
		await expect.poll(() => admin.getByTestId('memberships').textContent()).toContain('PATSS');

		const lucia = await env.signedInPage('lucia.perez@ilo.org', 'una-clave-larga-2026');
		const names = await lucia.getByTestId('portfolio').locator('h2').allTextContents();
		expect(names.map((n) => n.trim())).toEqual(['PATSS']);
		expect(await lucia.getByRole('link', { name: 'Administración' }).count()).toBe(0);
		const response = await lucia.goto(`${env.app.url}/admin/users`);
		expect(response?.status()).toBe(403);

		await admin.getByRole('link', { name: 'Registro de auditoría' }).click();
		await admin.getByLabel('Texto').fill('lucia.perez');
		await admin.getByRole('button', { name: 'Aplicar' }).click();
		await expect.poll(() => admin.getByTestId('audit-entries').textContent()).toContain('lucia.perez@ilo.org');
	});

	it('an admin changes the PATSS fact-sheet budget, is told about a bad one next to the field, and the fact sheet keeps it', async () => {
		const admin = await env.signedInPage('admin@avance.test');
		await admin.goto(`${env.app.url}/admin/programmes`);
		await admin.getByTestId('admin-programmes').getByRole('link', { name: 'PATSS' }).click();
		await admin.waitForURL(/\/admin\/programmes\/\d+$/);
		const factSheet = admin.url();
		await admin.getByLabel('Presupuesto', { exact: true }).fill('1.500.000');
		await admin.getByRole('button', { name: 'Guardar la ficha' }).click();
		await expect.poll(() => admin.locator('#p-budget-error').textContent()).toContain('separador');
		await admin.getByLabel('Presupuesto', { exact: true }).fill('1500000');
		await admin.getByRole('button', { name: 'Guardar la ficha' }).click();
		await expect.poll(() => admin.getByTestId('notice').textContent()).toBe('Cambios guardados.');
		// The fact sheet keeps the figure typed; the programme's pages print the budget lines' total in
		// force where the programme has lines (one rule, finance-rules programmeBudgetMinor), as PATSS does.
		await admin.goto(factSheet);
		expect(await admin.getByLabel('Presupuesto', { exact: true }).inputValue()).toMatch(/^1\.?500\.?000([,.]00)?$/);
		await admin.context().close();
	});
});
