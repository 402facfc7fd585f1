import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../helpers/axe';
import { appInChromium } from '../helpers/browser';

// The change history of an indicator and the admin audit log read as words in both languages
// (design §4): never a field key, a record id, JSON or an ISO instant.

const env = appInChromium();

const RAW = [
	{ what: 'a camelCase field key', pattern: /\b[a-z]+[A-Z][a-zA-Z]*\b/ },
	{ what: 'a record id', pattern: /#\d+/ },
	{ what: 'JSON', pattern: /\{"|":/ },
	{ what: 'an ISO instant', pattern: /\d{4}-\d{2}-\d{2}T/ },
	{ what: 'an ISO date', pattern: /\b\d{4}-\d{2}-\d{2}\b/ },
	{ what: 'an enum code or a column name', pattern: /\b[a-z]+_[a-z_]+\b/ }
];
function expectWords(text: string) {
	for (const { what, pattern } of RAW) expect(text.match(pattern)?.[0] ?? null, `${what} in: ${text.slice(0, 2000)}`).toBeNull();
}

async function inLocale(page: Page, locale: 'es' | 'en') {
	await page.context().addCookies([{ name: 'avance_locale', value: locale, url: env.app.url }]);
}

async function indicatorUrl(page: Page, code: string) {
	await page.goto(`${env.app.url}/programmes/patss/results`);
	const href = await page.locator(`[data-code="${code}"] a`).first().getAttribute('href');
	return new URL(href!, env.app.url).toString();
}

describe('the history and the audit log in words, in Chromium', () => {
	it('shows an indicator’s history with its period, its reviewer and its values named, in Spanish and English', async () => {
		// A second coordinator approves the value waiting for review on 4.2-1…
		const second = await env.signedInPage('coord2.patss@avance.test');
		const url = await indicatorUrl(second, '4.2-1');
		await second.goto(url);
		await second.getByRole('button', { name: /Aprobar/ }).click();
		await expect.poll(() => second.getByTestId('notice').textContent()).toBe('Valor aprobado.');

		// …and the first one edits the reference sheet: an SDG target, the decimals.
		const first = await env.signedInPage('coord.patss@avance.test');
		await first.goto(`${url}/edit`);
		await first.locator('#ind-sdg').fill('8.5');
		await first
			.locator('form')
			.filter({ has: first.locator('#ind-sdg') })
			.getByRole('button', { name: 'Guardar' })
			.click();
		await first.waitForURL((u) => !u.pathname.endsWith('/edit'));

		await first.goto(url);
		const history = first.getByTestId('history');
		const es = (await history.innerText()).replace(/\s+/g, ' ');
		expect(es).toContain('Carmen Coordinadora (PATSS)');
		expect(es).toContain('Estado: Enviado → Aprobado');
		expect(es).toMatch(/Valor del indicador 4\.2-1 .+ · \d{4}-S\d/);
		expect(es).toMatch(/Meta ODS: (— → )?8\.5/);
		expectWords(es);
		// The value's record links to its indicator.
		expect(
			await history
				.getByRole('link', { name: /4\.2-1/ })
				.first()
				.getAttribute('href')
		).toMatch(/\/indicators\/\d+$/);

		await inLocale(first, 'en');
		await first.goto(url);
		const en = (await first.getByTestId('history').innerText()).replace(/\s+/g, ' ');
		expect(en).toContain('Status: Submitted → Approved');
		expect(en).toMatch(/SDG target: (— → )?8\.5/);
		expect(en).toMatch(/Indicator value 4\.2-1 .+ · \d{4}-S\d/);
		expectWords(en);
		// The lines (links, shortened texts, the language mark) keep the page accessible.
		expect(await seriousViolations(first)).toEqual([]);
	});

	it('shows the admin audit log with named records, local dates and no raw keys, ids or JSON', async () => {
		const admin = await env.signedInPage('admin@avance.test');
		for (const locale of ['es', 'en'] as const) {
			await inLocale(admin, locale);
			await admin.goto(`${env.app.url}/admin/audit`);
			const table = admin.getByTestId('audit-entries');
			const text = (await table.innerText()).replace(/\s+/g, ' ');
			expectWords(text);
			// Every entry names its record: no bare "Record: " with nothing after it.
			const records = await table.locator('tbody tr td:nth-child(4)').allInnerTexts();
			expect(records.length).toBeGreaterThan(10);
			for (const cell of records) expect(cell, cell).toMatch(/: \S/);
			// Memberships, filtered: the seed writes many newer entries (approvals, the evaluation
			// matrix) that push the first memberships off the log's first page.
			await admin.goto(`${env.app.url}/admin/audit?entity=membership`);
			const memberships = (await admin.getByTestId('audit-entries').innerText()).replace(/\s+/g, ' ');
			expect(memberships).toContain(locale === 'es' ? 'Acceso a un programa' : 'Programme access');
			expectWords(memberships);
		}
	});
});
